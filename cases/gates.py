"""Gates for cases: gather the facts, ask the policy, log the read, 404 otherwise."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from access.policy import Actor, CaseFacts, may_edit_case, may_view_case
from accounts.models import Role
from audit.models import Operation
from audit.services import log_processing
from cases.models import Case

ACTIVITY = "case-coordination"


def case_facts(case: Case) -> CaseFacts:
    return CaseFacts(
        municipality_id=case.municipality_id,
        region_id=case.municipality.region_id,
        lead_user_id=case.lead_id,
        process_director_user_id=case.process_director_id,
        team_organisation_ids=frozenset(
            case.team.filter(removed_at__isnull=True).values_list("organisation_id", flat=True)
        ),
    )


def get_case_for_user(actor: Actor, case_id: int, *, write: bool = False) -> Case:
    """The case when the actor may see it (and direct it, with write=True); else 404.

    Missing and forbidden look the same. The read is logged; writes are logged by services.
    """
    case = Case.objects.select_related("municipality", "subject").filter(pk=case_id).first()
    if case is None:
        raise Http404
    facts = case_facts(case)
    if not may_view_case(actor, facts):
        raise Http404
    if write and not may_edit_case(actor, facts):
        raise Http404
    if not write:
        log_processing(
            activity=ACTIVITY,
            name="cases.read",
            operation=Operation.READ,
            actor=actor,
            subjects=[f"subject:{case.subject_id}"],
            object_type="case",
            object_id=case.pk,
        )
    return case


def cases_visible_to(actor: Actor) -> QuerySet[Case]:
    """The cases an actor may see, as one query. Mirrors access.policy.may_view_case
    (break-glass grants arrive with their own step and are added here then)."""
    if actor.role == Role.LEAD and actor.municipality_id is not None:
        return Case.objects.filter(lead_id=actor.user_id, municipality_id=actor.municipality_id)
    if actor.role == Role.PROCESS_DIRECTOR:
        return Case.objects.filter(
            process_director_id=actor.user_id, municipality__region_id=actor.region_id
        )
    if actor.role == Role.PARTNER:
        return Case.objects.filter(
            Q(team__organisation_id=actor.organisation_id, team__removed_at__isnull=True)
        ).distinct()
    return Case.objects.none()
