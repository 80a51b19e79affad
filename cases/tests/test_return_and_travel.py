"""Return motives and "travel prevented" are recorded as coded facts with the situation
change (issue 14, point 7), so that the council report can count them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from cases.entry_gates import merged_timeline
from cases.models import Case, CaseEvent
from cases.services import case_change_situation
from cases.tests.test_api import one, post
from cases.tests.test_cases import open_case, with_state
from cases.workflow import ReturnMotive, Situation, TravelOutcome
from signals.tests.builders import bearer
from tests.personas import World, sign_in


def _change(world: World, case: Case, to: str, **extra: str) -> Case:
    return case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=to,
        reason="Nieuwe informatie.",
        version=case.version,
        **extra,
    )


def _last(case: Case) -> CaseEvent:
    event = case.events.last()
    assert event is not None
    return event


def test_a_return_records_its_coded_motive_and_text(world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    case = _change(
        world,
        case,
        Situation.RETURNED,
        return_motive=ReturnMotive.MEDICAL,
        return_motive_note="Zwanger.",
    )
    event = _last(case)
    assert (event.return_motive, event.return_motive_note) == ("medical", "Zwanger.")
    assert event.travel_outcome == ""


def test_a_return_without_a_motive_is_refused(world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.RETURNED)
    assert "return_motive" in error.value.message_dict
    assert Case.objects.get(pk=case.pk).situation == Situation.DEPARTED


def test_the_other_motive_needs_its_text(world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.RETURNED, return_motive=ReturnMotive.OTHER)
    assert "return_motive_note" in error.value.message_dict


def test_a_motive_is_refused_for_another_situation(world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    with pytest.raises(ValidationError):
        _change(world, case, Situation.DETAINED, return_motive=ReturnMotive.MEDICAL)


@pytest.mark.parametrize("target", [Situation.CONCERN, Situation.DETAINED])
def test_leaving_intended_travel_without_departing_asks_how_it_ended(world: World, target):
    case = with_state(world, situation=Situation.INTENDS_TO_TRAVEL)
    with pytest.raises(ValidationError) as error:
        _change(world, case, target)
    assert "travel_outcome" in error.value.message_dict
    case = _change(world, case, target, travel_outcome=TravelOutcome.PREVENTED)
    assert _last(case).travel_outcome == "prevented"


def test_departing_records_departed_by_itself_and_cannot_be_prevented(world: World):
    case = with_state(world, situation=Situation.INTENDS_TO_TRAVEL)
    with pytest.raises(ValidationError):
        _change(world, case, Situation.DEPARTED, travel_outcome=TravelOutcome.PREVENTED)
    case = _change(world, case, Situation.DEPARTED)
    assert _last(case).travel_outcome == "departed"


def test_no_travel_outcome_outside_intended_travel(world: World):
    case = open_case(world)
    with pytest.raises(ValidationError):
        _change(world, case, Situation.DETAINED, travel_outcome=TravelOutcome.PREVENTED)
    case = _change(world, case, Situation.DETAINED)
    assert _last(case).travel_outcome == ""


def _form(client: Client, case: Case, **data: str):
    payload = {f"situation-{key}": value for key, value in data.items()}
    payload["situation-version"] = str(case.version)
    return client.post(f"/casussen/{case.pk}/situatie/", payload)


def test_the_page_asks_the_motive_when_someone_returns(client: Client, world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.lead)
    page = client.get(f"/casussen/{case.pk}/wijzigen/").content.decode()
    assert "Motive for return" in page
    assert "How did the intention to travel end?" not in page
    refused = _form(client, case, to="returned", reason="Terug")
    assert refused.status_code == 400
    assert "Choose the motive for return" in refused.content.decode()
    saved = _form(client, case, to="returned", reason="Terug", return_motive="disillusioned")
    assert saved.status_code == 302
    assert _last(case).return_motive == "disillusioned"
    with translation.override("en"):
        details = [item.detail for item in merged_timeline(case.events.all(), [], {})]
    assert "motive for return: disillusioned with the ideology or the organisation" in details[-1]


def test_the_page_asks_how_intended_travel_ended(client: Client, world: World):
    case = with_state(world, situation=Situation.INTENDS_TO_TRAVEL)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.lead)
    assert "How did the intention to travel end?" in (
        client.get(f"/casussen/{case.pk}/wijzigen/").content.decode()
    )
    refused = _form(client, case, to="concern", reason="Paspoort ingetrokken")
    assert refused.status_code == 400
    assert "Say how the intention to travel ended." in refused.content.decode()
    saved = _form(
        client, case, to="concern", reason="Paspoort ingetrokken", travel_outcome="prevented"
    )
    assert saved.status_code == 302
    assert _last(case).travel_outcome == "prevented"


def test_the_api_requires_the_motive_and_shows_it(client: Client, world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    headers = bearer(world.lead)
    url = f"{one(case)}/situation"
    refused = post(client, url, {"to": "returned", "reason": "terug", "version": 1}, headers)
    assert refused.status_code == 400
    body = {"to": "returned", "reason": "terug", "version": 1, "return_motive": "medical"}
    moved = post(client, url, body, headers)
    assert moved.status_code == 200
    assert moved.json()["events"][-1]["return_motive"] == "medical"


def test_the_outsider_cannot_record_a_return(client: Client, world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    sign_in(client, world.outsider)
    response = _form(client, case, to="returned", reason="Terug", return_motive="medical")
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).situation == Situation.DEPARTED
