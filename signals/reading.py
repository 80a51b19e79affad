"""Reading signals for pages and the API: filters, keyset pages, the overdue list, labels.

Pages are cut by keyset on (received_at desc, id desc): a page costs the same however far
down the list it lies, and a signal registered meanwhile never shifts the next page. The
cursor is opaque to clients: URL-safe base64 of "iso-timestamp|id", checked on the way in.
Everything here works on a queryset the gate (signals.gates.signals_visible_to) already
limited; nothing here widens it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from audit.models import Operation
from audit.services import log_processing
from lib.ids import parse_id
from persons.models import Subject
from signals.gates import ACTIVITY
from signals.models import ReporterType, Signal, SignalEvent
from signals.workflow import Status

PAGE_SIZE = 25
MAX_CURSOR_LENGTH = 200
# What a reporter type shows to someone who may not see the intelligence notice behind it.
RESTRICTED = "restricted"
# The states in which a signal still has to be verified (signals.services.signals_overdue).
VERIFICATION_STATUSES = (Status.RECEIVED, Status.VERIFYING)


class InvalidCursor(ValueError):  # noqa: N818 - names what the client sent
    """A page cursor that Schakel did not hand out (edited, truncated or from elsewhere)."""


@dataclass(frozen=True)
class Filters:
    status: str = ""
    urgency: str = ""
    municipality_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None


@dataclass(frozen=True)
class Position:
    received_at: datetime
    signal_id: int


@dataclass(frozen=True)
class Page:
    signals: list[Signal]
    next_cursor: str


def start_of(day: date) -> datetime:
    """Midnight at the start of a day in Schakel's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_filters(signals: QuerySet[Signal], filters: Filters) -> QuerySet[Signal]:
    if filters.status:
        signals = signals.filter(status=filters.status)
    if filters.urgency:
        signals = signals.filter(urgency=filters.urgency)
    if filters.municipality_id is not None:
        signals = signals.filter(municipality_id=filters.municipality_id)
    if filters.received_from is not None:
        signals = signals.filter(received_at__gte=start_of(filters.received_from))
    if filters.received_to is not None:
        # The end day counts in full.
        signals = signals.filter(received_at__lt=start_of(filters.received_to + timedelta(1)))
    return signals


def encode_cursor(signal: Signal) -> str:
    raw = f"{signal.received_at.astimezone(UTC).isoformat()}|{signal.pk}"
    return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> Position:
    """The position a cursor points after; InvalidCursor for anything else."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)
        stamp, separator, number = raw.decode("ascii").partition("|")
        parsed = datetime.fromisoformat(stamp)
        if parsed.tzinfo is None:
            raise InvalidCursor
        # Normalised to UTC here, so that an absurd offset fails now and not in the query.
        moment = parsed.astimezone(UTC)
    except (ValueError, OverflowError, binascii.Error) as error:  # UnicodeError: ValueError
        raise InvalidCursor from error
    signal_id = parse_id(number)
    if not separator or signal_id is None:
        raise InvalidCursor
    return Position(received_at=moment, signal_id=signal_id)


def page_after(
    signals: QuerySet[Signal], position: Position | None, *, size: int = PAGE_SIZE
) -> Page:
    """One page of signals, newest first, after ``position`` (None: the first page)."""
    ordered = signals.select_related("municipality", "subject").order_by("-received_at", "-id")
    if position is not None:
        ordered = ordered.filter(
            Q(received_at__lt=position.received_at)
            | Q(received_at=position.received_at, id__lt=position.signal_id)
        )
    rows = list(ordered[: size + 1])
    if len(rows) <= size:
        return Page(signals=rows, next_cursor="")
    rows = rows[:size]
    return Page(signals=rows, next_cursor=encode_cursor(rows[-1]))


def overdue_among(signals: QuerySet[Signal], *, today: date | None = None) -> QuerySet[Signal]:
    """The rule of signals.services.signals_overdue, applied to what an actor may see."""
    day = today or timezone.localdate()
    return (
        signals.filter(status__in=VERIFICATION_STATUSES, verification_deadline__lt=day)
        .select_related("municipality", "subject")
        .order_by("verification_deadline", "id")
    )


def is_overdue(signal: Signal, *, today: date | None = None) -> bool:
    day = today or timezone.localdate()
    return signal.status in VERIFICATION_STATUSES and signal.verification_deadline < day


def reporter_label(signal: Signal, *, notice_visible: bool) -> str:
    """The reporter type as shown: an intelligence notice only to those who may see it."""
    if signal.reporter_type == ReporterType.INTELLIGENCE_NOTICE and not notice_visible:
        return _("restricted")
    return str(signal.get_reporter_type_display())


def reporter_value(signal: Signal, *, notice_visible: bool) -> str:
    """The reporter type code for the API, masked in the same way."""
    if signal.reporter_type == ReporterType.INTELLIGENCE_NOTICE and not notice_visible:
        return RESTRICTED
    return signal.reporter_type


def birth_label(subject: Subject) -> str:
    """A partial date of birth as far as it is known: 2011, 03-2011 or 14-03-2011."""
    if subject.birth_year is None:
        return _("unknown")
    if subject.birth_month is None:
        return str(subject.birth_year)
    if subject.birth_day is None:
        return f"{subject.birth_month:02d}-{subject.birth_year}"
    return f"{subject.birth_day:02d}-{subject.birth_month:02d}-{subject.birth_year}"


def log_history_read(actor: Actor, signal: Signal, events: Iterable[SignalEvent]) -> None:
    """The history names the staff who changed the signal: a read of their names."""
    user_ids = sorted({event.actor_id for event in events if event.actor_id is not None})
    if not user_ids:
        return
    log_processing(
        activity=ACTIVITY,
        name="signals.history.read",
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{pk}" for pk in user_ids],
        object_type="signal",
        object_id=signal.pk,
    )
