"""The messages page (berichten): the reader's own notifications, a page at a time, grouped by
day, each line worded in the reader's language when it is shown.

A notification about a task names the task and its case only while the reader may still see
that case (``tasks.gates``); otherwise the line says only that it is about something they can
no longer open, and has no link. Notifications about a task that is no longer open are left
out altogether (``NotificationQuerySet.current``): "you have a new task" about a task that is
already done would send the reader to do it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from tasks.gates import cases_among_visible
from tasks.models import Notification, NotificationKind, TaskStatus
from tasks.services import acute_signal_text, key_figures_lapsed_text, overdue_summary

# The processing activity of case work in the register (the same as cases.gates.ACTIVITY,
# which this earlier app may not import).
ACTIVITY = "case-coordination"
PER_PAGE = 50


@dataclass(frozen=True)
class MessageLine:
    notification: Notification
    text: str
    # Through the open view, which marks the line read; None for what the reader cannot open.
    open_url: str | None
    unread: bool
    # The task's due date, for a line about a task the reader may see.
    due_on: date | None = None


@dataclass(frozen=True)
class Day:
    day: date
    lines: list[MessageLine]


def _task_text(notification: Notification) -> str:
    task = notification.task
    assert task is not None
    values = {"title": task.title, "number": task.case_id}
    overdue = notification.kind == NotificationKind.TASK_OVERDUE
    if task.case_id is None:
        return (_("Overdue task: %(title)s") if overdue else _("New task: %(title)s")) % values
    if overdue:
        return _("Overdue task in case %(number)s: %(title)s") % values
    return _("New task in case %(number)s: %(title)s") % values


def line_for(notification: Notification, *, visible_cases: set[int]) -> MessageLine:
    """One line; ``visible_cases`` holds the cases (of this page's tasks) the reader may see."""
    unread = notification.read_at is None
    open_url = reverse("tasks:open", args=[notification.pk])
    task = notification.task
    if task is not None:
        if task.case_id is not None and task.case_id not in visible_cases:
            gone = _("A message about a case you can no longer open")
            return MessageLine(notification, gone, None, unread)
        return MessageLine(notification, _task_text(notification), open_url, unread, task.due_on)
    return MessageLine(notification, _plain_text(notification), open_url, unread)


def _plain_text(notification: Notification) -> str:
    """The line of a message without a task, in the reader's language where its kind can be
    worded from its parameters; older messages keep the title they were stored with."""
    params = notification.params
    if notification.kind == NotificationKind.OVERDUE_SUMMARY:
        return overdue_summary(int(params.get("count", 0)))
    if notification.kind == NotificationKind.KEY_FIGURES_LAPSED:
        return key_figures_lapsed_text(int(params.get("count", 0)))
    if notification.kind == NotificationKind.ACUTE_SIGNAL:
        name = (
            Municipality.objects.filter(pk=params.get("municipality"))
            .values_list("name", flat=True)
            .first()
        )
        if name is not None:
            return acute_signal_text(name)
    return notification.title


def inbox_page(actor: Actor, page_number: str | None) -> tuple[Page, list[Day]]:
    """A page of the actor's own current notifications, newest first, grouped by local day.

    Reading task titles in cases is reading case work: logged per subject, as "Mijn taken".
    """
    notifications = (
        Notification.objects.current()
        .filter(recipient_id=actor.user_id)
        .select_related("task__case")
        .order_by("-created_at", "-id")
    )
    page = Paginator(notifications, PER_PAGE).get_page(page_number)
    items: list[Notification] = list(page.object_list)
    case_ids = {n.task.case_id for n in items if n.task is not None and n.task.case_id}
    visible = cases_among_visible(actor, [i for i in case_ids if i is not None])
    lines = [line_for(n, visible_cases=visible) for n in items]
    subjects = {
        f"subject:{n.task.case.subject_id}"
        for n in items
        if n.task is not None and n.task.case is not None and n.task.case_id in visible
    }
    if subjects:
        log_processing(
            activity=ACTIVITY,
            name="tasks.notifications.list",
            operation=Operation.READ,
            actor=actor,
            subjects=sorted(subjects),
            object_type="notification",
        )
    days = [
        Day(day, list(group))
        for day, group in groupby(
            lines, key=lambda line: timezone.localdate(line.notification.created_at)
        )
    ]
    return page, days


def open_target(actor: Actor, notification: Notification) -> str | None:
    """Where opening a notification leads: its link, unless it is about a task that is no
    longer open or a case the reader can no longer see (None: back to the list)."""
    task = notification.task
    if task is None:
        return notification.url
    if task.status != TaskStatus.OPEN:
        return None
    if task.case_id is not None and not cases_among_visible(actor, [task.case_id]):
        return None
    return task.url
