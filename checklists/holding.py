"""Handing a checklist item to whoever does it, and their report back (issue 14).

The lead or process director hands an open item to a team organisation, and within it, if
they like, to a named professional; the item's task moves with it. The organisation that
holds the item reports back on it (and marks it done, checklists.services). An organisation
that leaves the team gives its items back to the lead at once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_complete_checklist_item, may_tick_checklist
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import CaseEvent, TeamMember
from checklists.holders import holder_choices
from checklists.models import Checklist, ChecklistItem, ItemState
from checklists.services import assign_item_task, require_open_case
from lib.concurrency import StaleEdit


def _log_item(actor: Actor, item: ChecklistItem, *, name: str) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.UPDATE,
        actor=actor,
        subjects=[f"subject:{item.checklist.case.subject_id}"],
        object_type="checklist_item",
        object_id=item.pk,
    )


def _bump(item: ChecklistItem, version: int, **fields: Any) -> None:
    updated = ChecklistItem.objects.filter(pk=item.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise StaleEdit
    Checklist.objects.filter(pk=item.checklist_id).update(version=F("version") + 1)
    item.refresh_from_db()


def _checked_holder(
    item: ChecklistItem, organisation_id: int | None, holder_id: int | None
) -> tuple[Organisation | None, User | None]:
    if organisation_id is None:
        if holder_id is not None:
            raise ValidationError({"holder": _("Choose the organisation of the professional.")})
        return None, None
    choices = {choice.organisation.pk: choice for choice in holder_choices(item.checklist.case)}
    choice = choices.get(organisation_id)
    if choice is None:
        raise ValidationError(
            {"organisation": _("Choose an organisation that is on the case team now.")}
        )
    if holder_id is None:
        return choice.organisation, None
    people = {person.pk: person for person in choice.professionals}
    if holder_id not in people:
        raise ValidationError(
            {"holder": _("Choose a professional who works for that organisation now.")}
        )
    return choice.organisation, people[holder_id]


@transaction.atomic
def checklist_item_assign(
    *,
    actor: Actor,
    item: ChecklistItem,
    organisation_id: int | None,
    holder_id: int | None,
    version: int,
) -> ChecklistItem:
    """Hands an open item to a team organisation (and perhaps one of its professionals), or
    back to the lead when ``organisation_id`` is None. Its task moves with it."""
    case = item.checklist.case
    if not may_tick_checklist(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director hands out checklist items."))
    require_open_case(case)
    if item.state != ItemState.OPEN:
        raise ValidationError(_("Only an open item can be handed to someone."))
    organisation, holder = _checked_holder(item, organisation_id, holder_id)
    _bump(item, version, holder_organisation=organisation, holder=holder)
    assign_item_task(case, item.checklist, item)
    _log_item(actor, item, name="checklists.item.assign")
    return item


@transaction.atomic
def checklist_item_report(
    *, actor: Actor, user: User, item: ChecklistItem, feedback: str, version: int
) -> ChecklistItem:
    """The holder's report back on an item (what was done, what is still awaited): kept on
    the item with who and when; the latest report replaces the one before."""
    case = item.checklist.case
    facts = case_facts(case)
    if not may_complete_checklist_item(
        actor, facts, holder_organisation_id=item.holder_organisation_id
    ):
        raise ValidationError(_("Only the organisation that holds the item reports back on it."))
    require_open_case(case)
    feedback = feedback.strip()
    if not feedback:
        raise ValidationError({"feedback": _("Write what you report back.")})
    _bump(item, version, feedback=feedback, feedback_by=user, feedback_at=timezone.now())
    _log_item(actor, item, name="checklists.item.report")
    return item


def items_back_to_lead(*, case_id: int, organisation_id: int) -> int:
    """The open items an organisation held on a case go back to the lead (with their
    tasks) when it leaves the team: no task stays with someone who can no longer see it."""
    items = list(
        ChecklistItem.objects.filter(
            checklist__case_id=case_id,
            holder_organisation_id=organisation_id,
            state=ItemState.OPEN,
        ).select_related("checklist__case", "template_item")
    )
    for item in items:
        ChecklistItem.objects.filter(pk=item.pk).update(
            holder_organisation=None, holder=None, version=F("version") + 1
        )
        item.holder_organisation = None
        item.holder = None
        assign_item_task(item.checklist.case, item.checklist, item)
    return len(items)


def team_changed(sender: type, instance: CaseEvent, created: bool, **_: Any) -> None:
    if not created or instance.kind != CaseEvent.Kind.TEAM_REMOVED:
        return
    organisation_id = _removed_organisation(instance)
    if organisation_id is not None:
        items_back_to_lead(case_id=instance.case_id, organisation_id=organisation_id)


def _removed_organisation(event: CaseEvent) -> int | None:
    # cases.services.team_remove ends the membership row with an update (no save signal)
    # and then appends this event in the same transaction: the row ended last is the one.
    return (
        TeamMember.objects.filter(case_id=event.case_id, removed_at__isnull=False)
        .order_by("-removed_at", "-id")
        .values_list("organisation_id", flat=True)
        .first()
    )


def connect_team_receiver() -> None:
    post_save.connect(team_changed, sender=CaseEvent, dispatch_uid="checklists.team")
