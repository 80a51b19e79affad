"""Training records: who (per organisation, a name or a number), which training, when."""

from __future__ import annotations

from django.test import Client

from accounts.models import Membership
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from preparedness.models import TrainingRecord
from tests.personas import World, sign_in


def base(world: World) -> str:
    return f"/voorbereiding/gemeente/{world.wijkstad.pk}/training/"


def form(world: World, **overrides) -> dict:
    data = {
        "organisation": world.police.pk,
        "training": "Signaleren van radicalisering",
        "participant_name": "",
        "participant_count": "6",
        "held_on": "2026-03-10",
        "refresh_on": "2027-03-10",
        "joint": "on",
        "version": 0,
    }
    data.update(overrides)
    return data


def test_the_lead_records_a_group_and_a_named_person(client: Client, world: World):
    sign_in(client, world.lead)
    assert client.get(f"{base(world)}nieuw/").status_code == 200
    assert client.post(f"{base(world)}nieuw/", form(world)).status_code == 302
    named = form(world, participant_name="Lea Lead", participant_count="")
    assert client.post(f"{base(world)}nieuw/", named).status_code == 302
    assert sorted(r.people for r in TrainingRecord.objects.all()) == [1, 6]
    body = client.get(base(world)).content.decode()
    assert "Lea Lead" in body
    assert "6 people" in body
    record = TrainingRecord.objects.get(participant_name="Lea Lead")
    read = ProcessingRecord.objects.get(name="preparedness.training.read")
    assert read.subject_pseudonym == pseudonymise(f"trainee:{record.pk}")


def test_neither_a_name_nor_a_number_is_refused_with_400(client: Client, world: World):
    sign_in(client, world.lead)
    response = client.post(f"{base(world)}nieuw/", form(world, participant_count=""))
    assert response.status_code == 400
    assert "Give a name or the number of people trained." in response.content.decode()
    refresh_first = form(world, refresh_on="2026-01-01")
    assert client.post(f"{base(world)}nieuw/", refresh_first).status_code == 400
    other = form(world, organisation=world.wijkteam_polderveen.pk)
    assert client.post(f"{base(world)}nieuw/", other).status_code == 400
    assert not TrainingRecord.objects.exists()


def test_editing_is_versioned_and_removal_needs_the_current_version(client: Client, world: World):
    sign_in(client, world.lead)
    client.post(f"{base(world)}nieuw/", form(world))
    record = TrainingRecord.objects.get()
    url = f"{base(world)}{record.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, form(world, participant_count="8", version=1)).status_code == 302
    assert client.post(url, form(world, participant_count="9", version=1)).status_code == 409
    record.refresh_from_db()
    assert (record.participant_count, record.version) == (8, 2)
    assert client.post(f"{url}verwijderen/", {"version": 2}).status_code == 302
    assert not TrainingRecord.objects.exists()


def test_the_process_director_and_mayors_office_read_but_do_not_record(
    client: Client, world: World, mayor: Membership
):
    for membership in (world.process_director, mayor):
        sign_in(client, membership)
        assert client.get(base(world)).status_code == 200
        assert client.post(f"{base(world)}nieuw/", form(world)).status_code == 404
    assert not TrainingRecord.objects.exists()


def test_records_of_another_municipality_are_404_by_guessed_id(
    client: Client, world: World, polderveen_lead: Membership
):
    sign_in(client, world.lead)
    client.post(f"{base(world)}nieuw/", form(world))
    record = TrainingRecord.objects.get()
    sign_in(client, polderveen_lead)
    elsewhere = f"/voorbereiding/gemeente/{world.polderveen.pk}/training/{record.pk}/"
    assert client.get(elsewhere).status_code == 404
    assert client.get(f"{base(world)}{record.pk}/").status_code == 404
    assert client.post(f"{elsewhere}verwijderen/", {"version": 1}).status_code == 404
    assert TrainingRecord.objects.exists()
