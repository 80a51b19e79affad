"""The life of a signal as an explicit transition table (DESIGN §3).

received → verifying → awaiting_weighing → weighed → closed, with merged as the end of a
signal that turned out to be about the same person as another one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    VERIFYING = "verifying", _("being verified")
    AWAITING_WEIGHING = "awaiting_weighing", _("awaiting weighing")
    WEIGHED = "weighed", _("weighed")
    CLOSED = "closed", _("closed")
    MERGED = "merged", _("merged")


ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(
        {
            Status.VERIFYING,
            # Enough is known at intake (e.g. a police report with identity confirmed).
            Status.AWAITING_WEIGHING,
            Status.MERGED,
        }
    ),
    Status.VERIFYING: frozenset({Status.AWAITING_WEIGHING, Status.MERGED}),
    Status.AWAITING_WEIGHING: frozenset(
        {
            Status.WEIGHED,
            # The weighing session asks for more verification before it decides.
            Status.VERIFYING,
            Status.MERGED,
        }
    ),
    Status.WEIGHED: frozenset(
        {
            Status.CLOSED,
            # Outcome "gather information": back on the agenda when the period ends.
            Status.AWAITING_WEIGHING,
        }
    ),
    Status.CLOSED: frozenset(),
    Status.MERGED: frozenset(),
}

OPEN_STATUSES = frozenset(
    {Status.RECEIVED, Status.VERIFYING, Status.AWAITING_WEIGHING, Status.WEIGHED}
)


def can_transition(current: str, target: str) -> bool:
    return Status(target) in ALLOWED_TRANSITIONS[Status(current)]
