"""Every signal's intake records whether and when the police unit was informed (issue 14,
point 9; factsheet: always inform your police unit), also when the signal is not acute."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from signals.models import Signal
from signals.tests.builders import api_body, bearer, intake_post, local_input, sign_in_en
from tests.personas import World

URL = "/meldingen/nieuw/"
API = "/api/v1/signals"


def test_the_form_asks_about_the_police_for_a_normal_signal(client: Client, world: World):
    sign_in_en(client, world.lead)
    page = client.get(URL).content.decode()
    assert "Has the police unit been informed?" in page
    assert "Always inform your police unit" in page


def test_not_answering_is_refused_and_saves_nothing(client: Client, world: World):
    sign_in_en(client, world.lead)
    data = intake_post(world)
    del data["police_informed"]
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Say whether the police unit has been informed." in response.content.decode()
    assert not Signal.objects.exists()


def test_informed_needs_its_moment(client: Client, world: World):
    sign_in_en(client, world.lead)
    response = client.post(URL, intake_post(world, police_informed_at=""))
    assert response.status_code == 400
    assert "Give when the police unit was informed." in response.content.decode()
    future = local_input(timezone.now() + timedelta(days=1))
    response = client.post(URL, intake_post(world, police_informed_at=future))
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_the_signal_page_shows_when_the_police_were_informed(client: Client, world: World):
    sign_in_en(client, world.lead)
    response = client.post(URL, intake_post(world))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.police_informed is True
    assert signal.police_informed_at is not None
    page = client.get(f"/meldingen/{signal.pk}/").content.decode()
    assert "Police unit informed" in page


def test_not_yet_informed_is_recorded_without_a_moment_and_shown(client: Client, world: World):
    sign_in_en(client, world.lead)
    moment = local_input(timezone.now() - timedelta(minutes=5))
    client.post(URL, intake_post(world, police_informed="no", police_informed_at=moment))
    signal = Signal.objects.get()
    assert (signal.police_informed, signal.police_informed_at) == (False, None)
    page = client.get(f"/meldingen/{signal.pk}/").content.decode()
    assert "always inform your police unit of signs of radicalisation" in page


def test_the_api_requires_the_answer_and_returns_it(client: Client, world: World):
    headers = bearer(world.lead)
    body = api_body(world)
    del body["police_informed"]
    refused = client.post(API, body, content_type="application/json", headers=headers)
    assert refused.status_code == 400
    informed = api_body(
        world,
        police_informed=True,
        police_informed_at=(timezone.now() - timedelta(minutes=10)).isoformat(),
    )
    created = client.post(API, informed, content_type="application/json", headers=headers)
    assert created.status_code == 201
    shown = client.get(f"{API}/{created.json()['id']}", headers=headers).json()
    assert shown["police_informed"] is True
    assert shown["police_informed_at"] is not None
