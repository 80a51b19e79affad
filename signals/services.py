"""Write functions for signals: register, move through the workflow, merge.

Each change is one transaction: the signal, its history event and the processing record are
written together, so a change whose record fails is rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Municipality, Organisation, User
from audit.models import Operation
from audit.services import log_processing
from lib.concurrency import StaleEdit, require_current
from lib.workdays import add_working_days
from persons.models import Subject
from signals.models import IntelligenceNotice, ReporterType, Signal, SignalEvent, Urgency
from signals.workflow import Status, can_transition
from tasks.models import NotificationKind
from tasks.services import acute_signal_text, notify

ACTIVITY = "signal-intake"


@dataclass(frozen=True)
class NoticeDetails:
    reference: str
    dated: date


def verification_deadline(received_at: datetime) -> date:
    received_on = timezone.localtime(received_at).date()
    return add_working_days(received_on, settings.SIGNAL_VERIFICATION_WORKING_DAYS)


def retention_date(decided_on: date) -> date:
    return decided_on + timedelta(days=settings.SIGNAL_RETENTION_DAYS)


def _subjects(signal: Signal) -> list[str]:
    return [f"subject:{signal.subject_id}"] if signal.subject_id else []


def _log(actor: Actor, signal: Signal, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=_subjects(signal),
        object_type="signal",
        object_id=signal.pk,
    )


def _append_event(
    signal: Signal, *, user: User, from_status: str, to_status: str, reason: str
) -> SignalEvent:
    return SignalEvent.objects.create(
        signal=signal,
        actor=user,
        actor_name=user.full_name,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )


@transaction.atomic
def signal_register(
    *,
    actor: Actor,
    user: User,
    municipality: Municipality,
    received_at: datetime,
    channel: str,
    reporter_type: str,
    description: str,
    concern_type: str,
    urgency: str = Urgency.NORMAL,
    subject: Subject | None = None,
    reporting_organisation: Organisation | None = None,
    notice: NoticeDetails | None = None,
    note: str = "",
    police_informed: bool | None = None,
    police_informed_at: datetime | None = None,
) -> Signal:
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The moment of receipt lies in the future.")})
    if reporter_type == ReporterType.INTELLIGENCE_NOTICE and notice is None:
        raise ValidationError(_("An intelligence notice needs its reference and date."))
    if subject is not None and subject.municipality_id != municipality.pk:
        raise ValidationError({"subject": _("This person belongs to another municipality.")})
    if police_informed and police_informed_at is None:
        raise ValidationError({"police_informed_at": _("Give when the police unit was informed.")})
    if police_informed_at is not None and police_informed_at > timezone.now():
        raise ValidationError(
            {"police_informed_at": _("The moment the police unit was informed lies in the future.")}
        )
    signal = Signal(
        municipality=municipality,
        subject=subject,
        received_at=received_at,
        channel=channel,
        reporter_type=reporter_type,
        reporting_organisation=reporting_organisation,
        description=description,
        concern_type=concern_type,
        urgency=urgency,
        police_informed=police_informed,
        police_informed_at=police_informed_at,
        verification_deadline=verification_deadline(received_at),
        registered_by=user,
    )
    signal.full_clean()
    signal.save()
    if notice is not None:
        record = IntelligenceNotice(signal=signal, reference=notice.reference, dated=notice.dated)
        record.full_clean()
        record.save()
    registered = _("Registered.")
    _append_event(
        signal,
        user=user,
        from_status="",
        to_status=Status.RECEIVED,
        reason=f"{registered} {note}" if note else registered,
    )
    _log(actor, signal, name="signals.register", operation=Operation.CREATE)
    if signal.urgency == Urgency.ACUTE:
        notify_acute(signal)
    return signal


def acute_recipients(municipality: Municipality) -> list[User]:
    """The municipality's leads and its police contact."""
    leads = User.objects.leads_of(municipality)
    contact = [municipality.police_contact] if municipality.police_contact else []
    return [*leads, *contact]


