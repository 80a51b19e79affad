"""The search box: who finds whom, numbers, the log, the throttle and bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import translation
from django.utils.html import escape

from access.refusal import OBJECT_REFUSED
from accounts.models import Membership
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case
from cases.services import case_open
from persons.matching import Agreement
from persons.models import Subject
from search.gates import SEARCH_NAME
from search.names import BEGINS_REASON
from search.views import THROTTLED
from signals.models import Signal
from signals.tests.builders import intake_desk, mayor_office, new_signal
from tests.personas import World, sign_in

URL = "/zoeken/"


def person(world: World, given: str, surname: str, *, prefix: str = "", municipality=None):
    return Subject.objects.create(
        municipality=municipality or world.wijkstad,
        given_names=given,
        surname_prefix=prefix,
        surname=surname,
        birth_year=2008,
    )


def open_case(world: World, subject: Subject, *, team: list[Any]) -> Case:
    return case_open(
        actor=world.actor(world.lead),
        user=world.lead.user,
        subject=subject,
        municipality=world.wijkstad,
        lead=world.lead.user,
        team=team,
        reason="Opgenomen.",
    )


@pytest.fixture
def lina(world: World) -> Subject:
    """Lina Voorbeeld: a signal and an active case with the police on the team."""
    subject = person(world, "Lina", "Voorbeeld")
    new_signal(world, subject=subject)
    open_case(world, subject, team=[world.police])
    return subject


@pytest.fixture
def vera(world: World) -> Subject:
    """Vera Voorbeeld: a case of Testwijkstad without the police on its team."""
    subject = person(world, "Vera", "Voorbeeld")
    open_case(world, subject, team=[])
    return subject


@pytest.fixture
def elsewhere(world: World) -> Subject:
    """Lina Voorbeeld of another municipality, with a signal there."""
    subject = person(world, "Lina", "Voorbeeld", municipality=world.polderveen)
    new_signal(world, subject=subject, municipality=world.polderveen)
    return subject


def client_for(membership: Membership) -> Client:
    client = Client()
    sign_in(client, membership)
    return client


def search(client: Client, text: str):
    return client.post(URL, {"q": text})


def shown(response) -> set[int]:
    """The people a results page shows, by the ids in their headings' data attribute."""
    return {int(pk) for pk in re.findall(r'data-subject="(\d+)"', response.content.decode())}


def dutch(text: object) -> str:
    """A text as the Dutch interface shows it (as its msgid until locale/ translates it),
    escaped as the page writes it."""
    with translation.override("nl"):
        return escape(str(text))


def search_records() -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(name=SEARCH_NAME).order_by("sequence"))


# --- Persons through the identity matcher. ---


def test_a_one_letter_typo_finds_the_person_with_the_reason(world, lina):
    response = search(client_for(world.lead), "Voorbeld")
    assert response.status_code == 200
    assert shown(response) == {lina.pk}
    assert dutch(Agreement.SURNAME_CLOSE.label) in response.content.decode()


def test_the_beginning_of_a_surname_finds_the_person(world, lina):
    response = search(client_for(world.lead), "Voorb")
    assert shown(response) == {lina.pk}
    assert dutch(BEGINS_REASON) in response.content.decode()


def test_two_letters_are_too_few_to_find_by_the_beginning(world, lina):
    assert shown(search(client_for(world.lead), "Vo")) == set()


def test_a_surname_prefix_written_apart_joined_or_left_out_finds_the_person(world):
    berg = person(world, "Ali", "Berg", prefix="van den")
    new_signal(world, subject=berg)
    client = client_for(world.lead)
    for typed in ("van den Berg", "Vandenberg", "Berg", "Berg, van den", "Ali van den Berg"):
        assert shown(search(client, typed)) == {berg.pk}, typed


