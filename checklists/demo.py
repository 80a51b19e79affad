"""Demo data for checklists, called from the demo seed.

Youssef el Oefenberg's case (situation departed) gets the *departed* checklist with a
departure date 100 days ago and two items ticked, so the BRP deregistration check (due 90
days after departure) is overdue in the demo. Running it again changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Role
from cases.models import Case
from cases.workflow import Situation
from checklists.models import Checklist, ChecklistTemplate, ItemState, Scenario
from checklists.services import checklist_item_mark, checklist_start, templates_load

DEPARTED_DAYS_AGO = 100
# The police, who hold these items (issue 14), reported the missing person; signalling the
# passport is still open on their task list (the browser journey does it).
TICKED_BY_POLICE = ("missing-person-report",)


@transaction.atomic
def seed_checklists_demo() -> Checklist | None:
    """Loads the templates and starts the demo checklist; None when the demo case is absent."""
    templates_load()
    case = (
        Case.objects.select_related("subject", "lead")
        .filter(subject__surname="Oefenberg", situation=Situation.DEPARTED)
        .order_by("pk")
        .first()
    )
    if case is None:
        return None
    existing = Checklist.objects.filter(case=case, template__scenario=Scenario.DEPARTED).first()
    if existing is not None:
        return existing
    membership = (
        Membership.objects.current()
        .select_related("organisation", "user")
        .filter(user=case.lead, role=Role.LEAD, organisation__municipality_id=case.municipality_id)
        .first()
    )
    if membership is None:
        return None
    actor = actor_for_membership(membership)
    template = ChecklistTemplate.objects.get(scenario=Scenario.DEPARTED, active=True)
    checklist = checklist_start(
        actor=actor,
        user=case.lead,
        case=case,
        template=template,
        event_date=timezone.localdate() - timedelta(days=DEPARTED_DAYS_AGO),
    )
    for item in checklist.items.filter(template_item__code__in=TICKED_BY_POLICE):
        officer = _officer_of(item.holder_organisation_id) or membership
        checklist_item_mark(
            actor=actor_for_membership(officer),
            user=officer.user,
            item=item,
            state=ItemState.DONE,
            version=item.version,
        )
    return checklist


def _officer_of(organisation_id: int | None) -> Membership | None:
    if organisation_id is None:
        return None
    return (
        Membership.objects.current()
        .select_related("organisation", "user")
        .filter(organisation_id=organisation_id, role=Role.PARTNER)
        .order_by("user__email")
        .first()
    )
