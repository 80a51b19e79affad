""" "Already known?": who learns what, logging, and "this is someone else" at intake."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from persons.models import Subject
from persons.services import subject_create
from signals.models import Signal
from signals.services import signal_register
from tests.factories import MembershipFactory
from tests.personas import World, sign_in

URL = "/meldingen/al-bekend/"


@pytest.fixture
def girl(world: World) -> Subject:
    subject = subject_create(
        actor=world.actor(world.lead),
        municipality=world.wijkstad,
        given_names="Yasmina",
        surname="Oefenberg",
        surname_prefix="el",
        birth_year=2011,
        birth_month=3,
        birth_day=4,
    )
    signal_register(
        actor=world.actor(world.lead),
        user=world.lead.user,
        municipality=world.wijkstad,
        received_at=timezone.now() - timedelta(hours=2),
        channel="phone",
        reporter_type="professional",
        description="Zorg van school.",
        concern_type="unclear",
        subject=subject,
    )
    return subject


def check(client: Client, **overrides: Any):
    # Typed as one surname with the prefix in it, and day and month swapped by default.
    data = {"given_names": "Yasmina", "surname_prefix": "", "surname": "El Oefenberg"}
    data.update({"birth_year": "2011", "birth_month": "4", "birth_day": "3"})
    data.update(overrides)
    return client.post(URL, data)


def test_the_lead_sees_the_candidate_with_reasons_and_the_signal(client, world, girl):
    sign_in(client, world.lead)
    response = check(client, birth_month="3", birth_day="4")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Yasmina" in page
    assert f"/meldingen/{girl.signals.get().pk}/" in page


def test_a_user_without_access_learns_only_the_hit_and_whom_to_contact(client, world, girl):
    intake = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.INTAKE)
    sign_in(client, intake)
    page = check(client, birth_month="3", birth_day="4").content.decode()
    result = page.split('id="result-heading"', 1)[1]
    assert "Yasmina" not in result
    assert "2011" not in result
    assert world.lead.user.full_name in page
    assert world.lead.user.email in page
    assert "/meldingen/" + str(girl.signals.get().pk) not in page


def test_day_and_month_swapped_still_finds_her(client, world, girl):
    sign_in(client, world.lead)
    page = check(client).content.decode()  # 14 and 3 swapped
    assert "Yasmina" in page


def test_no_hit_says_so(client, world, girl):
    sign_in(client, world.lead)
    page = check(client, given_names="Piet", surname="Anders").content.decode()
    result = page.split('id="result-heading"', 1)[1]
    assert "Yasmina" not in result
    assert 'role="status"' in result


def test_every_check_is_logged_with_the_candidates_as_subjects(client, world, girl):
    sign_in(client, world.partner)
    check(client, birth_month="3", birth_day="4")
    record = ProcessingRecord.objects.get(name="signals.already_known.check")
    assert record.subject_pseudonym == pseudonymise(f"subject:{girl.pk}")
    assert record.actor_id == world.partner.user_id
    check(client, given_names="Piet", surname="Anders")
    assert ProcessingRecord.objects.filter(name="signals.already_known.check").count() == 2


def test_the_name_asked_about_is_posted_never_in_the_url(client, world):
    sign_in(client, world.lead)
    assert client.get(URL + "?surname=Oefenberg").status_code == 200
    assert not ProcessingRecord.objects.filter(name="signals.already_known.check").exists()


@pytest.mark.parametrize(
    ("field", "value"), [("surname", ""), ("birth_month", "13"), ("birth_year", "x")]
)
def test_bad_input_is_refused_and_nothing_is_checked(client, world, field, value):
    sign_in(client, world.lead)
    response = check(client, **{field: value})
    assert response.status_code == 400
    assert not ProcessingRecord.objects.filter(name="signals.already_known.check").exists()


@pytest.mark.parametrize("persona", ["admin", "privacy_officer"])
def test_roles_without_intake_cannot_check(client, world, persona):
    sign_in(client, getattr(world, persona))
    assert client.post(URL, {"surname": "x"}).status_code == 404


def _intake_post(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "municipality": world.wijkstad.pk,
        "received_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "channel": "phone",
        "reporter_type": "professional",
        "reporting_organisation": world.police.pk,
        "description": "Nieuwe zorg.",
        "concern_type": "unclear",
        "urgency": "normal",
        "police_informed": "no",
        "given_names": "Yasmina",
        "surname_prefix": "el",
        "surname": "Oefenberg",
        "birth_year": "2011",
        "birth_month": "3",
        "birth_day": "4",
    }
    data.update(overrides)
    return data


def test_a_new_person_despite_a_strong_candidate_needs_a_reason(client, world, girl):
    sign_in(client, world.lead)
    before = Signal.objects.count()
    response = client.post("/meldingen/nieuw/", _intake_post(world))
    assert response.status_code == 400
    assert Signal.objects.count() == before
    assert Subject.objects.count() == 1
    response = client.post(
        "/meldingen/nieuw/",
        _intake_post(world, someone_else_reason="Tweelingzus, andere school."),
    )
    assert response.status_code == 302
    assert Subject.objects.count() == 2
    signal = Signal.objects.order_by("-pk").first()
    assert signal is not None
    first_event = signal.events.first()
    assert first_event is not None
    assert "Tweelingzus" in first_event.reason


@pytest.mark.parametrize(("per_minute", "per_hour"), [(3, 60), (60, 3)])
def test_checks_are_limited_per_account_with_a_429_that_says_what_to_do(
    client, world, girl, settings, per_minute: int, per_hour: int
):
    settings.KNOWN_CHECKS_PER_MINUTE, settings.KNOWN_CHECKS_PER_HOUR = per_minute, per_hour
    sign_in(client, world.partner)
    for _ in range(3):
        assert check(client).status_code == 200
    checks = ProcessingRecord.objects.filter(name="signals.already_known.check").count()
    refused = check(client)
    assert refused.status_code == 429
    assert "in korte tijd veel controles gedaan" in refused.content.decode()
    # The refused check ran nothing: no identity was processed.
    assert ProcessingRecord.objects.filter(name="signals.already_known.check").count() == checks
    # Another account is not held back by this one.
    other = Client()
    sign_in(other, world.lead)
    assert check(other).status_code == 200


def test_the_minute_limit_lifts_after_a_minute_and_the_hour_limit_after_an_hour(
    client, world, girl, settings
):
    settings.KNOWN_CHECKS_PER_MINUTE, settings.KNOWN_CHECKS_PER_HOUR = 2, 3
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, world.partner)
        assert [check(client).status_code for _ in range(3)] == [200, 200, 429]
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        sign_in(client, world.partner)
        assert [check(client).status_code for _ in range(2)] == [200, 429]  # 3 in the hour
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        sign_in(client, world.partner)
        assert check(client).status_code == 200
