"""The privacy officer's counts on the start page (portal.work_queue): emergency accesses
still to review and accounts marked on the usage page.

Registered from PrivacyConfig.ready(), because portal comes before privacy in the import
order. Each count uses the scope of the page it links to (``accesses_in_scope``, the usage
page's counts), so it never counts what that page would not show. Only numbers: nothing is
read about a person, so nothing is logged here; the pages log what they show.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import ngettext

from access.facts import Actor
from accounts.models import Role
from portal.work_queue import QueueCount, register_queue_source
from privacy.break_glass import accesses_in_scope
from privacy.usage import PERIODS, marked_account_count


def break_glass_to_review(actor: Actor, today: date) -> QueueCount:
    count = accesses_in_scope(actor).filter(reviewed_at__isnull=True).count()
    return QueueCount(
        label=ngettext(
            "%(count)d emergency access to review",
            "%(count)d emergency accesses to review",
            count,
        )
        % {"count": count},
        count=count,
        url=reverse("privacy:break_glass"),
    )


def marked_accounts(actor: Actor, today: date) -> QueueCount:
    """Accounts with a day at or over a threshold in the usage page's default period."""
    days = PERIODS[0]
    count = marked_account_count(actor, days=days)
    return QueueCount(
        label=ngettext(
            "%(count)d account marked on the usage page (last %(days)d days)",
            "%(count)d accounts marked on the usage page (last %(days)d days)",
            count,
        )
        % {"count": count, "days": days},
        count=count,
        url=reverse("privacy:usage"),
    )


def register() -> None:
    register_queue_source(Role.PRIVACY_OFFICER, break_glass_to_review)
    register_queue_source(Role.PRIVACY_OFFICER, marked_accounts)