def test_given_names_may_come_first_or_after_a_comma_and_must_agree(world, lina, vera):
    client = client_for(world.lead)
    assert shown(search(client, "Voorbeeld")) == {lina.pk, vera.pk}
    assert shown(search(client, "Lina Voorbeeld")) == {lina.pk}
    assert shown(search(client, "Voorbeeld, Lina")) == {lina.pk}
    assert shown(search(client, "Voorbeeld Vera")) == {vera.pk}
    assert shown(search(client, "Sam Voorbeeld")) == set()


def test_a_result_shows_the_active_case_and_the_signals_the_searcher_may_see(world, lina):
    response = search(client_for(world.lead), "Voorbeeld")
    page = response.content.decode()
    case = Case.objects.get(subject=lina)
    signal = Signal.objects.get(subject=lina)
    assert f'href="/casussen/{case.pk}/"' in page
    assert f'href="/meldingen/{signal.pk}/"' in page


def test_a_partner_sees_the_person_of_their_case_without_signals_they_may_not_see(
    world, lina, vera, elsewhere
):
    response = search(client_for(world.partner), "Voorbeeld")
    page = response.content.decode()
    # Lina through her case; not Vera (the police are not on her team) and not the Lina
    # of Testpolderveen.
    assert shown(response) == {lina.pk}
    assert f'href="/casussen/{Case.objects.get(subject=lina).pk}/"' in page
    assert f'href="/casussen/{Case.objects.get(subject=vera).pk}/"' not in page
    # The signal was never on an agenda the police attended.
    assert f'href="/meldingen/{Signal.objects.get(subject=lina).pk}/"' not in page


def test_the_lead_never_finds_a_person_of_another_municipality(world, lina, elsewhere):
    assert shown(search(client_for(world.lead), "Lina Voorbeeld")) == {lina.pk}


def test_a_partner_of_another_municipality_finds_nobody(world, lina, vera, elsewhere):
    response = search(client_for(world.outsider), "Voorbeeld")
    assert response.status_code == 200
    assert shown(response) == set()


def test_the_intake_desk_finds_only_whom_it_registered(world, lina):
    desk = intake_desk(world)
    own = person(world, "Ida", "Voorbeeld")
    new_signal(world, subject=own, by=desk)
    assert shown(search(client_for(desk), "Voorbeeld")) == {own.pk}


# --- Numbers. ---


def test_a_signal_number_and_a_case_number_find_what_the_searcher_may_see(world, lina):
    client = client_for(world.lead)
    case = Case.objects.get(subject=lina)
    signal = Signal.objects.get(subject=lina)
    assert f'href="/casussen/{case.pk}/"' in search(client, str(case.pk)).content.decode()
    page = search(client, f"#{signal.pk}").content.decode()
    assert f'href="/meldingen/{signal.pk}/"' in page


def _without(page: str, typed: str) -> str:
    """The page without what the form echoes back (the number typed, the CSRF token)."""
    page = page.replace(f'value="{typed}"', 'value=""')
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_case_number_out_of_reach_answers_exactly_like_one_that_does_not_exist(world, vera):
    client = client_for(world.partner)
    hidden = Case.objects.get(subject=vera).pk
    missing = max(Case.objects.values_list("pk", flat=True)) + 1000
    out_of_reach = search(client, str(hidden))
    not_there = search(client, str(missing))
    assert out_of_reach.status_code == not_there.status_code == 200
    assert _without(out_of_reach.content.decode(), str(hidden)) == _without(
        not_there.content.decode(), str(missing)
    )
    assert f"/casussen/{hidden}/" not in out_of_reach.content.decode()
    # A search asks the actor's scope; it fetches nothing by id, so nothing is refused.
    assert not ProcessingRecord.objects.filter(name=OBJECT_REFUSED).exists()


def test_a_number_past_64_bits_finds_nothing(world, lina):
    response = search(client_for(world.lead), "9" * 30)
    assert response.status_code == 200
    assert shown(response) == set()
    assert "/casussen/" not in response.content.decode().split("<main", 1)[1]


# --- The processing log, and where the words do not go. ---


