"""Tasks and notifications.

Tasks follow their source (an action, a review date, ...): the source's service calls
``task_assign`` when it creates or moves the deadline and ``task_close``/``task_withdraw``
when it is done or void. Notifications go in the app at once and by e-mail after the
transaction commits, so a rolled-back change never sends mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership, Organisation, Role, User
from tasks.models import Notification, NotificationKind, Task, TaskSource, TaskStatus
from tasks.titles import Title

if TYPE_CHECKING:  # cases comes later in the import order; only its type is named here
    from cases.models import Case

logger = logging.getLogger(__name__)


def _send_email(user: User, title: str, url: str, task_id: int | None = None) -> None:
    # The e-mail names nothing but the kind of event: its content stays behind the login.
    if task_id is not None and not Task.objects.filter(pk=task_id, status=TaskStatus.OPEN).exists():
        # Done (or withdrawn) in the same transaction that gave it: nothing to tell any more.
        return
    body = _(
        "%(title)s\n\nLog in to Schakel to read it: %(url)s\n\n"
        "This message contains no personal data on purpose."
    ) % {"title": title, "url": url}
    try:
        send_mail(f"Schakel: {title}", body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError as exc:
        # The in-app notification exists; a mail server hiccup must not undo the action.
        logger.error("Notification e-mail to user %s failed: %s", user.pk, exc)


def notify(
    *,
    recipients: Iterable[User],
    title: str,
    url: str,
    email: bool,
    kind: NotificationKind = NotificationKind.PLAIN,
    task: Task | None = None,
    params: dict[str, int] | None = None,
) -> list[Notification]:
    """Tells people in the app, and by e-mail after the commit when ``email``.

    ``title`` is the neutral line of the e-mail (and of a plain notification); a notification
    about a task is worded from the task when it is read (``tasks.inbox``).
    """
    unique = {user.pk: user for user in recipients if user.is_active}
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, title=title, url=url, kind=kind, task=task, params=params or {}
            )
            for user in unique.values()
        ]
    )
    if email:
        absolute = f"{settings.SITE_URL}{url}"
        task_id = task.pk if task is not None else None
        for user in unique.values():
            transaction.on_commit(partial(_send_email, user, title, absolute, task_id))
    return notifications


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification | None:
    """Marks one of the user's own notifications read (once: a second open keeps the first
    time). None when it is not theirs or does not exist."""
    found = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if found is None:
        return None
    Notification.objects.filter(pk=found.pk, read_at__isnull=True).update(read_at=timezone.now())
    found.refresh_from_db(fields=["read_at"])
    return found


def holders(task: Task) -> list[User]:
    """Who is to do the task: its owner, or every professional the holding organisation has
    now as a partner (the organisation is on the case team, so each of them sees it)."""
    if task.owner is not None:
        return [task.owner]
    if task.organisation_id is None:
        return []
    memberships = (
        Membership.objects.current()
        .filter(organisation_id=task.organisation_id, role=Role.PARTNER)
        .select_related("user")
        .order_by("user_id")
    )
    return [membership.user for membership in memberships]


def _notify_assigned(task: Task) -> None:
    # The e-mail says only that a task came; the line in the app names it when it is read.
    notify(
        recipients=holders(task),
        title=str(_("You have a new task")),
        url=task.url,
        email=True,
        kind=NotificationKind.TASK_ASSIGNED,
        task=task,
    )
    Task.objects.filter(pk=task.pk).update(assigned_notified_at=timezone.now())


@transaction.atomic
def task_assign(
    *,
    source: TaskSource,
    source_id: int,
    case: Case | None,
    owner: User | None,
    title: Title | str,
    url: str,
    due_on: date,
    organisation: Organisation | None = None,
) -> Task:
    """Creates the open task of a source, or moves it (new holder, title or due date).

    The holder is a person (``owner``), or an organisation as a whole (``organisation`` with
    no owner). ``title`` is a ``Title`` (a key worded when shown); a plain string is a
    person's own words (``Title.text``). A new holder gets a new task (and a notification);
    the old holder's task is withdrawn.
    """
    if owner is None and organisation is None:
        raise ValueError("A task needs an owner or an organisation.")
    held = {"owner": owner, "organisation": None if owner is not None else organisation}
    stored = title if isinstance(title, Title) else Title.text(title)
    words = {"title_key": str(stored.key), "title_params": dict(stored.params)}
    current = Task.objects.filter(source=source, source_id=source_id, status=TaskStatus.OPEN)
    same_owner = current.filter(**held).first()
    others = current.exclude(pk=same_owner.pk) if same_owner is not None else current
    others.update(status=TaskStatus.WITHDRAWN, closed_at=timezone.now())
    if same_owner is not None:
        changed = same_owner.due_on != due_on
        Task.objects.filter(pk=same_owner.pk).update(
            **words,
            url=url,
            due_on=due_on,
            # A moved deadline may become overdue again and deserves a new reminder.
            overdue_notified_on=None if changed else same_owner.overdue_notified_on,
        )
        same_owner.refresh_from_db()
        return same_owner
    task = Task.objects.create(
        source=source,
        source_id=source_id,
        case=case,
        **held,
        **words,
        url=url,
        due_on=due_on,
    )
    _notify_assigned(task)
    return task


def _finish(source: TaskSource, source_id: int, status: TaskStatus) -> int:
    return Task.objects.filter(source=source, source_id=source_id, status=TaskStatus.OPEN).update(
        status=status, closed_at=timezone.now()
    )


@transaction.atomic
def task_close(*, source: TaskSource, source_id: int) -> int:
    """The source is done: its open task is done too."""
    return _finish(source, source_id, TaskStatus.DONE)


@transaction.atomic
def task_withdraw(*, source: TaskSource, source_id: int) -> int:
    """The source no longer asks anything (cancelled, case closed): the task goes away."""
    return _finish(source, source_id, TaskStatus.WITHDRAWN)


@transaction.atomic
def task_mark_done(*, task: Task) -> bool:
    """One open task is done (a review task the owner ticks off); False if it was not open.

    The conditional update makes a double click or a stale form harmless.
    """
    updated = Task.objects.filter(pk=task.pk, status=TaskStatus.OPEN).update(
        status=TaskStatus.DONE, closed_at=timezone.now()
    )
    return updated == 1


# --- The daily sweep -------------------------------------------------------------------------

# Later apps keep their tasks in step before the sweep looks at due dates (cases re-creates
# review tasks that are missing). Registered from their AppConfig.ready(), like agenda
# sources, because this app may not import them. A step returns how many tasks it repaired.
SweepStep = Callable[[date], int]
_sweep_steps: list[SweepStep] = []


def register_sweep_step(step: SweepStep) -> None:
    if step not in _sweep_steps:
        _sweep_steps.append(step)


@dataclass(frozen=True)
class SweepResult:
    tasks_repaired: int
    owners_notified: int
    leads_notified: int


def _newly_overdue(today: date) -> QuerySet[Task]:
    # "Not yet told for this due date"; spelled out because NULL never equals anything.
    not_told = (
        Q(overdue_notified_on__isnull=True)
        | Q(overdue_notified_on__lt=F("due_on"))
        | Q(overdue_notified_on__gt=F("due_on"))
    )
    return Task.objects.filter(not_told, status=TaskStatus.OPEN, due_on__lt=today)


def _claim(task: Task) -> bool:
    """Marks the task told for its due date; False when another run (or a move) got there
    first. This conditional update is what makes the sweep idempotent."""
    return (
        Task.objects.filter(pk=task.pk, status=TaskStatus.OPEN, due_on=task.due_on)
        .exclude(overdue_notified_on=task.due_on)
        .update(overdue_notified_on=task.due_on)
        == 1
    )


def tasks_send_due(*, today: date) -> SweepResult:
    """The daily sweep: tells each owner once per due date that a task is overdue, and each
    case lead how many tasks of others in their cases newly became overdue.

    Texts are neutral: no names, no case content, only a link behind the login.
    """
    repaired = sum(step(today) for step in _sweep_steps)
    owners = 0
    per_lead: dict[int, int] = {}
    leads_by_id: dict[int, User] = {}
    candidates = _newly_overdue(today).select_related("owner", "case__lead").order_by("id")
    for task in list(candidates):
        # One transaction per task: a failure halfway keeps what was already sent and told.
        with transaction.atomic():
            if not _claim(task):
                continue
            notify(
                recipients=holders(task),
                title=str(_("A task is overdue")),
                url=task.url,
                email=True,
                kind=NotificationKind.TASK_OVERDUE,
                task=task,
            )
            owners += 1
        case = task.case
        if case is not None and case.lead_id != task.owner_id:
            # The lead's own overdue tasks reach them directly; the summary is about others.
            per_lead[case.lead_id] = per_lead.get(case.lead_id, 0) + 1
            leads_by_id[case.lead_id] = case.lead
    leads = 0
    for lead_id, count in sorted(per_lead.items()):
        with transaction.atomic():
            notify(
                recipients=[leads_by_id[lead_id]],
                title=overdue_summary(count),
                # The lead's overview of overdue tasks; resolved by name, not imported.
                url=reverse("mytasks:list"),
                email=True,
                kind=NotificationKind.OVERDUE_SUMMARY,
                params={"count": count},
            )
        leads += 1
    return SweepResult(tasks_repaired=repaired, owners_notified=owners, leads_notified=leads)


def acute_signal_text(municipality: str) -> str:
    return _("Acute signal for %(municipality)s") % {"municipality": municipality}


def key_figures_lapsed_text(count: int) -> str:
    return ngettext(
        "Contact with %(count)d key figure has lapsed",
        "Contact with %(count)d key figures has lapsed",
        count,
    ) % {"count": count}


def overdue_summary(count: int) -> str:
    return ngettext(
        "%(count)d task in your cases is overdue",
        "%(count)d tasks in your cases are overdue",
        count,
    ) % {"count": count}
