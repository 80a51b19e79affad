from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from audit.models import Operation, ProcessingRecord
from signals.models import IntelligenceNotice
from signals.services import NoticeDetails, signal_register
from tests.factories import MembershipFactory
from tests.personas import World, sign_in


@pytest.fixture
def notice(world: World) -> IntelligenceNotice:
    signal = signal_register(
        actor=world.actor(world.lead),
        user=world.lead.user,
        municipality=world.wijkstad,
        received_at=timezone.now() - timedelta(hours=3),
        channel="letter",
        reporter_type="intelligence_notice",
        description="Inhoud die de burgemeester niet hier ziet.",
        concern_type="jihadist",
        notice=NoticeDetails(reference="AB-2026-042", dated=date(2026, 11, 1)),
    )
    return IntelligenceNotice.objects.get(signal=signal)


@pytest.fixture
def mayor(world: World):
    return MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE)


def test_the_mayors_office_sees_the_metadata_but_not_the_signal(client, world, notice, mayor):
    sign_in(client, mayor)
    page = client.get("/meldingen/ambtsberichten/").content.decode()
    assert "AB-2026-042" in page
    assert "Inhoud die de burgemeester" not in page
    assert client.get(f"/meldingen/{notice.signal_id}/").status_code == 404
    assert ProcessingRecord.objects.filter(name="signals.notices.read").exists()


def test_the_mayors_office_records_its_verification(client, world, notice, mayor):
    sign_in(client, mayor)
    url = f"/meldingen/ambtsberichten/{notice.pk}/verificatie/"
    response = client.post(url, {"verification_note": "Telefonisch bevestigd door de AIVD."})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.verification_note == "Telefonisch bevestigd door de AIVD."
    record = ProcessingRecord.objects.get(name="signals.notices.verify")
    assert record.operation == Operation.UPDATE


def test_an_empty_note_is_refused(client, world, notice, mayor):
    sign_in(client, mayor)
    url = f"/meldingen/ambtsberichten/{notice.pk}/verificatie/"
    assert client.post(url, {"verification_note": ""}).status_code == 400
    notice.refresh_from_db()
    assert notice.verification_note == ""


def test_the_lead_sees_notices_but_does_not_verify(client, world, notice):
    sign_in(client, world.lead)
    assert "AB-2026-042" in client.get("/meldingen/ambtsberichten/").content.decode()
    url = f"/meldingen/ambtsberichten/{notice.pk}/verificatie/"
    assert client.post(url, {"verification_note": "x"}).status_code == 404


def test_another_municipalitys_mayor_sees_nothing_and_cannot_verify(client, world, notice):
    other = MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE)
    sign_in(client, other)
    assert "AB-2026-042" not in client.get("/meldingen/ambtsberichten/").content.decode()
    url = f"/meldingen/ambtsberichten/{notice.pk}/verificatie/"
    assert client.post(url, {"verification_note": "x"}).status_code == 404
    notice.refresh_from_db()
    assert notice.verification_note == ""


@pytest.mark.parametrize("persona", ["partner", "outsider", "admin", "privacy_officer"])
def test_other_roles_get_not_found(client, world, notice, persona):
    sign_in(client, getattr(world, persona))
    assert client.get("/meldingen/ambtsberichten/").status_code == 404


def test_verification_goes_through_the_gate_the_same_404_for_missing_and_foreign(
    client, world, notice
):
    other = MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE)
    sign_in(client, other)
    foreign = client.post(
        f"/meldingen/ambtsberichten/{notice.pk}/verificatie/", {"verification_note": "x"}
    )
    missing = client.post(
        "/meldingen/ambtsberichten/987654/verificatie/", {"verification_note": "x"}
    )
    assert (foreign.status_code, missing.status_code) == (404, 404)
    assert not ProcessingRecord.objects.filter(name="signals.notices.verify").exists()


def test_the_verification_record_names_the_subject_and_the_notice(client, world, notice, mayor):
    sign_in(client, mayor)
    url = f"/meldingen/ambtsberichten/{notice.pk}/verificatie/"
    client.post(url, {"verification_note": "Bevestigd."})
    record = ProcessingRecord.objects.get(name="signals.notices.verify")
    assert (record.object_type, record.object_id) == ("intelligence_notice", str(notice.pk))
    assert record.actor_id == mayor.user_id


def test_a_note_of_spaces_only_is_refused_and_changes_nothing(client, world, notice, mayor):
    sign_in(client, mayor)
    url = f"/meldingen/ambtsberichten/{notice.pk}/verificatie/"
    assert client.post(url, {"verification_note": "   "}).status_code == 400
    notice.refresh_from_db()
    assert notice.verification_note == ""
    assert not ProcessingRecord.objects.filter(name="signals.notices.verify").exists()