def test_the_log_gets_one_record_per_person_shown_and_no_words(world, lina, vera):
    response = search(client_for(world.lead), "Voorbeld")
    assert shown(response) == {lina.pk, vera.pk}
    records = search_records()
    assert sorted(r.subject_pseudonym for r in records) == sorted(
        pseudonymise(f"subject:{pk}") for pk in (lina.pk, vera.pk)
    )
    assert len({r.trace_id for r in records}) == 1
    assert {r.activity_version.activity.code for r in records} == {"search"}
    for record in ProcessingRecord.objects.all():
        values = " ".join(str(getattr(record, f.attname)) for f in record._meta.concrete_fields)
        assert "voorbeld" not in values.lower()


def test_a_search_that_finds_nothing_is_logged_once_without_a_person(world, lina):
    search(client_for(world.outsider), "Voorbeeld")
    [record] = search_records()
    assert record.subject_pseudonym == ""


def test_a_number_result_is_logged_for_the_person_it_is_about(world, lina):
    case = Case.objects.get(subject=lina)
    search(client_for(world.lead), str(case.pk))
    assert [r.subject_pseudonym for r in search_records()] == [pseudonymise(f"subject:{lina.pk}")]


def test_the_search_words_are_in_no_url_and_no_response_header(world, lina):
    response = search(client_for(world.lead), "Voorbeld")
    assert response.status_code == 200
    assert "Location" not in response
    assert all("voorbeld" not in str(value).lower() for value in response.headers.values())
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for attribute in re.findall(r'(?:href|action|src)="([^"]*)"', page):
        assert "voorbeld" not in attribute.lower(), attribute


def test_the_form_posts_and_a_get_searches_nothing(world, lina):
    client = client_for(world.lead)
    page = client.get("/").content.decode()
    assert re.search(r'<form class="schakel-search-box" action="/zoeken/" method="post"', page)
    response = client.get(URL, {"q": "Voorbeeld"})
    assert response.status_code == 200
    assert shown(response) == set()
    assert search_records() == []


# --- The throttle. ---


@override_settings(KNOWN_CHECKS_PER_MINUTE=2, KNOWN_CHECKS_PER_HOUR=3)
def test_searches_are_limited_per_account_with_a_429_that_says_what_to_do(world, lina):
    client = client_for(world.lead)
    assert [search(client, "Voorbeeld").status_code for _ in range(2)] == [200, 200]
    refused = search(client, "Voorbeeld")
    assert refused.status_code == 429
    assert dutch(THROTTLED) in refused.content.decode()
    assert shown(refused) == set()
    assert len({r.trace_id for r in search_records()}) == 2
    # Another account has its own count.
    assert search(client_for(world.partner), "Voorbeeld").status_code == 200


# --- Bad input. ---


@pytest.mark.parametrize(
    "typed", ["", "   ", "a" * 10_000, "Voor\x00beeld", "een twee drie vier vijf zes zeven"]
)
def test_bad_input_is_refused_with_a_message_and_searches_nothing(world, lina, typed):
    response = search(client_for(world.lead), typed)
    assert response.status_code == 400
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert search_records() == []


def test_bad_input_is_answered_in_dutch(world, lina):
    response = search(client_for(world.lead), "Voor\x00beeld")
    assert response.status_code == 400
    assert "niet toegestaan" in response.content.decode()


# --- Who gets the box. ---


@pytest.mark.parametrize("persona", ["lead", "partner", "process_director"])
def test_the_roles_that_work_with_persons_see_the_box(world, persona):
    page = client_for(getattr(world, persona)).get("/").content.decode()
    assert 'class="schakel-search-box"' in page


def test_the_privacy_officer_administrator_and_mayors_office_get_no_box_and_no_page(world):
    for membership in (world.privacy_officer, world.admin, mayor_office(world)):
        client = client_for(membership)
        assert 'class="schakel-search-box"' not in client.get("/").content.decode()
        assert client.get(URL).status_code == 404
        assert search(client, "Voorbeeld").status_code == 404
