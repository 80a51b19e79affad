"""Return motives and ended intentions to travel in the council report (issue 14, point 7):
counted per period from the recorded situation changes, and published only through the
same small-cell protection as every other table."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from cases.models import CaseEvent
from reports.aggregates import council_aggregates
from reports.models import CouncilReport
from reports.services import report_published
from reports.suppression import HIDDEN, SHOWN, SMALL, suppress_aggregates
from reports.tests import builders as b
from reports.tests.test_pages import client_for, make_report, pdf_text
from tests.personas import World

Q2 = (date(2026, 4, 1), date(2026, 6, 30))
pytestmark = pytest.mark.clock(date(2026, 11, 29))

SITUATION = CaseEvent.Kind.SITUATION


def _returned(world: World, *, on: date, motive: str = "", **case: object) -> None:
    returned = b.case(world, opened=date(2026, 1, 5), situation="departed", **case)  # type: ignore[arg-type]
    b.change(returned, kind=SITUATION, old="departed", new="returned", on=on, return_motive=motive)


def _travel_ended(world: World, *, on: date, new: str, outcome: str) -> None:
    intended = b.case(world, opened=date(2026, 1, 5), situation="intends_to_travel")
    b.change(
        intended,
        kind=SITUATION,
        old="intends_to_travel",
        new=new,
        on=on,
        travel_outcome=outcome,
    )


def test_returns_are_counted_by_motive_in_the_period_they_happened(world: World):
    _returned(world, on=date(2026, 4, 10), motive="disillusioned")
    _returned(world, on=date(2026, 5, 10), motive="medical")
    _returned(world, on=date(2026, 6, 10))  # before the motive was asked
    _returned(world, on=date(2026, 7, 1), motive="medical")  # next quarter
    _returned(world, on=date(2026, 5, 1), motive="other", municipality=world.polderveen)

    table = council_aggregates([world.wijkstad.pk], *Q2).current.table("returns_by_motive")

    assert table.as_mapping() == {
        "disillusioned": 1,
        "medical": 1,
        "other": 0,
        "unknown": 0,
        "not_recorded": 1,
    }


def test_intended_travel_is_counted_by_how_it_ended(world: World):
    _travel_ended(world, on=date(2026, 4, 2), new="concern", outcome="prevented")
    _travel_ended(world, on=date(2026, 4, 3), new="detained", outcome="prevented")
    _travel_ended(world, on=date(2026, 5, 3), new="concern", outcome="abandoned")
    _travel_ended(world, on=date(2026, 6, 3), new="departed", outcome="departed")
    _travel_ended(world, on=date(2026, 6, 4), new="deceased", outcome="")
    _travel_ended(world, on=date(2026, 3, 31), new="concern", outcome="prevented")  # Q1

    table = council_aggregates([world.wijkstad.pk], *Q2).current.table("travel_by_outcome")

    assert table.as_mapping() == {
        "prevented": 2,
        "abandoned": 1,
        "departed": 1,
        "not_recorded": 1,
    }


def test_one_prevented_travel_is_never_published_as_a_number(world: World):
    _travel_ended(world, on=date(2026, 5, 3), new="concern", outcome="prevented")
    for day in range(1, 13):
        _returned(world, on=date(2026, 4, day), motive="disillusioned")

    published = suppress_aggregates(council_aggregates([world.wijkstad.pk], *Q2), 10)

    travel = published.current.table("travel_by_outcome")
    prevented = next(cell for cell in travel.cells if cell.key == "prevented")
    assert prevented.state == SMALL
    assert prevented.value is None
    assert travel.total.state in (SMALL, HIDDEN)
    returns = published.current.table("returns_by_motive")
    first = returns.cells[0]
    assert (first.key, first.state, first.value) == ("disillusioned", SHOWN, 12)
    # The other motives have no returns: zero is no small number.
    assert {c.state for c in returns.cells[1:]} <= {SHOWN, HIDDEN}


def test_the_report_page_and_pdf_hold_both_tables(world: World):
    for day in range(1, 13):
        _returned(world, on=date(2026, 4, day), motive="disillusioned")
    _travel_ended(world, on=date(2026, 5, 3), new="concern", outcome="prevented")
    with translation.override("en"):
        report = make_report(world)
        page = client_for(world.lead).get(f"/rapportages/{report.pk}/").content.decode()
        assert "Returns in the period, by motive" in page
        assert "Intended travel that ended in the period, by outcome" in page
        assert "disillusioned with the ideology or the organisation" in page.lower()
        pdf = " ".join(" ".join(page) for page in pdf_text(report))
        assert "Returns in the period, by motive" in pdf
        assert "Travel prevented" in pdf


def test_a_report_stored_before_these_tables_still_opens(world: World):
    for day in range(1, 13):
        _returned(world, on=date(2026, 4, day), motive="medical")
    report = make_report(world)
    for period in ("current", "previous"):
        report.published[period]["tables"] = [
            t
            for t in report.published[period]["tables"]
            if t["key"] not in ("returns_by_motive", "travel_by_outcome")
        ]
    CouncilReport.objects.filter(pk=report.pk).update(published=report.published)
    report.refresh_from_db()
    published = report_published(report)
    assert len(published.trend) == 3
    response = client_for(world.lead).get(f"/rapportages/{report.pk}/")
    assert response.status_code == 200
