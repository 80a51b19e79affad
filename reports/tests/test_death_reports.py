"""A death reported but not confirmed in the council report (issue 14, point 6): not counted
as a death; the case counts in the situation it had before the report. The way back from a
report is no return, and a report ends an intention to travel only once it is confirmed."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.models import CaseEvent
from reports.aggregates import TABLE_SPECS, council_aggregates
from reports.tests import builders as b
from tests.personas import World

SITUATION = CaseEvent.Kind.SITUATION
REPORTED = "reported_deceased"


def _period():
    """A period that ended a while ago, relative to today."""
    end = timezone.localdate() - timedelta(days=60)
    return end - timedelta(days=89), end


def test_an_unconfirmed_death_counts_in_the_situation_before_the_report(world: World):
    start, end = _period()
    before = start - timedelta(days=10)
    # Reported in the period, still unconfirmed at its end: counts as departed.
    reported = b.case(world, opened=before, situation="departed")
    b.change(reported, kind=SITUATION, old="departed", new=REPORTED, on=start + timedelta(days=5))
    # Reported in the period and confirmed after it: departed in this period, too.
    later = b.case(world, opened=before, situation="departed")
    b.change(later, kind=SITUATION, old="departed", new=REPORTED, on=end - timedelta(days=3))
    b.change(later, kind=SITUATION, old=REPORTED, new="deceased", on=end + timedelta(days=3))
    # Reported and confirmed in the period: one death.
    confirmed = b.case(world, opened=before, situation="detained")
    b.change(confirmed, kind=SITUATION, old="detained", new=REPORTED, on=start + timedelta(days=1))
    b.change(confirmed, kind=SITUATION, old=REPORTED, new="deceased", on=start + timedelta(days=9))
    # Reported, then back to returned: returned.
    wrong = b.case(world, opened=before, situation="returned")
    b.change(wrong, kind=SITUATION, old="returned", new=REPORTED, on=start + timedelta(days=2))
    b.change(wrong, kind=SITUATION, old=REPORTED, new="returned", on=start + timedelta(days=4))

    figures = council_aggregates([world.wijkstad.pk], start, end).current
    table = figures.table("cases_by_situation").as_mapping()

    assert REPORTED not in table
    assert (table["departed"], table["deceased"], table["detained"], table["returned"]) == (
        2,
        1,
        0,
        1,
    )
    assert figures.table("cases_by_situation").total == figures.table("cases_by_status").total
    assert REPORTED not in dict(TABLE_SPECS["cases_by_situation"].rows)


def test_going_back_from_a_report_to_returned_is_no_return(world: World):
    start, end = _period()
    case = b.case(world, opened=start - timedelta(days=30), situation="departed")
    b.change(
        case,
        kind=SITUATION,
        old="departed",
        new="returned",
        on=start + timedelta(days=1),
        return_motive="medical",
    )
    b.change(case, kind=SITUATION, old="returned", new=REPORTED, on=start + timedelta(days=5))
    b.change(case, kind=SITUATION, old=REPORTED, new="returned", on=start + timedelta(days=6))

    table = council_aggregates([world.wijkstad.pk], start, end).current.table("returns_by_motive")

    assert table.total == 1
    assert table.as_mapping()["medical"] == 1


def test_a_report_ends_intended_travel_only_once_confirmed(world: World):
    start, end = _period()
    opened = start - timedelta(days=30)
    # A report that proved wrong ends nothing.
    wrong = b.case(world, opened=opened, situation="intends_to_travel")
    b.change(
        wrong, kind=SITUATION, old="intends_to_travel", new=REPORTED, on=start + timedelta(days=1)
    )
    b.change(
        wrong, kind=SITUATION, old=REPORTED, new="intends_to_travel", on=start + timedelta(days=2)
    )
    # Reported before the period, confirmed in it: ended in this period.
    confirmed = b.case(world, opened=opened, situation="intends_to_travel")
    b.change(
        confirmed,
        kind=SITUATION,
        old="intends_to_travel",
        new=REPORTED,
        on=start - timedelta(days=2),
    )
    b.change(
        confirmed,
        kind=SITUATION,
        old=REPORTED,
        new="deceased",
        on=start + timedelta(days=3),
        death_source="brp",
    )
    # Reported in the period, not confirmed: not ended.
    open_report = b.case(world, opened=opened, situation="intends_to_travel")
    b.change(
        open_report,
        kind=SITUATION,
        old="intends_to_travel",
        new=REPORTED,
        on=start + timedelta(days=4),
    )

    figures = council_aggregates([world.wijkstad.pk], start, end)

    current = figures.current.table("travel_by_outcome")
    assert current.total == 1
    assert current.as_mapping()["not_recorded"] == 1
    assert figures.previous.table("travel_by_outcome").total == 0
