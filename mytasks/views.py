"""My tasks ("mijn taken"): the user's open tasks, and for a lead the overdue tasks of others
in the cases they lead (their own are in the first table: each task is listed once). Every
task is shown only while its case is visible to the viewer, and links to its source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access import roles as access_roles
from access.actor import request_actor
from access.exports import EXPORT_LIMIT, EXPORTERS, ExportableList, may_export
from access.facts import Actor
from access.roles import has_role
from audit.models import Operation
from audit.services import log_processing
from cases.case_tasks import MAX_ROWS, task_rows
from cases.gates import ACTIVITY, cases_visible_to
from cases.review_tasks import review_task_done
from lib.access_rules import roles
from lib.listing import (
    ListState,
    bound_filters,
    export_too_large,
    keyset_page,
    list_state,
    list_view,
    ordered_rows,
)
from lib.spreadsheet import checked_format, download
from mytasks.listing import TASK_LIST, TaskFilterForm, task_sheet
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
        .select_related("case", "owner", "organisation")
        .order_by("due_on", "id")
    )


def _task_list(request: HttpRequest) -> tuple[ListState, TaskFilterForm, bool]:
    state = list_state(request, TASK_LIST)
    form, valid = bound_filters(request, state, TaskFilterForm)
    return state, form, valid


def _log_tasks(
    actor: Actor, tasks: Sequence[Task], *, name: str, operation: Operation, colleagues: bool
) -> None:
    subjects = {f"subject:{task.case.subject_id}" for task in tasks if task.case}
    if colleagues:
        # The lead's table names colleagues: reading staff data is logged too.
        subjects |= {
            f"user:{task.owner_id}"
            for task in tasks
            if task.owner_id is not None and task.owner_id != actor.user_id
        }
    if subjects:
        log_processing(
            activity=ACTIVITY,
            name=name,
            operation=operation,
            actor=actor,
            subjects=sorted(subjects),
            object_type="task",
        )


@roles(access_roles.CASE_WORKERS)
@require_GET
def my_tasks_view(request: HttpRequest) -> HttpResponse:
    """The user's open tasks (filters and order kept in the session, keyset pages), and for a
    lead the overdue tasks of others in the cases they lead."""
    actor = request_actor(request)
    today = timezone.localdate()
    state, form, valid = _task_list(request)
    # The same query as the menu's count (tasks.gates), so the two always agree.
    own = form.apply(own_open_tasks(actor), today=today) if valid else Task.objects.none()
    page = keyset_page(own, state)
    is_lead = has_role(actor, access_roles.LEAD)
    led = list(_overdue_in_led_cases(actor, today)[:MAX_ROWS]) if is_lead else []
    _log_tasks(actor, page.rows, name="tasks.list", operation=Operation.READ, colleagues=False)
    _log_tasks(actor, led, name="tasks.list", operation=Operation.READ, colleagues=True)
    may_export_tasks = may_export(actor, ExportableList.TASKS)
    context = {
        "form": form,
        "rows": task_rows(page.rows, today=today, viewer_id=actor.user_id),
        "listing": list_view(
            state, page, export_url=reverse("mytasks:export") if may_export_tasks else ""
        ),
        "overdue_count": own_overdue_count(actor, today=today),
        "is_lead": is_lead,
        "led_rows": task_rows(led, today=today, viewer_id=actor.user_id),
        "today": today,
    }
    return render(request, "mytasks/my_tasks.html", context, status=200 if valid else 400)


@roles(EXPORTERS[ExportableList.TASKS])
@require_POST
def my_tasks_export_view(request: HttpRequest) -> HttpResponse:
    """The user's own task list as last seen, as a file; logged per data subject first."""
    actor = request_actor(request)
    fmt = checked_format(request.POST.get("formaat", ""))
    today = timezone.localdate()
    state, form, _valid = _task_list(request)
    rows = ordered_rows(form.apply(own_open_tasks(actor), today=today), state, limit=EXPORT_LIMIT)
    if len(rows) > EXPORT_LIMIT:
        return export_too_large(request, limit=EXPORT_LIMIT, list_url=reverse("mytasks:list"))
    _log_tasks(actor, rows, name="tasks.export", operation=Operation.EXPORT, colleagues=False)
    return download(task_sheet(rows, today=today), stem="taken", fmt=fmt)


@roles(access_roles.CASE_WORKERS)
@require_POST
def review_task_done_view(request: HttpRequest, task_id: int) -> HttpResponse:
    """Ticks off the user's own open review task; anything else is the same 404."""
    review_task_done(actor=request_actor(request), task_id=task_id)
    messages.success(request, _("The review task is marked as done."))
    return redirect("mytasks:list")
