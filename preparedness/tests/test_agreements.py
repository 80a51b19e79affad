"""The seven-task matrix: an accessible table, edited per cell by the lead only."""

from __future__ import annotations

from django.test import Client

from accounts.models import Membership
from audit.models import Operation, ProcessingRecord
from preparedness.models import PartnerAgreement
from tests.personas import World, sign_in


def matrix(world: World) -> str:
    return f"/voorbereiding/gemeente/{world.wijkstad.pk}/afspraken/"


def cell(world: World, organisation_id: int, task: str = "signalling") -> str:
    return f"{matrix(world)}{organisation_id}/{task}/"


GOOD = {"role": "lead", "contact_person": "wijkagent", "agreed_on": "2026-02-01", "version": 0}


def test_the_matrix_is_a_table_with_caption_and_headers_for_the_seven_tasks(
    client: Client, world: World
):
    sign_in(client, world.lead)
    body = client.get(matrix(world)).content.decode()
    assert "<caption" in body
    assert body.count('scope="col"') == 8  # organisation + seven tasks
    assert 'scope="row"' in body
    # Local organisations: the municipality's own and the regional ones, not Polderveen's.
    assert world.police.name in body
    assert world.wijkteam_polderveen.name not in body


def test_the_lead_sets_changes_and_removes_a_cell(client: Client, world: World):
    sign_in(client, world.lead)
    url = cell(world, world.police.pk)
    assert client.get(url).status_code == 200
    assert client.post(url, GOOD).status_code == 302
    agreement = PartnerAgreement.objects.get()
    assert (agreement.task, agreement.role, agreement.version) == ("signalling", "lead", 1)
    changed = {**GOOD, "role": "contributor", "version": 1}
    assert client.post(url, changed).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.role, agreement.version) == ("contributor", 2)
    assert client.post(url, {**GOOD, "role": "", "version": 2}).status_code == 302
    assert not PartnerAgreement.objects.exists()
    operations = list(
        ProcessingRecord.objects.filter(object_type="partner_agreement")
        .exclude(operation=Operation.READ)
        .order_by("sequence")
        .values_list("operation", flat=True)
    )
    assert operations == [Operation.CREATE, Operation.UPDATE, Operation.DELETE]


def test_bad_input_is_400_and_changes_nothing(client: Client, world: World):
    sign_in(client, world.lead)
    url = cell(world, world.police.pk)
    for data in ({**GOOD, "role": "boss"}, {**GOOD, "agreed_on": "gisteren"}):
        response = client.post(url, data)
        assert response.status_code == 400
    assert not PartnerAgreement.objects.exists()


def test_a_stale_edit_is_409_and_changes_nothing(client: Client, world: World):
    sign_in(client, world.lead)
    url = cell(world, world.police.pk)
    client.post(url, GOOD)
    stale = client.post(url, {**GOOD, "role": "contributor", "version": 0})
    assert stale.status_code == 409
    assert "Someone else changed this" in stale.content.decode()
    assert PartnerAgreement.objects.get().role == "lead"


def test_the_conflict_page_keeps_what_the_user_typed_on_the_current_version(
    client: Client, world: World
):
    sign_in(client, world.lead)
    url = cell(world, world.police.pk)
    client.post(url, GOOD)
    typed = {**GOOD, "contact_person": "Mijn eigen contactpersoon, niet verloren", "version": 0}
    stale = client.post(url, typed)
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Mijn eigen contactpersoon, niet verloren" in body
    assert 'name="version" value="1"' in body
    again = client.post(url, {**typed, "version": 1})
    assert again.status_code == 302
    assert PartnerAgreement.objects.get().contact_person == typed["contact_person"]


def test_an_organisation_of_another_municipality_or_unknown_task_is_404(
    client: Client, world: World
):
    sign_in(client, world.lead)
    assert client.get(cell(world, world.wijkteam_polderveen.pk)).status_code == 404
    assert client.post(cell(world, world.wijkteam_polderveen.pk), GOOD).status_code == 404
    assert client.get(cell(world, world.police.pk, "onbekend")).status_code == 404
    assert not PartnerAgreement.objects.exists()


def test_the_process_director_reads_the_matrix_but_cannot_edit(client: Client, world: World):
    sign_in(client, world.process_director)
    assert client.get(matrix(world)).status_code == 200
    assert client.post(cell(world, world.police.pk), GOOD).status_code == 404
    assert not PartnerAgreement.objects.exists()


def test_other_municipalities_leads_and_partners_cannot_edit(
    client: Client, world: World, polderveen_lead: Membership
):
    for membership in (polderveen_lead, world.partner, world.admin):
        sign_in(client, membership)
        assert client.get(matrix(world)).status_code == 404
        assert client.post(cell(world, world.police.pk), GOOD).status_code == 404
    assert not PartnerAgreement.objects.exists()


def test_named_contact_persons_are_logged_when_the_matrix_is_read(client: Client, world: World):
    sign_in(client, world.lead)
    client.post(cell(world, world.police.pk), GOOD)
    client.get(matrix(world))
    assert ProcessingRecord.objects.filter(name="preparedness.agreements.read").count() == 1
