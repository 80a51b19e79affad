"""Sending notifications: in the app at once, by e-mail after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from tasks.models import Notification

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
