"""Task rows and deadlines of a case: the tasks section of the case page, and the rows that
"Mijn taken" (the mytasks app) shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Membership
from cases.models import Action, ActionStatus, Case
from tasks.models import Task, TaskSource, TaskStatus

# More open tasks than this is a problem to raise, not a page to scroll; the count says so.
MAX_ROWS = 200


@dataclass(frozen=True)
class TaskRow:
    task: Task
    overdue: bool
    owner_organisation: str
    # Only review tasks are ticked off here; actions are finished on their own page.
    may_mark_done: bool


def owner_organisations(tasks: Iterable[Task]) -> dict[int, str]:
    """The organisation each task's owner acts for, in two queries for any number of tasks.

    An action names its owner organisation; a task an organisation holds as a whole names
    that organisation; for other tasks (review dates) it is the owner's current organisations.
    """
    tasks = list(tasks)
    action_ids = [task.source_id for task in tasks if task.source == TaskSource.ACTION]
    by_action = dict(
        Action.objects.filter(pk__in=action_ids).values_list("pk", "owner_organisation__name")
    )
    other_owners = {
        task.owner_id
        for task in tasks
        if task.source != TaskSource.ACTION and task.owner_id is not None
    }
    by_user: dict[int, dict[str, None]] = {}
    memberships = (
        Membership.objects.current()
        .filter(user_id__in=other_owners)
        .order_by("organisation__name")
        .values_list("user_id", "organisation__name")
    )
    for user_id, name in memberships:
        by_user.setdefault(user_id, {})[name] = None  # a dict keeps order and drops repeats
    return {task.pk: _organisation_of(task, by_action, by_user) for task in tasks}


def _organisation_of(
    task: Task, by_action: dict[int, str], by_user: dict[int, dict[str, None]]
) -> str:
    if task.source == TaskSource.ACTION:
        return by_action.get(task.source_id, "")
    if task.owner_id is None:
        return task.organisation.name if task.organisation else ""
    return ", ".join(by_user.get(task.owner_id, {}))


def task_rows(tasks: Sequence[Task], *, today: date, viewer_id: int) -> list[TaskRow]:
    organisations = owner_organisations(tasks)
    return [
        TaskRow(
            task=task,
            overdue=task.due_on < today,
            owner_organisation=organisations.get(task.pk, ""),
            may_mark_done=task.source == TaskSource.REVIEW and task.owner_id == viewer_id,
        )
        for task in tasks
    ]


# "Upcoming" on the case page: what falls due before the next conferences, about a month.
DEADLINE_HORIZON = timedelta(weeks=4)


@dataclass(frozen=True)
class Deadline:
    due_on: date
    what: str
    organisation: str


def case_deadlines(case: Case, *, today: date) -> list[Deadline]:
    """The review date and the due dates of unfinished actions in the coming four weeks."""
    horizon = today + DEADLINE_HORIZON
    deadlines = []
    if case.review_on is not None and today <= case.review_on <= horizon:
        deadlines.append(Deadline(case.review_on, _("Review by the case conference"), ""))
    actions = (
        Action.objects.filter(
            case=case,
            status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
            due_on__gte=today,
            due_on__lte=horizon,
        )
        .select_related("owner_organisation")
        .order_by("due_on", "id")
    )
    deadlines += [
        Deadline(action.due_on, action.description, action.owner_organisation.name)
        for action in actions
    ]
    return sorted(deadlines, key=lambda deadline: deadline.due_on)


def case_tasks_context(actor: Actor, case: Case) -> dict[str, object]:
    """The tasks section of a case page; the caller has passed the case gate (and logged)."""
    today = timezone.localdate()
    tasks = list(
        case.tasks.filter(status=TaskStatus.OPEN)
        .select_related("organisation")
        .order_by("due_on", "id")
    )
    return {
        "case_task_rows": task_rows(tasks, today=today, viewer_id=actor.user_id),
        "case_deadlines": case_deadlines(case, today=today),
        "case_deadline_until": today + DEADLINE_HORIZON,
    }
