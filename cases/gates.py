"""Gates for cases: gather the facts, ask the policy, log the read, 404 otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from access.cases import (
    case_scope,
    is_case_participant,
    may_break_glass,
    may_edit_case,
    may_view_case,
)
from access.facts import Actor, BreakGlass, CaseFacts
from access.refusal import refused
from audit.models import Operation
from audit.services import log_processing
from cases.models import BreakGlassAccess, Case

ACTIVITY = "case-coordination"
# Added to a read's log name when the reader sees the case only through emergency access,
# so the privacy officer can find those reads in the log.
BREAK_GLASS_MARK = ".break_glass"


def case_facts(case: Case) -> CaseFacts:
    now = timezone.now()
    return CaseFacts(
        municipality_id=case.municipality_id,
        region_id=case.municipality.region_id,
        lead_user_id=case.lead_id,
        process_director_user_id=case.process_director_id,
        team_organisation_ids=frozenset(
            case.team.filter(removed_at__isnull=True).values_list("organisation_id", flat=True)
        ),
        break_glass=tuple(
            BreakGlass(user_id=user_id, expires_at=expires_at)
            for user_id, expires_at in BreakGlassAccess.objects.filter(
                case=case, expires_at__gt=now
            ).values_list("user_id", "expires_at")
        ),
    )


def read_name(actor: Actor, facts: CaseFacts, name: str) -> str:
    """The log name of a read: marked when the actor sees the case only by emergency access."""
    if is_case_participant(actor, facts):
        return name
    return name + BREAK_GLASS_MARK


def log_case_read(actor: Actor, case: Case, facts: CaseFacts, *, name: str) -> None:
    log_processing(
        activity=ACTIVITY,
        name=read_name(actor, facts, name),
        operation=Operation.READ,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type="case",
        object_id=case.pk,
    )


def _fetch(case_id: int) -> Case:
    # The lead and the process director come along: the case page names them, and the case
    # pages' headings and forms read them.
    case = (
        Case.objects.select_related("municipality", "subject", "lead", "process_director")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


def get_case_with_facts(
    actor: Actor, case_id: int, *, write: bool = False, log_name: str = "cases.read"
) -> tuple[Case, CaseFacts]:
    """Like get_case_for_user, and returns the facts too so callers need not gather them twice."""
    case = _fetch(case_id)
    facts = case_facts(case)
    if not may_view_case(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    if write and not may_edit_case(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    if not write:
        log_case_read(actor, case, facts, name=log_name)
    return case, facts


@dataclass(frozen=True)
class GatedCase:
    """A case that passed its gate for reading, with its facts gathered once and the actor.

    The case page hands this to each of its sections, so no section gathers the facts again
    or writes its own processing record: the page writes one record per subject it shows."""

    case: Case
    facts: CaseFacts
    actor: Actor


def get_gated_case(actor: Actor, case_id: int, *, log_name: str = "cases.read") -> GatedCase:
    """The case, its facts and the actor when the actor may see it (the read is logged, once);
    else 404."""
    case, facts = get_case_with_facts(actor, case_id, log_name=log_name)
    return GatedCase(case=case, facts=facts, actor=actor)


def get_case_for_user(actor: Actor, case_id: int, *, write: bool = False) -> Case:
    """The case when the actor may see it (and direct it, with write=True); else 404.

    Missing and forbidden look the same. The read is logged (marked when it goes through
    emergency access); writes are logged by services.
    """
    case, _facts = get_case_with_facts(actor, case_id, write=write)
    return case


def get_case_for_break_glass(actor: Actor, case_id: int) -> tuple[Case, CaseFacts]:
    """The case an actor may open by emergency access; 404 for a missing case and for anyone
    who may not use emergency access on it. Nothing of the case is read here, so nothing is
    logged: the step page shows only the case number the user typed."""
    case = _fetch(case_id)
    facts = case_facts(case)
    if not may_break_glass(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    return case, facts


def cases_visible_to(actor: Actor) -> QuerySet[Case]:
    """The cases an actor may see, as one query: the scope beside access.cases.may_view_case."""
    return Case.objects.filter(case_scope(actor)).distinct()
