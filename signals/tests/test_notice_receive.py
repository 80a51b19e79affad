"""The mayor's office registers an intelligence notice it received (issue 14): a signal with
the notice's restricted metadata for the lead to verify and weigh; the mayor's office keeps
seeing the metadata only, never the signal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from persons.models import Subject
from signals.models import IntelligenceNotice, ReporterType, Signal
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

URL = reverse("signals:notice_receive")


@pytest.fixture
def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bea Burgemeester")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )
    return membership


def english(client: Client, membership: Membership) -> Client:
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def form_data(**overrides: object) -> dict[str, object]:
    now = timezone.localtime()
    data: dict[str, object] = {
        "reference": "AIVD-2026-0042",
        "dated": (now.date() - timedelta(days=2)).isoformat(),
        "received_at": (now - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "description": "Betrokkene heeft contact met een bekende ronselaar.",
        "concern_type": "jihadist",
        "urgency": "urgent",
        "given_names": "Karim",
        "surname": "Ambtsbericht",
        "birth_year": "1999",
    }
    data.update(overrides)
    return data


def test_the_mayors_office_registers_a_notice_and_sees_its_metadata_only(
    client: Client, world: World, mayor: Membership
):
    english(client, mayor)
    assert client.get(URL).status_code == 200

    response = client.post(URL, form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("signals:notices")
    signal = Signal.objects.get()
    assert signal.reporter_type == ReporterType.INTELLIGENCE_NOTICE
    assert signal.municipality == world.wijkstad
    assert signal.subject is not None
    assert signal.subject.surname == "Ambtsbericht"
    assert IntelligenceNotice.objects.get().reference == "AIVD-2026-0042"
    notices = client.get(reverse("signals:notices")).content.decode()
    assert "AIVD-2026-0042" in notices
    assert "Ambtsbericht" not in notices
    assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 404
    client.logout()
    english(client, world.lead)
    assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 200


def test_a_notice_without_reference_or_dated_later_changes_nothing(
    client: Client, world: World, mayor: Membership
):
    english(client, mayor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for data in (form_data(reference=""), form_data(dated=tomorrow), form_data(surname="")):
        response = client.post(URL, data)
        assert response.status_code == 400
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    "persona", ["lead", "partner", "outsider", "process_director", "privacy_officer", "admin"]
)
def test_other_roles_get_404(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data()).status_code == 404
    assert not Signal.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, world: World):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_the_mayors_office_is_never_told_that_a_person_is_known(
    client: Client, world: World, mayor: Membership
):
    """A notice about someone Schakel knows (here in another municipality) is registered like
    any other: the answer says nothing about other records; the lead links or merges."""
    data = form_data()
    known = Subject.objects.create(
        municipality=world.polderveen,
        given_names=str(data["given_names"]),
        surname=str(data["surname"]),
        birth_year=int(str(data["birth_year"])),
    )
    response = english(client, mayor).post(URL, data)
    assert response.status_code == 302
    registered = IntelligenceNotice.objects.get().signal.subject
    assert registered is not None
    assert registered.pk != known.pk
