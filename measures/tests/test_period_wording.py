"""How a measure's period and a legal remedy's term read (issue 13): "van … tot en met …",
"sinds … (geen einddatum)", and a passed term says so. Compared in English (the Dutch lives
in locale/), with dates relative to the test clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import strip_tags

from measures.display import period_html, remedy_term_html
from measures.models import Intervention, LegalRemedy
from measures.workflow import InterventionState

TODAY = date(2026, 12, 7)


def measure(state: str, start: date | None, end: date | None) -> Intervention:
    return Intervention(state=state, start_on=start, end_on=end)


def words(html: str) -> str:
    return " ".join(strip_tags(html).split())


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.clock(TODAY)
def test_a_period_with_an_end_reads_from_up_to_and_including():
    today = timezone.localdate()
    html = period_html(
        measure(InterventionState.ACTIVE, today - timedelta(days=4), today + timedelta(days=178))
    )
    assert words(html) == "from 3 December 2026 up to and including 3 June 2027"
    assert '<time datetime="2026-12-03">' in html


@pytest.mark.clock(TODAY)
def test_a_period_without_an_end_says_since_and_no_end_date():
    start = timezone.localdate() - timedelta(days=4)
    assert words(period_html(measure(InterventionState.ACTIVE, start, None))) == (
        "since 3 December 2026 (no end date)"
    )


@pytest.mark.clock(TODAY)
def test_a_start_still_to_come_says_from_not_since():
    start = timezone.localdate() + timedelta(days=3)
    assert words(period_html(measure(InterventionState.DECIDED, start, None))) == (
        "from 10 December 2026 (no end date)"
    )


@pytest.mark.clock(TODAY)
def test_a_measure_in_force_past_its_end_says_the_end_has_passed():
    today = timezone.localdate()
    past = measure(InterventionState.ACTIVE, today - timedelta(days=40), today - timedelta(days=1))
    assert words(period_html(past)).endswith("; the end date has passed")
    ended = measure(InterventionState.ENDED, today - timedelta(days=40), today - timedelta(days=1))
    assert "passed" not in words(period_html(ended))


def test_a_proposed_measure_without_dates_says_so():
    assert words(period_html(measure(InterventionState.PROPOSED, None, None))) == (
        "no start date yet"
    )


@pytest.mark.clock(TODAY)
def test_an_open_remedy_term_runs_until_its_deadline_then_has_passed():
    today = timezone.localdate()
    running = LegalRemedy(outcome=LegalRemedy.Outcome.OPEN, deadline=today)
    assert words(remedy_term_html(running)) == "term runs until 7 December 2026"
    passed = LegalRemedy(outcome=LegalRemedy.Outcome.OPEN, deadline=today - timedelta(days=6))
    assert words(remedy_term_html(passed)) == "term passed on 1 December 2026"
    assert "term running" not in words(remedy_term_html(passed))


def test_a_recorded_outcome_is_shown_as_recorded():
    remedy = LegalRemedy(outcome=LegalRemedy.Outcome.NOT_USED, deadline=date(2026, 1, 1))
    assert words(remedy_term_html(remedy)) == "not used"
