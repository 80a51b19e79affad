"""GET /api/v1/reports/council: suppressed figures only, 400 problem+json for a period the
rule does not allow, the same 404 for another municipality, and a processing record."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from audit.models import Operation, ProcessingRecord
from reports.tests import builders as b
from reports.tests.test_pages import client_for, mayor_office, planted_data, polderveen_lead
from tests.personas import World

URL = "/api/v1/reports/council"
# The planted figures lie in 2026-Q2, and the form offers only the last eight ended quarters:
# the clock stands late in 2026 for these tests, fixtures included, whatever day they run.
pytestmark = pytest.mark.clock(date(2026, 11, 29))


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_the_lead_gets_the_suppressed_figures_of_a_quarter(world: World):
    planted_data(world)

    response = client_for(world.lead).get(URL, {"period": "2026-Q2"})

    assert response.status_code == 200
    data = response.json()
    assert data["municipality"] == {"id": world.wijkstad.pk, "name": "Testwijkstad"}
    assert data["threshold"] == 10
    assert (data["current"]["start"], data["current"]["end"]) == ("2026-04-01", "2026-06-30")
    assert data["previous"]["start"] == "2026-01-01"
    situation = next(t for t in data["current"]["tables"] if t["key"] == "cases_by_situation")
    departed = next(c for c in situation["cells"] if c["key"] == "departed")
    assert departed["state"] == "small"
    assert departed["value"] is None
    assert departed["display"] == "< 10"
    for table in data["current"]["tables"]:
        for cell in table["cells"]:
            assert cell["value"] is None or cell["value"] == 0 or cell["value"] >= 10
    assert b.PLANTED_SURNAME not in response.content.decode()
    assert data["trend"]


def test_the_call_is_logged_without_subjects(world: World):
    client_for(world.lead).get(URL, {"period": "2026-Q2"})
    record = ProcessingRecord.objects.get(name="reports.council.api")
    assert record.operation == Operation.EXPORT
    assert record.subject_pseudonym == ""
    assert record.object_id == f"{world.wijkstad.pk}:2026-Q2"


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2026-01-01/2026-07-31", "Choose a period"),
        ("2026", "not a year"),
        ("current quarter", "has not ended"),
        ("", "This field may not be blank."),
    ],
)
def test_a_bad_period_is_a_400_problem(world: World, period: str, words: str):
    if period == "current quarter":
        period = b.current_quarter()
    response = client_for(world.lead).get(URL, {"period": period})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["invalid_params"][0]["name"] == "period"
    assert words in body["invalid_params"][0]["reason"]
    assert not ProcessingRecord.objects.filter(name="reports.council.api").exists()


def test_the_process_director_names_a_municipality_of_the_region(world: World):
    client = client_for(world.process_director)
    assert client.get(URL, {"period": "2026-Q2"}).status_code == 404
    response = client.get(URL, {"period": "2026-Q2", "municipality": str(world.polderveen.pk)})
    assert response.status_code == 200
    assert response.json()["municipality"]["name"] == "Testpolderveen"


def test_the_mayors_office_gets_its_own_municipality(world: World):
    response = client_for(mayor_office(world)).get(URL, {"period": "2026-Q1"})
    assert response.status_code == 200


def test_another_municipality_is_the_same_404_as_none(world: World):
    client = client_for(polderveen_lead(world))
    wijkstad = client.get(URL, {"period": "2026-Q2", "municipality": str(world.wijkstad.pk)})
    missing = client.get(URL, {"period": "2026-Q2", "municipality": "999999"})
    assert wijkstad.status_code == missing.status_code == 404
    assert wijkstad.json()["title"] == missing.json()["title"]


@pytest.mark.parametrize("persona", ["partner", "outsider", "admin", "privacy_officer"])
def test_other_roles_get_404(world: World, persona: str):
    response = client_for(getattr(world, persona)).get(URL, {"period": "2026-Q2"})
    assert response.status_code == 404


def test_anonymous_callers_get_401(world: World):
    response = Client().get(URL, {"period": "2026-Q2"})
    assert response.status_code == 401


def test_figures_come_from_the_period_asked_for(world: World):
    b.signal(world, received=date(2026, 2, 1))
    data = client_for(world.lead).get(URL, {"period": "2026-Q1"}).json()
    outcome = next(t for t in data["current"]["tables"] if t["key"] == "signals_by_outcome")
    assert outcome["total"]["display"] == "< 10"
