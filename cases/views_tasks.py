"""My tasks ("mijn taken"): the user's open tasks, and for a lead the overdue tasks of the
cases they lead. Every task is shown only while its case is visible to the viewer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.roles import has_role
from accounts.models import Membership
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, cases_visible_to
from cases.models import Action, ActionStatus, Case
from cases.review_tasks import review_task_done
from lib.access_rules import roles
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

    An action names its owner organisation; for other tasks (review dates) it is the owner's
    current organisations.
    """
    tasks = list(tasks)
    action_ids = [task.source_id for task in tasks if task.source == TaskSource.ACTION]
    by_action = dict(
        Action.objects.filter(pk__in=action_ids).values_list("pk", "owner_organisation__name")
    )
    other_owners = {task.owner_id for task in tasks if task.source != TaskSource.ACTION}
    by_user: dict[int, dict[str, None]] = {}
    memberships = (
        Membership.objects.current()
        .filter(user_id__in=other_owners)
        .order_by("organisation__name")
        .values_list("user_id", "organisation__name")
    )
    for user_id, name in memberships:
        by_user.setdefault(user_id, {})[name] = None  # a dict keeps order and drops repeats
    return {
        task.pk: (
            by_action.get(task.source_id, "")
            if task.source == TaskSource.ACTION
            else ", ".join(by_user.get(task.owner_id, {}))
        )
        for task in tasks
    }


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
    tasks = list(case.tasks.filter(status=TaskStatus.OPEN).order_by("due_on", "id"))
    return {
        "case_task_rows": task_rows(tasks, today=today, viewer_id=actor.user_id),
        "case_deadlines": case_deadlines(case, today=today),
        "case_deadline_until": today + DEADLINE_HORIZON,
    }


def _own_tasks(actor: Actor) -> QuerySet[Task]:
    # Tasks without a case (later checklists) belong to the owner alone; case tasks only
    # while the case is visible, so leaving the team hides them at once.
    return (
        Task.objects.filter(owner_id=actor.user_id, status=TaskStatus.OPEN)
        .filter(Q(case__isnull=True) | Q(case__in=cases_visible_to(actor)))
        .select_related("case")
        .order_by("due_on", "id")
    )


def _overdue_in_led_cases(actor: Actor, today: date) -> QuerySet[Task]:
    return (
        Task.objects.filter(
            status=TaskStatus.OPEN,
            due_on__lt=today,
            case__lead_id=actor.user_id,
            case__in=cases_visible_to(actor),
        )
        .select_related("case", "owner")
        .order_by("due_on", "id")
    )


def _render(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = timezone.localdate()
    own = list(_own_tasks(actor)[: MAX_ROWS + 1])
    is_lead = has_role(actor, access_roles.LEAD)
    led = list(_overdue_in_led_cases(actor, today)[:MAX_ROWS]) if is_lead else []
    subjects = {f"subject:{task.case.subject_id}" for task in [*own, *led] if task.case}
    # The lead's table names colleagues: reading staff data is logged too.
    subjects |= {f"user:{task.owner_id}" for task in led if task.owner_id != actor.user_id}
    if subjects:
        log_processing(
            activity=ACTIVITY,
            name="tasks.list",
            operation=Operation.READ,
            actor=actor,
            subjects=sorted(subjects),
            object_type="task",
        )
    context = {
        "rows": task_rows(own[:MAX_ROWS], today=today, viewer_id=actor.user_id),
        "truncated": len(own) > MAX_ROWS,
        "max_rows": MAX_ROWS,
        "is_lead": is_lead,
        "led_rows": task_rows(led, today=today, viewer_id=actor.user_id),
        "today": today,
    }
    return render(request, "cases/my_tasks.html", context)


@roles(access_roles.CASE_WORKERS)
def my_tasks_view(request: HttpRequest) -> HttpResponse:
    return _render(request, request_actor(request))


@roles(access_roles.CASE_WORKERS)
@require_POST
def review_task_done_view(request: HttpRequest, task_id: int) -> HttpResponse:
    """Ticks off the user's own open review task; anything else is the same 404."""
    review_task_done(actor=request_actor(request), task_id=task_id)
    messages.success(request, _("The review task is marked as done."))
    return redirect("mytasks:list")
