"""Building the agenda of a weighing session from what is due, through the source registry."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone, translation

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from meetings.agenda import source_for
from meetings.models import AgendaItem
from meetings.services import agenda_build, missing_core_kinds
from meetings.weighing import add_months
from signals.workflow import Status
from tests.personas import World

from .builders import built, decide, new_signal, on_agenda, plan


def test_the_signals_app_registers_the_signal_source():
    source = source_for("signal")
    assert source is not None
    assert source.meeting_kind == "weighing"
    assert source.decide is not None


def test_the_agenda_holds_the_municipality_signals_awaiting_weighing(world: World):
    first = new_signal(world, surname="Eerste")
    second = new_signal(world, surname="Tweede")
    new_signal(world, status=Status.VERIFYING)
    new_signal(world, status=Status.RECEIVED)
    new_signal(world, municipality=world.polderveen)
    meeting = built(world, plan(world))
    assert on_agenda(meeting) == [
        (first.pk, "awaiting weighing"),
        (second.pk, "awaiting weighing"),
    ]
    assert list(meeting.agenda_items.values_list("position", flat=True)) == [1, 2]


def test_building_twice_changes_nothing(world: World):
    new_signal(world)
    new_signal(world)
    meeting = plan(world)
    first = agenda_build(meeting, actor=world.actor(world.lead))
    items = list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", "position"))
    records = ProcessingRecord.objects.count()
    second = agenda_build(meeting, actor=world.actor(world.lead))
    assert (first.added, second.added, second.removed) == (2, 0, 0)
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", "position")) == items
    assert ProcessingRecord.objects.count() == records


def test_a_new_signal_is_appended_on_a_refresh(world: World):
    first = new_signal(world)
    meeting = built(world, plan(world))
    later = new_signal(world, surname="Later")
    built(world, meeting)
    assert [item_id for item_id, _reason in on_agenda(meeting)] == [first.pk, later.pk]


def test_a_signal_that_is_no_longer_due_leaves_the_agenda_and_the_rest_closes_up(world: World):
    first = new_signal(world, surname="Eerste")
    gone = new_signal(world, surname="Weg")
    last = new_signal(world, surname="Laatste")
    meeting = built(world, plan(world))
    other = plan(world, days=3)
    decide(world, other, gone)  # weighed in another session meanwhile
    change = agenda_build(meeting, actor=world.actor(world.lead))
    assert (change.added, change.removed) == (0, 1)
    assert on_agenda(meeting) == [(first.pk, "awaiting weighing"), (last.pk, "awaiting weighing")]
    assert list(meeting.agenda_items.values_list("position", flat=True)) == [1, 2]


def test_a_signal_decided_in_the_session_stays_on_its_agenda(world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    decide(world, meeting, signal)
    change = agenda_build(meeting, actor=world.actor(world.lead))
    assert change.removed == 0
    assert [item_id for item_id, _reason in on_agenda(meeting)] == [signal.pk]


def test_a_signal_returns_when_its_information_period_has_ended(world: World):
    signal = new_signal(world)
    first = plan(world, days=1)
    day = timezone.localtime(first.held_at).date()
    decide(world, first, signal, outcome="gather_information", review_on=day + timedelta(days=14))
    too_early = built(world, plan(world, days=1 + 13))
    on_the_day = built(world, plan(world, days=1 + 14))
    assert on_agenda(too_early) == []
    assert on_agenda(on_the_day) == [(signal.pk, "review date reached")]


def test_an_escalated_signal_returns_on_its_review_date(world: World):
    signal = new_signal(world)
    first = plan(world, days=1)
    day = timezone.localtime(first.held_at).date()
    decide(
        world,
        first,
        signal,
        outcome="escalate_to_triangle",
        review_on=add_months(day, 1),
        outcome_note="Burgemeester, politiechef en officier op 12 januari.",
    )
    later = built(world, plan(world, days=(add_months(day, 1) - day).days + 1))
    assert on_agenda(later) == [(signal.pk, "review date reached")]


def test_closed_and_included_signals_do_not_return(world: World):
    closed = new_signal(world)
    included = new_signal(world, surname="Opgenomen")
    first = plan(world, days=1)
    decide(world, first, closed)
    decide(world, first, included, outcome="include")
    assert on_agenda(built(world, plan(world, days=120))) == []


def test_adding_to_the_agenda_is_logged_per_subject(world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    record = ProcessingRecord.objects.get(name="meetings.agenda.build")
    assert record.operation == Operation.UPDATE
    assert record.subject_pseudonym == pseudonymise(f"subject:{signal.subject_id}")
    assert (record.object_type, record.object_id) == ("meeting", str(meeting.pk))
    assert record.actor_id == world.lead.user_id


def test_items_of_an_unknown_type_are_left_alone(world: World):
    meeting = plan(world)
    AgendaItem.objects.create(meeting=meeting, position=1, item_type="case", item_id=5, reason="x")
    new_signal(world)
    built(world, meeting)
    assert list(meeting.agenda_items.values_list("item_type", "position")) == [
        ("case", 1),
        ("signal", 2),
    ]


@translation.override("en")
def test_the_core_partners_missing_from_a_session_are_named(world: World, prosecution):
    assert missing_core_kinds(plan(world)) == ["public prosecutor"]
    assert missing_core_kinds(plan(world, world.safety_house)) == [
        "municipality",
        "police",
        "public prosecutor",
    ]
    complete = plan(world, world.gemeente_wijkstad, world.police, prosecution)
    assert missing_core_kinds(complete) == []
