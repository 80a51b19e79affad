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
from typing import Any

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from access.facts import Actor
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from tasks.gates import cases_among_visible
from tasks.models import Notification, NotificationKind, Task, TaskStatus
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
    # A stronger alert (a minor, several members of one family): marked as urgent.
    urgent: bool = False
    # The case a situation alert is about, only when the reader may see that case.
    case_url: str | None = None
    case_id: int | None = None


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
    if notification.kind == NotificationKind.SITUATION_ALERT:
        params = notification.params
        case_id = params.get("case")
        shown = case_id if isinstance(case_id, int) and case_id in visible_cases else None
        return MessageLine(
            notification,
            situation_alert_text(params),
            open_url,
            unread,
            urgent=situation_alert_urgent(params),
            case_url=reverse("cases:detail", args=[shown]) if shown is not None else None,
            case_id=shown,
        )
    return MessageLine(notification, _plain_text(notification), open_url, unread)


def situation_alert_urgent(params: dict[str, Any]) -> bool:
    return bool(params.get("minor")) or int(params.get("family", 0)) > 1


def situation_alert_text(params: dict[str, Any]) -> str:
    """A situation alert in the reader's language, without a name: the situation (its
    label's msgid, stored when the alert was made), and why it is urgent when it is."""
    situation = _(str(params.get("label") or params.get("situation") or ""))
    if params.get("minor"):
        text = _(
            "Urgent — a case of a minor in your municipality: situation changed to %(situation)s"
        ) % {"situation": situation}
    else:
        text = _("A case in your municipality: situation changed to %(situation)s") % {
            "situation": situation
        }
    family = int(params.get("family", 0))
    if family > 1:
        text += ". " + ngettext(
            "Urgent — %(count)d member of one family is in this situation",
            "Urgent — %(count)d members of one family are in this situation",
            family,
        ) % {"count": family}
    return text


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
    alert_cases = {
        n.params.get("case")
        for n in items
        if n.kind == NotificationKind.SITUATION_ALERT and isinstance(n.params.get("case"), int)
    }
    case_ids |= {i for i in alert_cases if isinstance(i, int)}
    visible = cases_among_visible(actor, [i for i in case_ids if i is not None])
    lines = [line_for(n, visible_cases=visible) for n in items]
    subjects = {
        f"subject:{n.task.case.subject_id}"
        for n in items
        if n.task is not None and n.task.case is not None and n.task.case_id in visible
    }
    subjects |= _alert_subjects(lines)
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


def _alert_subjects(lines: list[MessageLine]) -> set[str]:
    """The subjects of the cases whose number a situation alert shows (the reader may see
    them): reading the number is a read of the subject."""
    shown = {line.case_id for line in lines if line.case_id is not None}
    if not shown:
        return set()
    # The case model is reached through the task's relation (tasks may not import cases).
    case_model = Task._meta.get_field("case").related_model
    assert case_model is not None
    subject_ids = case_model._default_manager.filter(pk__in=shown).values_list(
        "subject_id", flat=True
    )
    return {f"subject:{subject_id}" for subject_id in subject_ids}


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
