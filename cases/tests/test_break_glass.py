"""Emergency access (noodtoegang): another lead of the same municipality or the region's
process director may open a case they are not on, with a reason, through a separate step.
The case stays 404 until then and again after the access ends; reads are marked in the log;
leads of other municipalities and partners have no emergency access."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Membership, Role
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import BreakGlassAccess, Case, CaseEvent
from cases.tests.test_cases import open_case
from cases.tests.test_entries import setup_entries
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in


def colleague_lead(world: World) -> Membership:
    """A lead of Wijkstad who is not the case's lead."""
    user = UserFactory.create(full_name="Cor Collega")
    return MembershipFactory.create(user=user, organisation=world.gemeente_wijkstad, role=Role.LEAD)


def polderveen_lead(world: World) -> Membership:
    user = UserFactory.create(full_name="Pim Polder")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_polderveen, role=Role.LEAD
    )


def _open_by_break_glass(client: Client, case: Case, reason: str = "Acute dreiging, lead ziek"):
    return client.post(f"/casussen/{case.pk}/noodtoegang/", {"reason": reason})


@pytest.mark.parametrize("who", ["colleague_lead", "process_director"])
def test_emergency_access_opens_the_case_after_the_separate_step(
    client: Client, world: World, who: str
):
    case = open_case(world)  # no process director: world.process_director is not on it
    membership = colleague_lead(world) if who == "colleague_lead" else world.process_director
    sign_in(client, membership)
    assert client.get(f"/casussen/{case.pk}/").status_code == 404
    assert f"/casussen/{case.pk}/" not in client.get("/casussen/").content.decode()

    step = client.get(f"/casussen/{case.pk}/noodtoegang/")
    assert step.status_code == 200
    assert case.subject.surname not in step.content.decode()  # the step shows no content

    response = _open_by_break_glass(client, case)
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.pk}/"
    page = client.get(f"/casussen/{case.pk}/")
    assert page.status_code == 200
    assert page.context["break_glass_until"] is not None
    assert f"/casussen/{case.pk}/" in client.get("/casussen/").content.decode()

    access = BreakGlassAccess.objects.get()
    assert access.user == membership.user
    assert access.organisation_id == membership.organisation_id
    assert access.reviewed_at is None
    assert timedelta(hours=3, minutes=59) < access.expires_at - access.started_at
    assert access.expires_at - access.started_at <= timedelta(hours=4, seconds=1)
    event = case.events.get(kind=CaseEvent.Kind.BREAK_GLASS)
    assert event.reason == "Acute dreiging, lead ziek"
    assert event.actor == membership.user


def test_the_reads_through_emergency_access_are_marked_in_the_log(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.process_director)
    _open_by_break_glass(client, case)
    client.get(f"/casussen/{case.pk}/")
    subject = pseudonymise(f"subject:{case.subject_id}")
    names = list(
        ProcessingRecord.objects.filter(
            subject_pseudonym=subject, actor_id=world.process_director.user_id
        ).values_list("name", flat=True)
    )
    assert "cases.break_glass" in names
    assert "cases.read.break_glass" in names
    assert "cases.read" not in names
    # The case's own lead reads unmarked.
    lead = Client()
    sign_in(lead, world.lead)
    lead.get(f"/casussen/{case.pk}/")
    assert ProcessingRecord.objects.filter(name="cases.read", actor_id=world.lead.user_id).exists()


def test_the_access_ends_by_itself(client: Client, world: World):
    case = open_case(world)
    lead = colleague_lead(world)
    sign_in(client, lead)
    _open_by_break_glass(client, case)
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=4, minutes=1)):
        later = Client()
        sign_in(later, lead)
        assert later.get(f"/casussen/{case.pk}/").status_code == 404
        assert f"/casussen/{case.pk}/" not in later.get("/casussen/").content.decode()
        # The step is offered again: a new access needs a new reason.
        assert later.get(f"/casussen/{case.pk}/noodtoegang/").status_code == 200


@override_settings(BREAK_GLASS_HOURS=1)
def test_the_duration_comes_from_the_settings(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.process_director)
    _open_by_break_glass(client, case)
    access = BreakGlassAccess.objects.get()
    assert access.expires_at - access.started_at <= timedelta(hours=1, seconds=1)


