"""The catalogue of measure types for the functional administrator, through HTTP."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from audit.models import ProcessingRecord
from measures.models import MeasureType
from tests.personas import World, sign_in

LIST = "/beheer/maatregelen/"
NEW = LIST + "nieuw/"
TODAY = date(2026, 11, 30)
Catalogue = dict[str, MeasureType]


def edit_url(measure: MeasureType) -> str:
    return f"{LIST}{measure.pk}/"


def form_data(measure: MeasureType, **changes: Any) -> dict[str, Any]:
    """The edit form as the page sends it back, with changes."""
    data: dict[str, Any] = {
        "name": measure.name,
        "regime": measure.regime,
        "description": measure.description,
        "competent_authority": measure.competent_authority,
        "default_duration_months": measure.default_duration_months or "",
        "renewal_step_months": measure.renewal_step_months or "",
        "maximum_total_months": measure.maximum_total_months or "",
        "appeal_route": measure.appeal_route,
        "appeal_term_days": measure.appeal_term_days or "",
        "legal_source": measure.legal_source,
        "law_expires_on": measure.law_expires_on.isoformat() if measure.law_expires_on else "",
        "version": measure.version,
        "active": "on" if measure.active else "",
    }
    for flag in ("mayor_decides", "consent_required", "figures_checked"):
        if getattr(measure, flag):
            data[flag] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_the_administrator_sees_every_figure_of_the_catalogue(
    client: Client, world: World, catalogue: Catalogue
):
    sign_in(client, world.admin)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Paspoortwet art. 23" in html
    assert "Minister van Justitie en Veiligheid" in html
    assert "Beroep bij de rechtbank; geen bezwaarfase (Twbmt art. 6)." in html
    assert 'datetime="2027-03-01"' in html  # the Twbmt lapses
    assert html.count("<tr") == len(catalogue) + 1
    assert "<caption" in html
    assert 'scope="col"' in html


@pytest.mark.parametrize(
    "persona", ["lead", "partner", "outsider", "process_director", "privacy_officer"]
)
def test_everyone_but_the_administrator_gets_404(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    measure = catalogue["ots"]
    sign_in(client, getattr(world, persona))
    for method, url in (
        ("get", LIST),
        ("get", NEW),
        ("post", NEW),
        ("get", edit_url(measure)),
        ("post", edit_url(measure)),
    ):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert MeasureType.objects.get(pk=measure.pk).version == 1


def test_anonymous_visitors_are_sent_to_the_login(client: Client, catalogue: Catalogue):
    for url in (LIST, NEW, edit_url(catalogue["ots"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_an_unknown_measure_type_is_404(client: Client, world: World):
    sign_in(client, world.admin)
    assert client.get(f"{LIST}987654/").status_code == 404


@pytest.mark.clock(TODAY)
def test_the_administrator_adds_a_measure_type_with_checked_figures(client: Client, world: World):
    sign_in(client, world.admin)
    response = client.post(
        NEW,
        {
            "code": "local-area-ban",
            "name": "Gebiedsverbod (APV)",
            "regime": "administrative",
            "competent_authority": "Burgemeester",
            "default_duration_months": 3,
            "maximum_total_months": 3,
            "legal_source": "Gemeentewet art. 172a",
            "appeal_term_days": 42,
            "figures_checked": "on",
            "active": "on",
            "mayor_decides": "on",
        },
    )
    assert response.status_code == 302
    measure = MeasureType.objects.get(code="local-area-ban")
    assert (measure.figures_checked, measure.figures_checked_on) == (True, TODAY)
    assert measure.mayor_decides
    record = ProcessingRecord.objects.get(name="measures.catalogue.create")
    assert record.actor_id == world.admin.user_id


def test_a_maximum_below_the_default_is_refused_with_a_clear_message(
    client: Client, world: World, catalogue: Catalogue
):
    sign_in(client, world.admin)
    response = client.post(
        NEW,
        {
            "code": "wrong",
            "name": "Verkeerd",
            "regime": "care",
            "competent_authority": "Kinderrechter",
            "default_duration_months": 12,
            "maximum_total_months": 6,
            "legal_source": "BW 1:255",
        },
    )
    assert response.status_code == 400
    assert (
        "The maximum total duration (6 months) cannot be shorter than the default duration "
        "(12 months)." in response.content.decode()
    )
    assert not MeasureType.objects.filter(code="wrong").exists()
    ots = catalogue["ots"]
    edited = client.post(edit_url(ots), form_data(ots, maximum_total_months=6))
    assert edited.status_code == 400
    assert MeasureType.objects.get(pk=ots.pk).maximum_total_months is None


@pytest.mark.clock(TODAY)
def test_marking_the_figures_checked_records_the_day_and_unmarking_clears_it(
    client: Client, world: World, catalogue: Catalogue
):
    ots = catalogue["ots"]
    # Signed in at each moment: a session idle for months has expired.
    with time_machine.travel(TODAY, tick=False):
        sign_in(client, world.admin)
        response = client.post(edit_url(ots), form_data(ots, figures_checked="on"))
    assert response.status_code == 302
    ots.refresh_from_db()
    assert (ots.figures_checked, ots.figures_checked_on, ots.version) == (True, TODAY, 2)
    # Saved again later without changing a figure: the day of the check stays.
    with time_machine.travel(date(2027, 1, 15), tick=False):
        sign_in(client, world.admin)
        client.post(edit_url(ots), form_data(ots, name="OTS"))
    ots.refresh_from_db()
    assert (ots.name, ots.figures_checked_on) == ("OTS", TODAY)
    # A figure changed with the tick kept: checked again today.
    with time_machine.travel(date(2027, 2, 1), tick=False):
        sign_in(client, world.admin)
        client.post(edit_url(ots), form_data(ots, maximum_total_months=36))
    ots.refresh_from_db()
    assert (ots.maximum_total_months, ots.figures_checked_on) == (36, date(2027, 2, 1))
    data = form_data(ots)
    data.pop("figures_checked")
    sign_in(client, world.admin)
    assert client.post(edit_url(ots), data).status_code == 302
    ots.refresh_from_db()
    assert (ots.figures_checked, ots.figures_checked_on) == (False, None)
    assert ProcessingRecord.objects.filter(name="measures.catalogue.update").count() == 4


def test_an_edit_on_an_outdated_page_gets_409_keeps_the_typed_text_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    ots = catalogue["ots"]
    sign_in(client, world.admin)
    stale = form_data(ots, name="Mijn nieuwe naam")
    MeasureType.objects.filter(pk=ots.pk).update(name="Andermans naam", version=2)
    response = client.post(edit_url(ots), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this measure type" in html
    assert "Mijn nieuwe naam" in html  # kept in the form
    assert "Andermans naam" in html  # the current value
    fresh = MeasureType.objects.get(pk=ots.pk)
    assert (fresh.name, fresh.version) == ("Andermans naam", 2)
