"""Signals through their write functions: registration, the workflow table, merging."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from persons.models import Subject
from signals.models import IntelligenceNotice, Signal, SignalEvent
from signals.services import (
    NoticeDetails,
    StaleEdit,
    signal_merge,
    signal_register,
    signal_transition,
    signals_overdue,
    verification_deadline,
)
from signals.workflow import ALLOWED_TRANSITIONS, Status
from tests.personas import World

AMSTERDAM = timezone.get_fixed_timezone(60)


def subject(world: World, **overrides: Any) -> Subject:
    values: dict[str, Any] = {
        "municipality": world.wijkstad,
        "given_names": "Sara",
        "surname": "Testpersoon",
        "birth_year": 2011,
    }
    values.update(overrides)
    return Subject.objects.create(**values)


def register(world: World, **overrides: Any) -> Signal:
    values: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "municipality": world.wijkstad,
        "received_at": timezone.now() - timedelta(hours=1),
        "channel": "phone",
        "reporter_type": "professional",
        "description": "Leerling deelt filmpjes die geweld verheerlijken.",
        "concern_type": "unclear",
        "subject": subject(world),
    }
    values.update(overrides)
    return signal_register(**values)


def move(world: World, signal: Signal, to: str, *, reason: str = "reden") -> Signal:
    return signal_transition(
        actor=world.actor(world.lead),
        user=world.lead.user,
        signal=signal,
        to=to,
        reason=reason,
        version=signal.version,
    )


def with_status(world: World, status: Status) -> Signal:
    signal = register(world)
    Signal.objects.filter(pk=signal.pk).update(status=status)
    signal.refresh_from_db()
    return signal


def test_registering_starts_the_history_and_logs_the_subject(world: World):
    signal = register(world)
    assert signal.status == Status.RECEIVED
    [event] = signal.events.all()
    assert (event.from_status, event.to_status, event.actor) == ("", "received", world.lead.user)
    record = ProcessingRecord.objects.get(name="signals.register")
    assert record.operation == Operation.CREATE
    assert record.subject_pseudonym == pseudonymise(f"subject:{signal.subject_id}")


ALLOWED = [(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets]
FORBIDDEN = [
    (a, b) for a in Status for b in Status if b not in ALLOWED_TRANSITIONS[a] and b != Status.MERGED
]


@pytest.mark.parametrize(("start", "target"), ALLOWED, ids=lambda s: str(s))
def test_every_allowed_edge_works_and_is_appended_to_the_history(world, start, target):
    signal = with_status(world, start)
    version_before = signal.version
    moved = move(world, signal, target, reason=f"naar {target}")
    assert moved.status == target
    assert moved.version == version_before + 1
    last = moved.events.last()
    assert last is not None
    assert (last.from_status, last.to_status, last.reason) == (start, target, f"naar {target}")


@pytest.mark.parametrize(("start", "target"), FORBIDDEN, ids=lambda s: str(s))
def test_a_forbidden_edge_is_refused_and_changes_nothing(world, start, target):
    signal = with_status(world, start)
    events = signal.events.count()
    with pytest.raises(ValidationError):
        move(world, signal, target)
    signal.refresh_from_db()
    assert signal.status == start
    assert signal.events.count() == events


def test_closed_and_merged_are_final(world: World):
    assert ALLOWED_TRANSITIONS[Status.CLOSED] == frozenset()
    assert ALLOWED_TRANSITIONS[Status.MERGED] == frozenset()


def test_a_change_needs_a_reason(world: World):
    signal = register(world)
    with pytest.raises(ValidationError):
        move(world, signal, Status.VERIFYING, reason="  ")
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED


def test_a_stale_edit_is_refused(world: World):
    signal = register(world)
    seen = Signal.objects.get(pk=signal.pk)
    move(world, signal, Status.VERIFYING)
    with pytest.raises(StaleEdit):
        move(world, seen, Status.AWAITING_WEIGHING)
    assert Signal.objects.get(pk=signal.pk).status == Status.VERIFYING


def test_history_cannot_be_edited(world: World):
    signal = register(world)
    event = signal.events.get()
    event.reason = "anders"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_merging_keeps_both_histories(world: World):
    first = register(world)
    second = register(world, subject=first.subject)
    move(world, second, Status.VERIFYING, reason="controle")
    second.refresh_from_db()
    merged = signal_merge(
        actor=world.actor(world.lead),
        user=world.lead.user,
        signal=second,
        into=first,
        reason="zelfde persoon, zelfde zorg",
        version=second.version,
    )
    assert merged.status == Status.MERGED
    assert merged.merged_into == first
    assert [e.to_status for e in merged.events.all()] == ["received", "verifying", "merged"]
    assert "zelfde persoon" in first.events.last().reason  # type: ignore[union-attr]
    assert first.events.count() == 2


def test_only_signals_about_the_same_person_merge(world: World):
    first = register(world)
    other = register(world)
    with pytest.raises(ValidationError):
        signal_merge(
            actor=world.actor(world.lead),
            user=world.lead.user,
            signal=other,
            into=first,
            reason="x",
            version=other.version,
        )
    assert Signal.objects.get(pk=other.pk).status == Status.RECEIVED


def test_the_verification_deadline_counts_working_days():
    # Received Thursday 2 April 2026: Good Friday and Easter Monday do not count.
    received = datetime(2026, 4, 2, 10, 0, tzinfo=AMSTERDAM)
    assert verification_deadline(received) == date(2026, 4, 13)


def test_overdue_list_shows_signals_past_their_deadline(world: World):
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=AMSTERDAM), tick=False):
        late = register(world)
        done = register(world)
        move(world, done, Status.AWAITING_WEIGHING)
    assert signals_overdue(today=date(2026, 4, 13)) == []
    assert signals_overdue(today=date(2026, 4, 14)) == [late]


def test_a_receipt_in_the_future_is_refused(world: World):
    with pytest.raises(ValidationError):
        register(world, received_at=timezone.now() + timedelta(days=1))
    assert not Signal.objects.exists()


def test_an_unknown_concern_type_is_refused(world: World):
    with pytest.raises(ValidationError):
        register(world, concern_type="religious")
    assert not Signal.objects.exists()


def test_an_intelligence_notice_needs_its_reference(world: World):
    with pytest.raises(ValidationError):
        register(world, reporter_type="intelligence_notice")
    signal = register(
        world,
        reporter_type="intelligence_notice",
        notice=NoticeDetails(reference="AB-2026-001", dated=date(2026, 11, 1)),
    )
    assert IntelligenceNotice.objects.get(signal=signal).reference == "AB-2026-001"


def test_a_subject_of_another_municipality_is_refused(world: World):
    elsewhere = subject(world, municipality=world.polderveen)
    with pytest.raises(ValidationError):
        register(world, subject=elsewhere)
    assert not SignalEvent.objects.exists()


def test_an_acute_signal_notifies_the_lead_and_the_police_contact_at_once(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    from tasks.models import Notification

    world.wijkstad.police_contact = world.partner.user
    world.wijkstad.save()
    with django_capture_on_commit_callbacks(execute=True):
        signal = register(world, urgency="acute")
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {world.lead.user_id, world.partner.user_id}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.lead.user.email, world.partner.user.email]
    )
    body = mailoutbox[0].body
    assert signal.subject is not None
    assert signal.subject.surname not in body
    assert "Leerling" not in body  # no content of the signal in the e-mail


def test_a_normal_signal_notifies_nobody(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    from tasks.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        register(world)
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_the_police_contact_may_open_an_acute_signal_only(world: World):
    from signals.gates import get_signal_for_user, signals_visible_to

    world.wijkstad.police_contact = world.partner.user
    world.wijkstad.save()
    acute = register(world, urgency="acute")
    normal = register(world)
    actor = world.actor(world.partner)
    assert get_signal_for_user(actor, acute.pk) == acute
    assert list(signals_visible_to(actor)) == [acute]
    from django.http import Http404

    with pytest.raises(Http404):
        get_signal_for_user(actor, normal.pk)


def test_the_acute_signal_message_reads_in_the_readers_language(world: World):
    from django.conf import settings
    from django.test import Client

    from tests.personas import sign_in

    register(world, urgency="acute")
    lines = {}
    for language in ("nl", "en"):
        client = Client()
        sign_in(client, world.lead)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        lines[language] = client.get("/berichten/").content.decode()
    assert f"Acuut signaal voor {world.wijkstad.name}" in lines["nl"]
    assert f"Acute signal for {world.wijkstad.name}" in lines["en"]
    assert "Acuut signaal" not in lines["en"]