def notify_acute(signal: Signal) -> None:
    """At once, in the app and by e-mail; the e-mail names no person."""
    notify(
        recipients=acute_recipients(signal.municipality),
        title=acute_signal_text(signal.municipality.name),
        kind=NotificationKind.ACUTE_SIGNAL,
        params={"municipality": signal.municipality_id},
        # The link is gated: only those who may see the signal can open it.
        url=f"/meldingen/{signal.pk}/",
        email=True,
    )


@transaction.atomic
def signal_transition(
    *, actor: Actor, user: User, signal: Signal, to: str, reason: str, version: int
) -> Signal:
    """Moves a signal along an allowed edge of the workflow, with the reason in its history.

    ``version`` is the version the user saw; a newer one in the database means someone else
    changed the signal meanwhile, and the change is refused (StaleEdit).
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this change.")})
    require_current(signal, version)
    if not can_transition(signal.status, to):
        raise ValidationError(
            _("A signal that is %(current)s cannot become %(target)s.")
            % {"current": Status(signal.status).label, "target": Status(to).label}
        )
    updated = Signal.objects.filter(pk=signal.pk, version=version).update(
        status=to, version=F("version") + 1
    )
    if not updated:
        raise StaleEdit
    _append_event(signal, user=user, from_status=signal.status, to_status=to, reason=reason)
    signal.refresh_from_db()
    _log(actor, signal, name="signals.transition", operation=Operation.UPDATE)
    return signal


@transaction.atomic
def signal_merge(
    *, actor: Actor, user: User, signal: Signal, into: Signal, reason: str, version: int
) -> Signal:
    """Merges a signal into another about the same person; both histories are kept."""
    if signal.pk == into.pk:
        raise ValidationError(_("A signal cannot be merged into itself."))
    if into.status not in {Status.RECEIVED, Status.VERIFYING, Status.AWAITING_WEIGHING}:
        raise ValidationError(_("Merge into a signal that is still open for weighing."))
    if signal.municipality_id != into.municipality_id:
        raise ValidationError(_("Signals of different municipalities cannot be merged."))
    if signal.subject_id is None or signal.subject_id != into.subject_id:
        raise ValidationError(_("Only signals about the same person can be merged."))
    signal = signal_transition(
        actor=actor, user=user, signal=signal, to=Status.MERGED, reason=reason, version=version
    )
    Signal.objects.filter(pk=signal.pk).update(merged_into=into)
    _append_event(
        into,
        user=user,
        from_status=into.status,
        to_status=into.status,
        reason=_("Signal %(number)s was merged into this one: %(reason)s")
        % {"number": signal.pk, "reason": reason},
    )
    signal.refresh_from_db()
    return signal


@transaction.atomic
def notice_verify(*, actor: Actor, notice: IntelligenceNotice, note: str) -> IntelligenceNotice:
    """Record how the mayor's office verified an intelligence notice (never its content).

    The caller fetched the notice through signals.gates.get_notice_for_verification.
    """
    note = note.strip()
    if not note:
        raise ValidationError({"verification_note": _("Describe how the notice was verified.")})
    notice.verification_note = note
    notice.full_clean()
    notice.save(update_fields=["verification_note"])
    log_processing(
        activity=ACTIVITY,
        name="signals.notices.verify",
        operation=Operation.UPDATE,
        actor=actor,
        subjects=[f"subject:{notice.signal.subject_id}"] if notice.signal.subject_id else [],
        object_type="intelligence_notice",
        object_id=notice.pk,
    )
    return notice


def signals_overdue(*, today: date | None = None) -> list[Signal]:
    """Open signals whose verification deadline has passed without reaching the weighing."""
    day = today or timezone.localdate()
    return list(
        Signal.objects.filter(
            status__in=[Status.RECEIVED, Status.VERIFYING], verification_deadline__lt=day
        ).order_by("verification_deadline", "id")
    )
