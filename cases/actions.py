"""Actions of a case: agreed by the lead (or at a conference by its chair), carried out by
an owner organisation and person, reported on by the owner.

Each open action is a task for its owner (tasks.TaskSource.ACTION); done closes the task,
cancelled withdraws it. The history of status and feedback is appended (ActionUpdate).
Actions are visible to whoever may see the case; guessing an action id of another case is
the same 404 as a missing one.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_create_action, may_edit_case, may_update_action
from access.facts import Actor
from accounts.models import Membership, Organisation, Role, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts, get_case_for_user
from cases.models import Action, ActionStatus, ActionUpdate, Case
from cases.plans import goal_owner_choices
from cases.workflow import CaseStatus
from lib.concurrency import StaleEdit, update_if_current
from meetings.conferences import item_conference, require_open
from meetings.models import AgendaItem
from tasks.models import TaskSource
from tasks.services import task_assign, task_close, task_withdraw
from tasks.titles import Title

OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
# Done and cancelled are final: a new need is a new action, so the history stays plain.
ALLOWED_STATUS = {
    ActionStatus.OPEN: {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED},
    ActionStatus.IN_PROGRESS: {ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.CANCELLED},
    ActionStatus.DONE: set(),
    ActionStatus.CANCELLED: set(),
}
OWNER_ROLES = (Role.LEAD, Role.PARTNER, Role.PROCESS_DIRECTOR)


def is_overdue(action: Action, today: date | None = None) -> bool:
    return action.status in OPEN_STATUSES and action.due_on < (today or timezone.localdate())


def owner_choices(case: Case) -> QuerySet[Membership]:
    """The people who may own an action: current memberships at a team organisation or the
    municipality itself."""
    organisations = [o.pk for o in goal_owner_choices(case)]
    return (
        Membership.objects.current()
        .filter(organisation_id__in=organisations, role__in=OWNER_ROLES)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
    )


def _log(actor: Actor, case: Case, action: Action, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type="action",
        object_id=action.pk,
    )


def action_url(action: Action) -> str:
    return reverse("cases:action", kwargs={"case_id": action.case_id, "action_id": action.pk})


def _assign_task(action: Action, case: Case) -> None:
    # The task is called what the action says; lists show it only behind the case's gate.
    task_assign(
        source=TaskSource.ACTION,
        source_id=action.pk,
        case=case,
        owner=action.owner,
        title=Title.text(action.description),
        url=action_url(action),
        due_on=action.due_on,
    )


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    user: User,
    case: Case,
    description: str,
    owner_organisation: Organisation,
    owner: User,
    due_on: date,
    goal_position: int | None = None,
    agenda_item: AgendaItem | None = None,
) -> Action:
    """Agrees an action and gives its owner a task."""
    if not may_create_action(
        actor, case_facts(case), conference=item_conference(case.pk, agenda_item)
    ):
        raise ValidationError(_("Only the lead, the process director or the chair agree actions."))
    if agenda_item is not None:
        require_open(agenda_item.meeting)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed; no actions can be added."))
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Describe what is to be done.")]
    if owner_organisation.pk not in {o.pk for o in goal_owner_choices(case)}:
        errors["owner"] = [_("The owner must work for a team organisation or the municipality.")]
    elif not owner_choices(case).filter(organisation=owner_organisation, user=owner).exists():
        errors["owner"] = [_("The owner must work for the owner organisation now.")]
    if due_on < timezone.localdate():
        errors["due_on"] = [_("The due date cannot lie in the past.")]
    if errors:
        raise ValidationError(errors)
    action = Action(
        case=case,
        description=description.strip(),
        goal_position=goal_position,
        agenda_item=agenda_item,
        owner_organisation=owner_organisation,
        owner=owner,
        due_on=due_on,
        created_by=user,
    )
    action.full_clean()
    action.save()
    _assign_task(action, case)
    _log(actor, case, action, name="cases.actions.create", operation=Operation.CREATE)
    return action


@transaction.atomic
def action_update(
    *, actor: Actor, user: User, action: Action, status: str, feedback: str, version: int
) -> Action:
    """Reports status and feedback (appended to the history).

    ``version`` is the action's version the user saw; a newer one refuses the update
    (StaleEdit). Done closes the owner's task; cancelled withdraws it.
    """
    case = action.case
    if not may_update_action(actor, case_facts(case), owner_user_id=action.owner_id):
        raise ValidationError(_("Only the owner or the lead can report on this action."))
    current = Action.objects.filter(pk=action.pk).values_list("status", "version").first()
    if current is None or current[1] != version:
        raise StaleEdit
    old_status = current[0]
    errors: dict[str, list[str]] = {}
    if status not in ActionStatus.values:
        errors["status"] = [_("Choose the status of the action.")]
    elif status != old_status and status not in ALLOWED_STATUS[ActionStatus(old_status)]:
        errors["status"] = [
            _("An action that is %(current)s cannot become %(target)s.")
            % {
                "current": ActionStatus(old_status).label,
                "target": ActionStatus(status).label,
            }
        ]
    elif status == ActionStatus.CANCELLED and not may_edit_case(actor, case_facts(case)):
        errors["status"] = [_("Only the lead can cancel an action.")]
    elif status == old_status and not feedback.strip():
        errors["feedback"] = [_("Give feedback or change the status.")]
    if status == ActionStatus.DONE and not feedback.strip():
        errors["feedback"] = [_("Say what was done.")]
    if errors:
        raise ValidationError(errors)
    changes: dict[str, object] = {"status": status}
    if feedback.strip():
        changes["feedback"] = feedback.strip()
    update_if_current(Action, action.pk, version, **changes)
    ActionUpdate.objects.create(action=action, status=status, feedback=feedback.strip(), by=user)
    action.refresh_from_db()
    if status == ActionStatus.DONE:
        task_close(source=TaskSource.ACTION, source_id=action.pk)
    elif status == ActionStatus.CANCELLED:
        task_withdraw(source=TaskSource.ACTION, source_id=action.pk)
    _log(actor, case, action, name="cases.actions.update", operation=Operation.UPDATE)
    return action


# --- Reading. ---


def get_action_for_user(actor: Actor, case_id: int, action_id: int) -> tuple[Case, Action]:
    """The case (through its gate, read logged) and one of its actions; else 404."""
    case = get_case_for_user(actor, case_id)
    action = (
        Action.objects.select_related("owner", "owner_organisation", "created_by", "agenda_item")
        .filter(pk=action_id, case=case)
        .first()
    )
    if action is None:
        raise Http404
    return case, action


def open_actions(case: Case) -> list[Action]:
    return list(
        Action.objects.filter(case=case, status__in=OPEN_STATUSES)
        .select_related("owner", "owner_organisation")
        .order_by("due_on", "id")
    )
