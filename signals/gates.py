"""Gates for signals: gather the facts, ask the policy, log the read, 404 otherwise."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from access.facts import Actor, SignalFacts
from access.refusal import refused
from access.signals import (
    may_edit_signal,
    may_verify_intelligence_notice,
    may_view_intelligence_notice,
    may_view_signal,
    signal_scope,
)
from audit.models import Operation
from audit.services import log_processing
from meetings.models import AgendaItem, Attendee, MeetingKind
from signals.models import IntelligenceNotice, Signal, Urgency

ACTIVITY = "signal-intake"
ITEM_TYPE = "signal"


def _weighing_organisations(signal_ids: list[int]) -> dict[int, frozenset[int]]:
    """Per signal: the organisations attending a weighing session that has it on the agenda."""
    rows = AgendaItem.objects.filter(
        item_type=ITEM_TYPE, item_id__in=signal_ids, meeting__kind=MeetingKind.WEIGHING
    ).values_list("item_id", "meeting_id")
    meetings_of: dict[int, set[int]] = {}
    for signal_id, meeting_id in rows:
        meetings_of.setdefault(signal_id, set()).add(meeting_id)
    meeting_ids = {m for ids in meetings_of.values() for m in ids}
    orgs_of: dict[int, set[int]] = {}
    for meeting_id, organisation_id in Attendee.objects.filter(
        meeting_id__in=meeting_ids
    ).values_list("meeting_id", "organisation_id"):
        orgs_of.setdefault(meeting_id, set()).add(organisation_id)
    return {
        signal_id: frozenset(o for m in meetings for o in orgs_of.get(m, set()))
        for signal_id, meetings in meetings_of.items()
    }


def _facts(signal: Signal, weighing_organisation_ids: frozenset[int]) -> SignalFacts:
    acute = signal.urgency == Urgency.ACUTE
    return SignalFacts(
        municipality_id=signal.municipality_id,
        registered_by_user_id=signal.registered_by_id,
        weighing_organisation_ids=weighing_organisation_ids,
        acute_contact_user_id=signal.municipality.police_contact_id if acute else None,
    )


def signal_facts(signal: Signal) -> SignalFacts:
    return _facts(signal, _weighing_organisations([signal.pk]).get(signal.pk, frozenset()))


def signals_facts(signals: list[Signal]) -> dict[int, SignalFacts]:
    """The facts of many signals in a fixed number of queries (for lists and agendas).

    The signals need their municipality loaded (select_related("municipality")).
    """
    attending = _weighing_organisations([signal.pk for signal in signals])
    return {s.pk: _facts(s, attending.get(s.pk, frozenset())) for s in signals}


def log_signal_read(
    actor: Actor, signals: list[Signal], *, name: str, operation: Operation = Operation.READ
) -> None:
    """One record per data subject shown or exported (signals without a subject: one
    without)."""
    subjects = sorted({f"subject:{s.subject_id}" for s in signals if s.subject_id})
    if not signals:
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=subjects,
        object_type="signal",
        object_id=signals[0].pk if len(signals) == 1 else "",
    )


def get_signal_for_user(actor: Actor, signal_id: int, *, write: bool = False) -> Signal:
    """The signal if the actor may see it (and change it, with write=True); else 404.

    The read is logged; a write is logged by the service that makes it.
    """
    signal = (
        Signal.objects.select_related("subject", "municipality", "reporting_organisation")
        .filter(pk=signal_id)
        .first()
    )
    if signal is None:
        raise Http404
    facts = signal_facts(signal)
    if not may_view_signal(actor, facts):
        raise refused(actor, object_type="signal", object_id=signal.pk)
    if write and not may_edit_signal(actor, facts):
        raise refused(actor, object_type="signal", object_id=signal.pk)
    if not write:
        log_signal_read(actor, [signal], name="signals.read")
    return signal


def get_intelligence_notice(actor: Actor, signal: Signal) -> IntelligenceNotice | None:
    """The notice's restricted metadata for the lead and the mayor's office; else None."""
    if not may_view_intelligence_notice(actor, signal_facts(signal)):
        return None
    return IntelligenceNotice.objects.filter(signal=signal).first()


def get_notice_for_verification(actor: Actor, notice_id: int) -> IntelligenceNotice:
    """The notice whose verification the actor may record (the mayor's office of its
    municipality); else 404, the same for a notice that does not exist."""
    notice = (
        IntelligenceNotice.objects.select_related("signal__municipality")
        .filter(pk=notice_id)
        .first()
    )
    if notice is None:
        raise Http404
    if not may_verify_intelligence_notice(actor, signal_facts(notice.signal)):
        raise refused(actor, object_type="intelligence_notice", object_id=notice.pk)
    return notice


def signals_visible_to(actor: Actor) -> QuerySet[Signal]:
    """The signals an actor may see, as one query: the scope beside
    access.signals.may_view_signal, given the signals on the agenda of the weighing sessions
    the actor's organisation attends."""
    attended = Attendee.objects.filter(
        organisation_id=actor.organisation_id, meeting__kind=MeetingKind.WEIGHING
    ).values("meeting_id")
    on_agenda = AgendaItem.objects.filter(item_type=ITEM_TYPE, meeting_id__in=attended).values(
        "item_id"
    )
    return Signal.objects.filter(signal_scope(actor, weighing_signal_ids=on_agenda))
