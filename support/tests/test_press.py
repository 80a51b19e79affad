"""The press line: versions with a visible history, status from its dates, the agreement
withdrawn when the text changes, the reminder on every page, bad input and stale versions,
and the mayor's list of lines awaiting agreement."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from accounts.models import Municipality
from cases.models import Case
from cases.workflow import CaseStatus
from support.models import PressLine, PressLineRevision, PressStatus
from support.press import PressInput, press_line_change, press_lines_awaiting_agreement
from support.tests.builders import press_line, support_case
from tests.personas import World, sign_in

REMINDER = "Never give out names or numbers of individual cases."


def _form(**values: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "lead": "prosecutor",
        "core_messages": "Het OM doet geen uitspraken over personen.",
        "question_1": "Is er iemand uitgereisd?",
        "answer_1": "Daar doen wij geen uitspraken over.",
        "agreed_by": "Burgemeester, politiechef, officier van justitie",
        "agreed_on": (today - timedelta(days=1)).isoformat(),
        "valid_until": (today + timedelta(days=60)).isoformat(),
    }
    data.update(values)
    return data


def test_the_lead_draws_up_and_changes_a_line_and_the_history_shows_every_version(
    client, world: World
):
    case = support_case(world)
    sign_in(client, world.lead)
    response = client.post(f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/", _form())
    assert response.status_code == 302
    line = PressLine.objects.get(case=case)
    assert line.status() == PressStatus.AGREED
    assert line.questions_and_answers == [
        {"question": "Is er iemand uitgereisd?", "answer": "Daar doen wij geen uitspraken over."}
    ]
    edit = f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/wijzigen/"
    changed = _form(valid_until=(timezone.localdate() + timedelta(days=90)).isoformat(), version=1)
    assert client.post(edit, changed).status_code == 302
    line.refresh_from_db()
    assert line.version == 2
    assert list(line.revisions.values_list("number", flat=True)) == [2, 1]
    first = line.revisions.get(number=1)
    assert first.valid_until == timezone.localdate() + timedelta(days=60)
    page = client.get(f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/")
    body = page.content.decode()
    assert "Version 1" in body
    assert "Version 2" in body
    assert REMINDER in body


def test_the_team_reads_the_line_with_the_reminder(client, world: World):
    case = support_case(world)
    line = press_line(world, case)
    sign_in(client, world.partner)
    listing = client.get(f"/casussen/{case.pk}/ondersteuning/woordvoering/").content.decode()
    assert REMINDER in listing
    assert "draft" in listing
    detail = client.get(f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/")
    assert REMINDER in detail.content.decode()
    assert "Wij doen geen uitspraken over personen." in detail.content.decode()
    sign_in(client, world.lead)
    form = client.get(f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/")
    assert REMINDER in form.content.decode()


def test_changing_the_text_of_an_agreed_line_makes_it_a_draft_again(world: World):
    case = support_case(world)
    agreed_on = timezone.localdate() - timedelta(days=2)
    line = press_line(world, case, agreed_by="Driehoek", agreed_on=agreed_on)
    assert line.status() == PressStatus.AGREED
    data = PressInput(
        lead="municipality",
        core_messages="Een nieuwe kernboodschap.",
        valid_until=line.valid_until,
        agreed_by="Driehoek",
        agreed_on=agreed_on,
    )
    line, withdrawn = press_line_change(
        actor=world.actor(world.lead), user=world.lead.user, line=line, data=data, version=1
    )
    assert withdrawn
    assert line.status() == PressStatus.DRAFT
    assert line.agreed_on is None
    # The history keeps what the triangle agreed to.
    assert line.revisions.get(number=1).agreed_on == agreed_on


def test_valid_until_before_the_agreement_is_refused_and_nothing_is_saved(client, world: World):
    case = support_case(world)
    sign_in(client, world.lead)
    today = timezone.localdate()
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/",
        _form(agreed_on=today.isoformat(), valid_until=(today - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The line cannot stop being valid before the day it was agreed." in body
    assert not PressLine.objects.exists()


def test_other_bad_input_gets_clear_messages(client, world: World):
    case = support_case(world)
    sign_in(client, world.lead)
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/",
        _form(lead="mayor", agreed_by="", answer_1="", core_messages=""),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose who leads: the public prosecutor or the municipality." in body
    assert "Give this question its answer." in body
    assert not PressLine.objects.exists()
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/", _form(agreed_by="")
    )
    assert response.status_code == 400
    assert "Say who agreed the line in the local triangle." in response.content.decode()
    assert not PressLine.objects.exists()


def test_a_stale_change_answers_409_and_keeps_the_typed_text(client, world: World):
    case = support_case(world)
    line = press_line(world, case)
    edit = f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/wijzigen/"
    sign_in(client, world.lead)
    assert client.post(edit, _form(core_messages="Eerste wijziging.", version=1)).status_code == 302
    response = client.post(edit, _form(core_messages="Mijn getypte tekst.", version=1))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Mijn getypte tekst." in body
    assert "Eerste wijziging." in body
    assert PressLineRevision.objects.filter(press_line=line).count() == 2


def test_a_line_expires_after_its_last_day(world: World, client):
    case = support_case(world)
    line = press_line(world, case, valid_until=timezone.localdate() + timedelta(days=3))
    assert line.status() == PressStatus.DRAFT
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert line.status() == PressStatus.EXPIRED
        assert PressLine.objects.expired().filter(pk=line.pk).exists()
        sign_in(client, world.lead)
        edit = f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/wijzigen/"
        valid = (timezone.localdate() + timedelta(days=10)).isoformat()
        response = client.post(edit, _form(version=1, valid_until=valid))
        assert response.status_code == 400
        assert "This press line has expired; draw up a new one." in response.content.decode()


def test_lines_awaiting_agreement_are_the_drafts_in_force_of_open_cases(world: World):
    case = support_case(world)
    draft = press_line(world, case)
    press_line(
        world, case, agreed_by="Driehoek", agreed_on=timezone.localdate() - timedelta(days=1)
    )
    short = press_line(world, support_case(world), valid_until=timezone.localdate())
    closed_case = support_case(world)
    press_line(world, closed_case)
    Case.objects.filter(pk=closed_case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    elsewhere = Municipality.objects.create(name="Elders", code="GM9903", region=world.region)
    assert list(press_lines_awaiting_agreement(world.wijkstad)) == [short, draft]
    assert not press_lines_awaiting_agreement(elsewhere).exists()
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert list(press_lines_awaiting_agreement(world.wijkstad)) == [draft]
