"""council_aggregates counts what the council may know, per period, in aggregate queries."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseEvent
from reports.aggregates import council_aggregates
from reports.tests import builders as b
from tests.personas import World

Q2 = (date(2026, 4, 1), date(2026, 6, 30))


def test_signals_are_counted_by_latest_outcome_before_the_period_ended(world: World):
    included = b.signal(world, received=date(2026, 4, 3), concern="jihadist")
    b.weigh(world, included, outcome="gather_information", on=date(2026, 4, 10))
    b.weigh(world, included, outcome="include", on=date(2026, 5, 10))
    later = b.signal(world, received=date(2026, 6, 20), concern="right_wing")
    b.weigh(world, later, outcome="no_concern", on=date(2026, 7, 2))  # after the period
    b.signal(world, received=date(2026, 5, 1), concern="right_wing", status="merged")
    b.signal(world, received=date(2026, 7, 1))  # next quarter
    b.signal(world, received=date(2026, 5, 1), municipality=world.polderveen)

    figures = council_aggregates([world.wijkstad.pk], *Q2).current

    outcome = figures.table("signals_by_outcome").as_mapping()
    assert outcome["include"] == 1
    assert outcome["not_weighed"] == 1
    assert outcome["no_concern"] == 0
    concern = figures.table("signals_by_concern").as_mapping()
    assert concern == {**dict.fromkeys(concern, 0), "jihadist": 1, "right_wing": 1}
    assert figures.population_total("signals") == 2


def test_cases_are_counted_by_situation_and_status_as_they_stood_at_the_end(world: World):
    departed_later = b.case(world, opened=date(2026, 2, 1), birth_year=2010)
    b.change(
        departed_later,
        kind=CaseEvent.Kind.SITUATION,
        old="concern",
        new="departed",
        on=date(2026, 8, 1),
    )
    returned = b.case(world, opened=date(2026, 5, 1), situation="departed", birth_year=2005)
    b.change(
        returned,
        kind=CaseEvent.Kind.SITUATION,
        old="departed",
        new="returned",
        on=date(2026, 6, 1),
    )
    closed_before = b.case(world, opened=date(2025, 1, 1))
    b.change(
        closed_before,
        kind=CaseEvent.Kind.STATUS,
        old="closure_proposed",
        new="closed",
        on=date(2026, 3, 1),
    )
    closed_during = b.case(world, opened=date(2025, 1, 1), birth_year=None)
    b.change(
        closed_during,
        kind=CaseEvent.Kind.STATUS,
        old="closure_proposed",
        new="closed",
        on=date(2026, 5, 1),
    )
    b.case(world, opened=date(2026, 7, 5))  # opened after the period

    figures = council_aggregates([world.wijkstad.pk], *Q2).current

    assert figures.population_total("cases") == 3
    situation = figures.table("cases_by_situation").as_mapping()
    assert (situation["concern"], situation["returned"], situation["departed"]) == (2, 1, 0)
    status = figures.table("cases_by_status").as_mapping()
    assert (status["active"], status["closed"]) == (2, 1)
    ages = figures.table("cases_by_age").as_mapping()
    assert ages == {"under_18": 1, "18_23": 1, "24_plus": 0, "unknown": 1}


def test_interventions_in_force_during_the_period_are_counted_by_regime(world: World):
    case = b.case(world, opened=date(2026, 1, 1))
    b.intervention(world, case, regime="administrative", start=date(2026, 3, 1))
    b.intervention(world, case, regime="care", start=date(2026, 1, 1), end=date(2026, 4, 1))
    b.intervention(world, case, regime="care", start=date(2026, 1, 1), end=date(2026, 3, 31))
    b.intervention(world, case, regime="criminal", start=None)
    b.intervention(world, case, regime="criminal", start=date(2026, 7, 1))

    table = council_aggregates([world.wijkstad.pk], *Q2).current.table("interventions_by_regime")

    assert table.as_mapping() == {"criminal": 0, "administrative": 1, "care": 1, "other": 0}


def test_the_previous_period_is_the_quarter_before(world: World):
    b.signal(world, received=date(2026, 2, 14))

    aggregates = council_aggregates([world.wijkstad.pk], *Q2)

    assert (aggregates.previous.start, aggregates.previous.end) == (
        date(2026, 1, 1),
        date(2026, 3, 31),
    )
    assert aggregates.previous.population_total("signals") == 1
    assert aggregates.current.population_total("signals") == 0


def test_the_number_of_queries_does_not_grow_with_the_data(world: World):
    with CaptureQueriesContext(connection) as few:
        council_aggregates([world.wijkstad.pk], *Q2)
    for day in range(1, 20):
        case = b.case(world, opened=date(2026, 4, day))
        b.intervention(world, case, regime="care", start=date(2026, 4, day))
        b.signal(world, received=date(2026, 4, day))
    with CaptureQueriesContext(connection) as many:
        council_aggregates([world.wijkstad.pk], *Q2)
    # Eight queries a period (issue 14 added one for returns and ended travel), two periods.
    assert len(many) == len(few) <= 16
