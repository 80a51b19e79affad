"""Agreeing a press line runs the name-and-number check: a hit blocks the agreement (page and
API) until the text changes or a reason is recorded, which is kept and logged; a draft is
never blocked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import ProcessingRecord
from network.models import NetworkPerson
from support.models import PressLine
from support.press import PressInput, press_line_change, press_line_draw_up
from support.tests.builders import press_line, support_case
from tests.personas import World, sign_in

NAMED = "Wij spreken niet over Noor of haar broer Karim Bakker."


def _form(**values: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "lead": "municipality",
        "core_messages": "De gemeente doet geen uitspraken over personen.",
        "agreed_by": "Burgemeester, politiechef, officier van justitie",
        "agreed_on": today.isoformat(),
        "valid_until": (today + timedelta(days=30)).isoformat(),
    }
    data.update(values)
    return data


@pytest.fixture
def case(world: World):
    case = support_case(world)
    NetworkPerson.objects.create(
        case=case,
        name="Karim Bakker",
        created_by=world.lead.user,
        source_organisation=world.gemeente_wijkstad,
    )
    return case


def _agree(world: World, case, **values: Any) -> PressLine:
    fields: dict[str, Any] = {
        "lead": "municipality",
        "core_messages": NAMED,
        "valid_until": timezone.localdate() + timedelta(days=30),
        "agreed_by": "Driehoek",
        "agreed_on": timezone.localdate(),
    }
    fields.update(values)
    return press_line_draw_up(
        actor=world.actor(world.lead), user=world.lead.user, case=case, data=PressInput(**fields)
    )


def test_agreeing_a_line_that_names_the_subject_and_a_relative_is_refused(world, case):
    with pytest.raises(ValidationError) as refused:
        _agree(world, case)
    message = refused.value.message_dict["agreed_despite_check"][0]
    assert "Noor" in message
    assert "Karim Bakker" in message
    assert "core messages" in message
    assert not PressLine.objects.exists()


def test_a_draft_with_names_is_saved_and_only_its_agreement_is_blocked(world, case):
    line = _agree(world, case, agreed_on=None, agreed_by="")
    assert line.agreed_on is None
    data = PressInput(
        lead="municipality",
        core_messages=NAMED,
        valid_until=line.valid_until,
        agreed_by="Driehoek",
        agreed_on=timezone.localdate(),
    )
    actor, user = world.actor(world.lead), world.lead.user
    with pytest.raises(ValidationError):
        press_line_change(actor=actor, user=user, line=line, data=data, version=1)
    cleaned = PressInput(**{**data.__dict__, "core_messages": "Geen uitspraken over personen."})
    changed, _withdrawn = press_line_change(
        actor=actor, user=user, line=line, data=cleaned, version=1
    )
    assert changed.agreed_on == timezone.localdate()
    assert changed.agreed_despite_check == ""


def test_a_recorded_reason_lets_the_agreement_through_and_is_kept_and_logged(world, case):
    line = _agree(world, case, agreed_despite_check="De familie vroeg zelf om deze tekst.")
    assert line.agreed_despite_check == "De familie vroeg zelf om deze tekst."
    assert line.revisions.get().agreed_despite_check == line.agreed_despite_check
    names = set(ProcessingRecord.objects.values_list("name", flat=True))
    assert "support.press.agree_despite_check" in names


def test_numbers_of_people_block_the_agreement_too(world, case):
    with pytest.raises(ValidationError) as refused:
        _agree(world, case, core_messages="Er zijn drie jongeren vertrokken.")
    assert "drie jongeren" in refused.value.message_dict["agreed_despite_check"][0]


def test_the_page_shows_the_findings_and_changes_nothing(client, world, case):
    sign_in(client, world.lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/"
    response = client.post(url, _form(core_messages=NAMED))
    assert response.status_code == 400
    body = response.content.decode()
    assert "cannot be agreed yet" in body
    assert "Karim Bakker" in body
    assert not PressLine.objects.exists()
    reason = "De driehoek koos bewust voor deze tekst."
    response = client.post(url, _form(core_messages=NAMED, agreed_despite_check=reason))
    assert response.status_code == 302
    assert PressLine.objects.get().agreed_despite_check == reason


def test_the_page_saves_a_draft_with_names_and_warns(client, world, case):
    sign_in(client, world.lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/"
    response = client.post(url, _form(core_messages=NAMED, agreed_on="", agreed_by=""), follow=True)
    assert response.status_code == 200
    assert "Before the line can be agreed" in response.content.decode()
    assert PressLine.objects.get().agreed_on is None


def test_the_api_refuses_the_agreement_with_a_problem_and_accepts_a_reason(client, world, case):
    sign_in(client, world.lead)
    url = f"/api/v1/cases/{case.pk}/press-lines"
    payload = {
        "lead": "municipality",
        "core_messages": NAMED,
        "agreed_by": "Driehoek",
        "agreed_on": timezone.localdate().isoformat(),
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "Karim Bakker" in refused.content.decode()
    assert not PressLine.objects.exists()
    payload["agreed_despite_check"] = "Bewust gekozen."
    accepted = client.post(url, payload, content_type="application/json")
    assert accepted.status_code == 201
    assert accepted.json()["agreed_despite_check"] == "Bewust gekozen."


def test_a_line_agreed_earlier_stays_agreed_when_only_its_end_changes(world, case):
    line = press_line(world, case, agreed_by="Driehoek", agreed_on=timezone.localdate())
    PressLine.objects.filter(pk=line.pk).update(core_messages=NAMED)  # agreed before the check
    line.refresh_from_db()
    data = PressInput(
        lead=line.lead,
        core_messages=NAMED,
        valid_until=line.valid_until + timedelta(days=5),
        agreed_by=line.agreed_by,
        agreed_on=line.agreed_on,
    )
    changed, withdrawn = press_line_change(
        actor=world.actor(world.lead), user=world.lead.user, line=line, data=data, version=1
    )
    assert not withdrawn
    assert changed.agreed_on == timezone.localdate()
