"""The lead opens a case directly from an intelligence notice (issue 4, point 1)."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import ProcessingRecord
from cases.models import Case, CaseEvent
from signals.tests.builders import new_signal, notice_signal
from tests.personas import World, sign_in


def url(signal_id: int) -> str:
    return f"/casussen/uit-ambtsbericht/{signal_id}/"


def test_the_lead_opens_a_case_from_a_notice_with_a_team_and_a_reason(client: Client, world: World):
    signal = notice_signal(world)
    sign_in(client, world.lead)
    detail = client.get(f"/meldingen/{signal.pk}/").content.decode()
    assert url(signal.pk) in detail
    assert client.get(url(signal.pk)).status_code == 200
    response = client.post(url(signal.pk), {"team": [world.police.pk], "reason": "Ambtsbericht."})
    case = Case.objects.get()
    assert response["Location"] == f"/casussen/{case.pk}/"
    assert (case.signal, case.subject, case.lead) == (signal, signal.subject, world.lead.user)
    assert case.process_director == world.process_director.user
    assert list(case.team.values_list("organisation", flat=True)) == [world.police.pk]
    assert case.events.get().kind == CaseEvent.Kind.OPENED
    assert ProcessingRecord.objects.filter(name="cases.open").exists()
    # Once per signal: the door closes behind it.
    assert client.get(url(signal.pk)).status_code == 404
    assert url(signal.pk) not in client.get(f"/meldingen/{signal.pk}/").content.decode()


def test_a_reason_is_required_and_nothing_is_opened_without_it(client: Client, world: World):
    signal = notice_signal(world)
    sign_in(client, world.lead)
    response = client.post(url(signal.pk), {"reason": " "})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert not Case.objects.exists()


def test_an_organisation_outside_the_choice_is_refused(client: Client, world: World):
    signal = notice_signal(world)
    sign_in(client, world.lead)
    response = client.post(url(signal.pk), {"team": [world.gemeente_polderveen.pk], "reason": "x"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_signal_without_a_notice_has_no_such_door(client: Client, world: World):
    signal = new_signal(world)
    sign_in(client, world.lead)
    assert client.get(url(signal.pk)).status_code == 404
    assert client.post(url(signal.pk), {"reason": "x"}).status_code == 404
    assert not Case.objects.exists()


@pytest.mark.parametrize("persona", ["partner", "outsider", "process_director", "privacy_officer"])
def test_nobody_but_the_lead_may_open_a_case_from_a_notice(
    client: Client, world: World, persona: str
):
    signal = notice_signal(world)
    sign_in(client, getattr(world, persona))
    assert client.get(url(signal.pk)).status_code == 404
    assert client.post(url(signal.pk), {"reason": "x"}).status_code == 404
    assert not Case.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    signal = notice_signal(world)
    response = client.post(url(signal.pk), {"reason": "x"})
    assert response["Location"].startswith("/inloggen/")
    assert not Case.objects.exists()
