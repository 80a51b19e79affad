"""Registering a signal through the intake form: who may, what is saved, what is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Municipality, Organisation, Region
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from persons.models import Subject
from signals.models import IntelligenceNotice, Signal
from signals.tests.builders import intake_desk, intake_post, local_input, person, sign_in_en
from signals.workflow import Status
from tests.personas import World, sign_in

URL = "/meldingen/nieuw/"


def nothing_saved() -> bool:
    return not Signal.objects.exists() and not Subject.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client: Client, world: World):
    for response in (client.get(URL), client.post(URL, intake_post(world))):
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
    assert nothing_saved()


@pytest.mark.parametrize("persona", ["privacy_officer", "admin", "process_director"])
def test_roles_that_do_not_report_get_not_found(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(URL).status_code == 404
    assert client.post(URL, intake_post(world)).status_code == 404
    assert nothing_saved()


def test_the_form_shows_the_intake_checklist_and_preselects_the_leads_municipality(
    client: Client, world: World
):
    sign_in_en(client, world.lead)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Religious practice or a conservative belief alone is not a signal." in page
    assert "police (112)" in page
    assert "no data on family members" in page
    assert "professional duties" in page
    assert f'<option value="{world.wijkstad.pk}" selected>' in page
    # Only municipalities of the lead's region are offered.
    Municipality.objects.create(
        name="Elders", code="GM9990", region=Region.objects.create(name="Andere regio")
    )
    assert ">Elders</option>" not in client.get(URL).content.decode()


def test_a_lead_registers_a_signal_and_goes_to_it(client: Client, world: World):
    sign_in(client, world.lead)
    response = client.post(URL, intake_post(world))
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meldingen/{signal.pk}/"
    subject = signal.subject
    assert subject is not None
    assert (subject.given_names, subject.surname_prefix, subject.surname) == (
        "Sara",
        "van",
        "Testpersoon",
    )
    assert subject.municipality == world.wijkstad
    assert subject.created_by == world.lead.user
    assert signal.status == Status.RECEIVED
    assert signal.registered_by == world.lead.user
    assert signal.reporting_organisation == world.police
    record = ProcessingRecord.objects.get(name="signals.register")
    assert record.operation == Operation.CREATE
    assert record.subject_pseudonym == pseudonymise(f"subject:{subject.pk}")


def test_the_moment_of_receipt_is_read_as_amsterdam_time(client: Client, world: World):
    sign_in(client, world.lead)
    client.post(URL, intake_post(world, received_at="2026-01-15T09:30"))
    received = timezone.localtime(Signal.objects.get().received_at)
    assert (received.hour, received.minute, received.utcoffset()) == (9, 30, timedelta(hours=1))


def test_the_intake_desk_gets_a_confirmation_and_may_open_what_it_registered(
    client: Client, world: World
):
    desk = intake_desk(world)
    sign_in_en(client, desk)
    response = client.post(URL, intake_post(world), follow=True)
    signal = Signal.objects.get()
    assert response.redirect_chain[-1][0] == "/meldingen/ontvangen/"
    page = response.content.decode()
    assert f"number {signal.pk}" in page
    assert f'href="/meldingen/{signal.pk}/"' in page
    assert client.get(f"/meldingen/{signal.pk}/").status_code == 200


def test_a_partner_reports_and_cannot_open_the_signal_afterwards(client: Client, world: World):
    sign_in_en(client, world.partner)
    form = client.get(URL).content.decode()
    # A partner reports as a professional of their own organisation.
    assert f'<option value="{world.police.pk}" selected>' in form
    assert 'value="intelligence_notice"' not in form
    response = client.post(URL, intake_post(world), follow=True)
    signal = Signal.objects.get()
    assert response.redirect_chain[-1][0] == "/meldingen/ontvangen/"
    assert f"number {signal.pk}" in response.content.decode()
    assert f'href="/meldingen/{signal.pk}/"' not in response.content.decode()
    assert client.get(f"/meldingen/{signal.pk}/").status_code == 404


def test_an_acute_signal_reminds_the_reporter_to_call_112(client: Client, world: World):
    sign_in_en(client, world.partner)
    response = client.post(URL, intake_post(world, urgency="acute"), follow=True)
    assert "call 112 now" in response.content.decode()


def test_a_lead_registering_for_another_municipality_of_the_region_gets_a_confirmation(
    client: Client, world: World
):
    sign_in(client, world.lead)
    response = client.post(URL, intake_post(world, municipality=world.polderveen.pk))
    assert response["Location"] == "/meldingen/ontvangen/"
    assert Signal.objects.get().municipality == world.polderveen


def test_the_confirmation_without_a_registration_leads_to_the_form(client: Client, world: World):
    sign_in(client, world.partner)
    response = client.get("/meldingen/ontvangen/")
    assert response.status_code == 302
    assert response["Location"] == URL


def test_a_person_not_known_by_name_is_left_out(client: Client, world: World):
    sign_in(client, world.lead)
    data = intake_post(
        world, subject_unknown="on", given_names="", surname="", surname_prefix="", birth_year=""
    )
    assert client.post(URL, data).status_code == 302
    assert Signal.objects.get().subject is None
    assert not Subject.objects.exists()


def test_the_lead_registers_an_intelligence_notice_with_its_reference(client: Client, world: World):
    sign_in(client, world.lead)
    data = intake_post(
        world,
        reporter_type="intelligence_notice",
        reporting_organisation="",
        notice_reference="AB-2027-0042",
        notice_dated=timezone.localdate().isoformat(),
    )
    assert client.post(URL, data).status_code == 302
    notice = IntelligenceNotice.objects.get()
    assert notice.reference == "AB-2027-0042"
    assert notice.signal.reporting_organisation is None


def test_a_non_professional_reporter_has_no_organisation(client: Client, world: World):
    sign_in(client, world.lead)
    client.post(URL, intake_post(world, reporter_type="family"))
    assert Signal.objects.get().reporting_organisation is None


def _foreign_region(world: World) -> dict[str, int]:
    region = Region.objects.create(name="Andere regio")
    municipality = Municipality.objects.create(name="Elders", code="GM9990", region=region)
    organisation = Organisation.objects.create(
        name="Politie Elders", kind=Organisation.Kind.POLICE, region=region
    )
    return {"municipality": municipality.pk, "organisation": organisation.pk}


BAD_INPUT = {
    "impossible date": ({"received_at": "2026-02-31T10:00"}, "received_at"),
    "future receipt": (
        {"received_at": local_input(timezone.now() + timedelta(days=2))},
        "received_at",
    ),
    "invalid BSN": ({"bsn": "123456789", "bsn_legal_basis": "Wet PGA"}, "bsn"),
    "BSN without legal basis": ({"bsn": "111222333"}, "bsn_legal_basis"),
    "unknown concern type": ({"concern_type": "religious"}, "concern_type"),
    "missing concern type": ({"concern_type": ""}, "concern_type"),
    "impossible birth date": (
        {"birth_year": "2011", "birth_month": "2", "birth_day": "31"},
        "birth_day",
    ),
    "day without month": ({"birth_day": "4"}, "birth_month"),
    "birth year in the future": ({"birth_year": "2999"}, "birth_year"),
    "no surname": ({"surname": ""}, "surname"),
    "professional without organisation": ({"reporting_organisation": ""}, "reporting_organisation"),
    "empty description": ({"description": "   "}, "description"),
    "unknown channel": ({"channel": "pigeon"}, "channel"),
    "unknown urgency": ({"urgency": "whenever"}, "urgency"),
    "unknown person ticked with a name": ({"subject_unknown": "on"}, "subject_unknown"),
    "notice without reference": (
        {"reporter_type": "intelligence_notice", "notice_dated": "2026-01-02"},
        "notice_reference",
    ),
    "notice without date": (
        {"reporter_type": "intelligence_notice", "notice_reference": "AB-1"},
        "notice_dated",
    ),
}


@pytest.mark.parametrize(("data", "field"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    client: Client, world: World, data: dict[str, str], field: str
):
    sign_in_en(client, world.lead)
    response = client.post(URL, intake_post(world, **data))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert nothing_saved()


def test_municipality_and_organisation_of_another_region_are_refused(client: Client, world: World):
    foreign = _foreign_region(world)
    sign_in(client, world.lead)
    response = client.post(
        URL,
        intake_post(
            world,
            municipality=foreign["municipality"],
            reporting_organisation=foreign["organisation"],
        ),
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"municipality", "reporting_organisation"}
    assert nothing_saved()


@pytest.mark.parametrize("persona", ["intake", "partner"])
def test_only_the_lead_may_register_an_intelligence_notice(
    client: Client, world: World, persona: str
):
    membership = intake_desk(world) if persona == "intake" else world.partner
    sign_in(client, membership)
    data = intake_post(
        world,
        reporter_type="intelligence_notice",
        notice_reference="AB-1",
        notice_dated="2026-01-02",
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "reporter_type" in response.context["form"].errors
    assert nothing_saved()


def test_a_bsn_that_is_already_known_is_refused_without_saying_whose(client: Client, world: World):
    known = person(world, surname="Bekend")
    Subject.objects.filter(pk=known.pk).update(bsn="111222333", bsn_legal_basis="Wet PGA")
    sign_in_en(client, world.lead)
    response = client.post(URL, intake_post(world, bsn="111222333", bsn_legal_basis="Wet PGA"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "already known in Schakel" in page
    assert "Bekend" not in page
    assert not Signal.objects.exists()
    assert Subject.objects.count() == 1


def test_a_valid_bsn_with_its_legal_basis_is_recorded(client: Client, world: World):
    sign_in(client, world.lead)
    client.post(URL, intake_post(world, bsn="111222333", bsn_legal_basis="Wet PGA art. 3"))
    subject = Signal.objects.get().subject
    assert subject is not None
    assert (subject.bsn, subject.bsn_legal_basis) == ("111222333", "Wet PGA art. 3")
