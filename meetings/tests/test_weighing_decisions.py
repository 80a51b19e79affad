"""The weighing decision: each outcome's effect on the signal, the rules, the record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from meetings.weighing import CriterionAnswer, add_months
from signals.models import Signal, WeighingDecision
from signals.services import StaleEdit, retention_date
from signals.weighing import on_include, remove_include_hook
from signals.workflow import Status
from tests.personas import World

from .builders import decide, new_signal, plan, weighing


def day_of(meeting):
    return timezone.localtime(meeting.held_at).date()


def statuses(signal: Signal) -> list[str]:
    return [e.to_status for e in signal.events.all()]


def expected_retention():
    return retention_date(timezone.localdate())


@pytest.mark.parametrize("outcome", ["no_concern", "refer_to_care"])
def test_a_closing_outcome_closes_the_signal_and_sets_its_retention(world: World, outcome):
    signal = new_signal(world)
    meeting = plan(world)
    extra: dict[str, Any] = (
        {"referral_organisation_id": world.safety_house.pk, "outcome_note": "Naar het wijkteam."}
        if outcome == "refer_to_care"
        else {}
    )
    decision = decide(world, meeting, signal, outcome=outcome, **extra)
    signal.refresh_from_db()
    assert signal.status == Status.CLOSED
    assert statuses(signal)[-2:] == ["weighed", "closed"]
    assert decision.retention_until == expected_retention()
    assert signal.retention_until == expected_retention()
    assert expected_retention() == timezone.localdate() + timedelta(
        days=settings.SIGNAL_RETENTION_DAYS
    )


def test_a_referral_names_the_organisation_that_takes_over(world: World):
    decision = decide(
        world,
        plan(world),
        new_signal(world),
        outcome="refer_to_care",
        referral_organisation_id=world.safety_house.pk,
        outcome_note="Doorverwezen naar jeugdhulp.",
    )
    assert decision.referral_organisation == world.safety_house


@pytest.mark.parametrize(
    "outcome", ["gather_information", "include", "escalate_to_triangle"], ids=str
)
def test_an_outcome_that_keeps_the_signal_open_sets_no_retention(world: World, outcome):
    signal = new_signal(world)
    meeting = plan(world)
    extra = {}
    if outcome != "include":
        extra["review_on"] = day_of(meeting) + timedelta(days=30)
    if outcome == "escalate_to_triangle":
        extra["outcome_note"] = "Lokale driehoek van 12 januari."
    decision = decide(world, meeting, signal, outcome=outcome, **extra)
    signal.refresh_from_db()
    assert signal.status == Status.WEIGHED
    assert signal.retention_until is None
    assert decision.retention_until is None


def test_gathering_information_is_allowed_up_to_three_months_after_the_session(world: World):
    meeting = plan(world)
    limit = add_months(day_of(meeting), 3)
    decision = decide(
        world, meeting, new_signal(world), outcome="gather_information", review_on=limit
    )
    assert decision.review_on == limit


@pytest.mark.parametrize("days_after_limit", [1, 40])
def test_a_review_date_beyond_three_months_is_refused_and_changes_nothing(
    world: World, days_after_limit
):
    signal = new_signal(world)
    meeting = plan(world)
    late = add_months(day_of(meeting), 3) + timedelta(days=days_after_limit)
    with pytest.raises(ValidationError) as refusal:
        decide(world, meeting, signal, outcome="gather_information", review_on=late)
    assert "review_on" in refusal.value.message_dict
    assert Signal.objects.get(pk=signal.pk).status == Status.AWAITING_WEIGHING
    assert not WeighingDecision.objects.exists()


def test_gathering_information_needs_a_review_date_after_the_session(world: World):
    signal = new_signal(world)
    meeting = plan(world)
    for review_on in (None, day_of(meeting)):
        with pytest.raises(ValidationError):
            decide(world, meeting, signal, outcome="gather_information", review_on=review_on)
    assert not WeighingDecision.objects.exists()


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("proportionality", {"proportionality": "  "}),
        ("subsidiarity", {"subsidiarity": ""}),
        ("reasoning", {"reasoning": ""}),
        ("outcome", {"outcome": "high_risk"}),
        ("alternatives", {"alternatives": ()}),
        ("alternatives", {"alternatives": ("religion",)}),
        ("alternatives_other", {"alternatives": ("other",)}),
        ("referral_organisation", {"outcome": "refer_to_care", "outcome_note": "x"}),
        ("outcome_note", {"outcome": "escalate_to_triangle"}),
        ("criteria", {"criteria": ()}),
        (
            "behaviour_evidence",
            {
                "criteria": tuple(
                    CriterionAnswer(code=c.code, answer="met", evidence="", source="")
                    if c.code == "behaviour"
                    else c
                    for c in weighing().criteria
                )
            },
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_an_incomplete_weighing_is_refused_and_changes_nothing(world: World, field, overrides):
    signal = new_signal(world)
    meeting = plan(world)
    with pytest.raises(ValidationError) as refusal:
        decide(world, meeting, signal, **overrides)
    assert field in refusal.value.message_dict
    signal.refresh_from_db()
    assert signal.status == Status.AWAITING_WEIGHING
    assert signal.retention_until is None
    assert not WeighingDecision.objects.exists()


def test_an_unknown_answer_needs_no_evidence(world: World):
    unknown = tuple(CriterionAnswer(code=c.code, answer="unknown") for c in weighing().criteria)
    decision = decide(world, plan(world), new_signal(world), criteria=unknown)
    assert {row["answer"] for row in decision.criteria} == {"unknown"}


def test_a_stale_version_is_refused_and_changes_nothing(world: World):
    signal = new_signal(world)
    meeting = plan(world)
    seen = signal.version
    Signal.objects.filter(pk=signal.pk).update(version=seen + 1)  # someone else changed it
    events = signal.events.count()
    with pytest.raises(StaleEdit):
        decide(world, meeting, signal, version=seen)
    signal.refresh_from_db()
    assert signal.status == Status.AWAITING_WEIGHING
    assert signal.events.count() == events
    assert not WeighingDecision.objects.exists()
    assert not ProcessingRecord.objects.filter(name="signals.weighing.decide").exists()


def test_a_session_decides_once_per_signal(world: World):
    signal = new_signal(world)
    meeting = plan(world)
    decide(world, meeting, signal, outcome="include")
    with pytest.raises(ValidationError):
        decide(world, meeting, signal, outcome="no_concern")
    assert WeighingDecision.objects.count() == 1


def test_a_signal_not_awaiting_weighing_cannot_be_decided(world: World):
    signal = new_signal(world, status=Status.VERIFYING)
    with pytest.raises(ValidationError):
        decide(world, plan(world), signal)
    assert not WeighingDecision.objects.exists()


def test_a_signal_of_another_municipality_cannot_be_decided(world: World):
    signal = new_signal(world, municipality=world.polderveen)
    with pytest.raises(ValidationError):
        decide(world, plan(world), signal)
    assert not WeighingDecision.objects.exists()


def test_a_returning_signal_is_weighed_again_with_its_history(world: World):
    signal = new_signal(world)
    first = plan(world, days=1)
    review = day_of(first) + timedelta(days=14)
    decide(world, first, signal, outcome="gather_information", review_on=review)
    second = plan(world, days=20)
    decision = decide(world, second, signal, outcome="no_concern")
    signal.refresh_from_db()
    assert statuses(signal) == [
        "received",
        "awaiting_weighing",
        "weighed",
        "awaiting_weighing",
        "weighed",
        "closed",
    ]
    assert decision.retention_until == expected_retention()
    assert list(signal.weighing_decisions.values_list("outcome", flat=True)) == [
        "gather_information",
        "no_concern",
    ]


def test_a_decision_is_never_edited(world: World):
    decision = decide(world, plan(world), new_signal(world))
    decision.reasoning = "anders"
    with pytest.raises(ValueError, match="not edited"):
        decision.save()


def test_the_decision_and_each_transition_are_logged_for_the_subject(world: World):
    signal = new_signal(world)
    decision = decide(world, plan(world), signal)
    record = ProcessingRecord.objects.get(name="signals.weighing.decide")
    assert record.operation == Operation.CREATE
    assert record.activity_version.activity.code == "signal-intake"
    assert record.subject_pseudonym == pseudonymise(f"subject:{signal.subject_id}")
    assert (record.object_type, record.object_id) == ("weighing_decision", str(decision.pk))
    assert record.actor_id == world.lead.user_id
    transitions = ProcessingRecord.objects.filter(name="signals.transition")
    assert transitions.count() == 3  # to awaiting weighing (builder), weighed, closed


@pytest.fixture
def included() -> Iterator[list[WeighingDecision]]:
    calls: list[WeighingDecision] = []
    hook = on_include(calls.append)
    yield calls
    remove_include_hook(hook)


def test_including_calls_the_registered_hook_once_after_commit(
    world: World, included, django_capture_on_commit_callbacks
):
    signal = new_signal(world)
    meeting = plan(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = decide(world, meeting, signal, outcome="include")
    assert included == []  # nothing happens before the commit
    for callback in callbacks:
        callback()
    assert included == [decision]


def test_including_runs_the_hook_exactly_once(
    world: World, included, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(world, plan(world), new_signal(world), outcome="include")
    assert included == [decision]
    assert decision.outcome == "include"


def test_other_outcomes_and_refusals_do_not_call_the_hook(
    world: World, included, django_capture_on_commit_callbacks
):
    signal = new_signal(world)
    with django_capture_on_commit_callbacks(execute=True):
        decide(world, plan(world), signal, outcome="no_concern")
        with pytest.raises(ValidationError):
            decide(world, plan(world, days=2), new_signal(world), outcome="include", reasoning="")
    assert included == []