def test_a_reason_is_required(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.process_director)
    response = _open_by_break_glass(client, case, reason="   ")
    assert response.status_code == 400
    assert BreakGlassAccess.objects.count() == 0
    assert client.get(f"/casussen/{case.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["polderveen_lead", "partner", "outsider", "admin", "privacy"])
def test_others_have_no_emergency_access(client: Client, world: World, who: str):
    case = open_case(world)
    membership = {
        "polderveen_lead": lambda: polderveen_lead(world),
        "partner": lambda: world.partner,
        "outsider": lambda: world.outsider,
        "admin": lambda: world.admin,
        "privacy": lambda: world.privacy_officer,
    }[who]()
    sign_in(client, membership)
    assert client.get(f"/casussen/{case.pk}/noodtoegang/").status_code == 404
    assert _open_by_break_glass(client, case).status_code == 404
    assert BreakGlassAccess.objects.count() == 0


def test_a_process_director_of_another_region_has_no_emergency_access(client: Client, world: World):
    from accounts.models import Organisation, Region

    region = Region.objects.create(name="Elders")
    house = Organisation.objects.create(
        name="ZVH Elders", kind=Organisation.Kind.SAFETY_HOUSE, region=region
    )
    director = MembershipFactory.create(
        user=UserFactory.create(), organisation=house, role=Role.PROCESS_DIRECTOR
    )
    case = open_case(world)
    sign_in(client, director)
    assert client.get(f"/casussen/{case.pk}/noodtoegang/").status_code == 404
    assert _open_by_break_glass(client, case).status_code == 404


def test_a_missing_case_is_404_and_anonymous_visitors_go_to_the_login(client: Client, world: World):
    case = open_case(world)
    anonymous = client.get(f"/casussen/{case.pk}/noodtoegang/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/inloggen/")
    sign_in(client, world.process_director)
    assert client.get(f"/casussen/{case.pk + 100}/noodtoegang/").status_code == 404


def test_the_case_lead_is_sent_to_the_case_without_an_access_record(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.lead)
    response = client.get(f"/casussen/{case.pk}/noodtoegang/")
    assert response.status_code == 302
    assert BreakGlassAccess.objects.count() == 0


def test_emergency_access_reads_only_and_follows_the_categories(client: Client, world: World):
    setup = setup_entries(world)  # directed by world.process_director
    lead = colleague_lead(world)
    sign_in(client, lead)
    _open_by_break_glass(client, setup.case)
    body = client.get(f"/casussen/{setup.case.pk}/").content.decode()
    assert "MarkerAlgemeen" in body
    # Not the case's lead: the police's special data stays with those the policy names;
    # the criminal fact came from their own municipality, its source, so they read it.
    assert "MarkerBijzonder" not in body
    assert "MarkerStrafrecht" in body
    assert "MarkerGeheim" not in body
    assert client.get(f"/casussen/{setup.case.pk}/wijzigen/").status_code == 404
    assert client.get(f"/casussen/{setup.case.pk}/notities/nieuw/").status_code == 404
    # Each page view writes one record for its subject, marked as emergency access; the
    # sections of the page write none of their own.
    names = set(
        ProcessingRecord.objects.filter(actor_id=lead.user_id).values_list("name", flat=True)
    )
    assert "cases.read.break_glass" in names
    assert not {n for n in names if n.startswith("cases.entries.read")}


# --- Finding the step from the case list. ---


def test_the_case_list_offers_the_step_to_leads_and_process_directors_only(
    client: Client, world: World
):
    sign_in(client, world.lead)
    assert 'action="/casussen/noodtoegang/"' in client.get("/casussen/").content.decode()
    partner = Client()
    sign_in(partner, world.partner)
    assert "/casussen/noodtoegang/" not in partner.get("/casussen/").content.decode()
    assert partner.get("/casussen/noodtoegang/", {"number": 1}).status_code == 404


def test_a_case_number_leads_to_its_step(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.process_director)
    response = client.get("/casussen/noodtoegang/", {"number": case.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.pk}/noodtoegang/"
    assert client.get("/casussen/noodtoegang/", {"number": "abc"}).status_code == 400
    assert client.get("/casussen/noodtoegang/").status_code == 200
