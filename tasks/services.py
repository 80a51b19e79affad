"""Tasks and notifications.

Tasks follow their source (an action, a review date, ...): the source's service calls
``task_assign`` when it creates or moves the deadline and ``task_close``/``task_withdraw``
when it is done or void. Notifications go in the app at once and by e-mail after the
transaction commits, so a rolled-back change never sends mail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from tasks.models import Notification, Task, TaskSource, TaskStatus

if TYPE_CHECKING:  # cases comes later in the import order; only its type is named here
    from cases.models import Case

logger = logging.getLogger(__name__)


def _send_email(user: User, title: str, url: str) -> None:
    # The e-mail names nothing but the kind of event: its content stays behind the login.
    body = _(
        "%(title)s\n\nLog in to Schakel to read it: %(url)s\n\n"
        "This message contains no personal data on purpose."
    ) % {"title": title, "url": url}
    try:
        send_mail(f"Schakel: {title}", body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError as exc:
        # The in-app notification exists; a mail server hiccup must not undo the action.
        logger.error("Notification e-mail to user %s failed: %s", user.pk, exc)


def notify(*, recipients: Iterable[User], title: str, url: str, email: bool) -> list[Notification]:
    unique = {user.pk: user for user in recipients if user.is_active}
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=user, title=title, url=url) for user in unique.values()]
    )
    if email:
        absolute = f"{settings.SITE_URL}{url}"
        for user in unique.values():
            transaction.on_commit(partial(_send_email, user, title, absolute))
    return notifications


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _notify_assigned(task: Task) -> None:
    # The title may name case work; the notification and e-mail say only that a task came.
    notify(recipients=[task.owner], title=str(_("You have a new task")), url=task.url, email=True)
    Task.objects.filter(pk=task.pk).update(assigned_notified_at=timezone.now())


@transaction.atomic
def task_assign(
    *,
    source: TaskSource,
    source_id: int,
    case: Case | None,
    owner: User,
    title: str,
    url: str,
    due_on: date,
) -> Task:
    """Creates the open task of a source, or moves it (new owner, title or due date).

    A new owner gets a new task (and a notification); the old owner's task is withdrawn.
    """
    current = Task.objects.filter(source=source, source_id=source_id, status=TaskStatus.OPEN)
    same_owner = current.filter(owner=owner).first()
    current.exclude(owner=owner).update(status=TaskStatus.WITHDRAWN, closed_at=timezone.now())
    if same_owner is not None:
        changed = same_owner.due_on != due_on
        Task.objects.filter(pk=same_owner.pk).update(
            title=title,
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
        owner=owner,
        title=title,
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
