"""Which situation checklists apply (checklists.scenarios), without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from cases.workflow import Situation
from checklists.models import Scenario
from checklists.scenarios import applying_scenarios, is_stale, without_withdrawn_reports

T0 = datetime(2026, 1, 1, tzinfo=UTC)
S = Situation


def steps(*situations: str) -> list[tuple[datetime, str, str]]:
    """Steps from concern through the given situations, a day apart."""
    path = [S.CONCERN, *situations]
    return [(T0 + timedelta(days=n), a, b) for n, (a, b) in enumerate(pairwise(path), 1)]


def at(day: int) -> datetime:
    return T0 + timedelta(days=day)


def test_the_departed_checklist_applies_since_the_departure():
    assert applying_scenarios(S.DEPARTED, steps(S.INTENDS_TO_TRAVEL, S.DEPARTED)) == {
        Scenario.DEPARTED: at(2)
    }


def test_while_a_death_is_reported_the_checklist_before_it_applies_too():
    applying = applying_scenarios(S.REPORTED_DECEASED, steps(S.DEPARTED, S.REPORTED_DECEASED))
    assert applying == {Scenario.DECEASED: at(2), Scenario.DEPARTED: at(1)}


def test_a_confirmed_death_continues_the_checklist_started_on_the_report():
    history = steps(S.DEPARTED, S.REPORTED_DECEASED, S.DECEASED)
    applying = applying_scenarios(S.DECEASED, history)
    assert applying == {Scenario.DECEASED: at(2)}
    assert not is_stale(Scenario.DECEASED, at(2) + timedelta(hours=1), applying)
    assert is_stale(Scenario.DEPARTED, at(1), applying)


def test_a_report_that_proves_wrong_is_as_if_it_never_happened():
    history = steps(S.DEPARTED, S.REPORTED_DECEASED, S.DEPARTED)
    assert without_withdrawn_reports(history) == history[:1]
    applying = applying_scenarios(S.DEPARTED, history)
    assert applying == {Scenario.DEPARTED: at(1)}
    # The departed checklist started before the report still applies; the bereaved one not.
    assert not is_stale(Scenario.DEPARTED, at(1), applying)
    assert is_stale(Scenario.DECEASED, at(2), applying)


def test_a_second_departure_makes_the_first_departed_checklist_stale():
    history = steps(S.DEPARTED, S.RETURNED, S.INTENDS_TO_TRAVEL, S.DEPARTED)
    applying = applying_scenarios(S.DEPARTED, history)
    assert is_stale(Scenario.DEPARTED, at(1), applying)
    assert not is_stale(Scenario.DEPARTED, at(4), applying)


def test_checklists_of_other_moments_never_go_stale():
    applying = applying_scenarios(S.CONCERN, [])
    for scenario in (Scenario.INTAKE, Scenario.CASE_CONFERENCE, Scenario.CLOSURE):
        assert not is_stale(scenario, T0, applying)


LIVING = [S.CONCERN, S.INTENDS_TO_TRAVEL, S.DEPARTED, S.RETURNED, S.DETAINED]


@given(st.lists(st.sampled_from(LIVING), min_size=1, max_size=6), st.sampled_from(LIVING))
def test_a_withdrawn_report_anywhere_changes_nothing(path: list[str], last: str):
    # Living situations in a row (repeats allowed: a table is not what is tested here).
    plain = steps(*path, last)
    reported = [
        *plain[:-1],
        (plain[-1][0], plain[-1][1], plain[-1][2]),
        (plain[-1][0] + timedelta(hours=1), plain[-1][2], S.REPORTED_DECEASED),
        (plain[-1][0] + timedelta(hours=2), S.REPORTED_DECEASED, plain[-1][2]),
    ]
    assert applying_scenarios(last, reported) == applying_scenarios(last, plain)
