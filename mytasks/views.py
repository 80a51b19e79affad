"""My tasks ("mijn taken"): the user's open tasks, and for a lead the overdue tasks of others
in the cases they lead (their own are in the first table: each task is listed once). Every
task is shown only while its case is visible to the viewer, and links to its source."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.roles import has_role
from audit.models import Operation
from audit.services import log_processing
from cases.case_tasks import MAX_ROWS, task_rows
from cases.gates import ACTIVITY, cases_visible_to
from cases.review_tasks import review_task_done
from lib.access_rules import roles
from tasks.gates import own_open_tasks, own_overdue_count
from tasks.models import Task, TaskStatus


def _overdue_in_led_cases(actor: Actor, today: date) -> QuerySet[Task]:
    # The lead's own overdue tasks are in the first table already.
    return (
        Task.objects.filter(
            status=TaskStatus.OPEN,
            due_on__lt=today,
            case__lead_id=actor.user_id,
            case__in=cases_visible_to(actor),
        )
        .exclude(owner_id=actor.user_id)
        .select_related("case", "owner")
        .order_by("due_on", "id")
    )


def _render(request: HttpRequest, actor: Actor) -> HttpResponse:
    today = timezone.localdate()
    # The same query as the menu's count (tasks.gates), so the two always agree.
    own = list(own_open_tasks(actor)[: MAX_ROWS + 1])
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
        "overdue_count": own_overdue_count(actor, today=today),
        "truncated": len(own) > MAX_ROWS,
        "max_rows": MAX_ROWS,
        "is_lead": is_lead,
        "led_rows": task_rows(led, today=today, viewer_id=actor.user_id),
        "today": today,
    }
    return render(request, "mytasks/my_tasks.html", context)


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
