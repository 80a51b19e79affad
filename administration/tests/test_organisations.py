"""Regions, municipalities and organisations: create, edit, refuse bad input, log changes."""

from __future__ import annotations

from django.test import Client

from accounts.models import Municipality, Organisation, Region
from audit.models import Operation
from tests.faults import broken_log, records
from tests.personas import World


def organisation_data(world: World, **overrides):
    data = {
        "name": "Gemeente Testdorp",
        "kind": "municipality",
        "region": world.region.pk,
        "municipality": world.wijkstad.pk,
        "professional_secrecy": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_administrator_creates_a_region_and_the_change_is_logged(admin_client: Client, world):
    response = admin_client.post("/beheer/regio/nieuw/", {"name": "ZVH Noordkust"})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/regio/"
    region = Region.objects.get(name="ZVH Noordkust")
    [record] = records("administration.regions.create")
    assert record.operation == Operation.CREATE
    assert record.object_type == "region"
    assert record.object_id == str(region.pk)
    assert record.actor_id == world.admin.user_id
    assert record.subject_pseudonym == ""


def test_success_message_is_shown_after_the_redirect(admin_client: Client, world):
    response = admin_client.post("/beheer/regio/nieuw/", {"name": "ZVH Noordkust"}, follow=True)
    assert "ZVH Noordkust" in response.content.decode()
    assert "utrecht-alert--ok" in response.content.decode()


def test_administrator_renames_a_region(admin_client: Client, world):
    response = admin_client.post(f"/beheer/regio/{world.region.pk}/", {"name": "ZVH Nieuw"})
    assert response.status_code == 302
    world.region.refresh_from_db()
    assert world.region.name == "ZVH Nieuw"
    assert records("administration.regions.update")[0].object_id == str(world.region.pk)


def test_a_region_without_a_name_is_refused(admin_client: Client, world):
    response = admin_client.post("/beheer/regio/nieuw/", {"name": ""})
    assert response.status_code == 400
    assert "Enter the name of the region." in response.content.decode()
    assert Region.objects.count() == 1
    assert records("administration.regions.create") == []


def test_a_duplicate_region_name_is_refused(admin_client: Client, world):
    response = admin_client.post("/beheer/regio/nieuw/", {"name": world.region.name})
    assert response.status_code == 400
    assert "A region with this name already exists." in response.content.decode()
    assert Region.objects.count() == 1


def test_administrator_creates_a_municipality(admin_client: Client, world):
    data = {"name": "Testdorp", "code": "gm0363", "size": "small", "region": world.region.pk}
    response = admin_client.post("/beheer/gemeenten/nieuw/", data)
    assert response.status_code == 302
    municipality = Municipality.objects.get(name="Testdorp")
    assert municipality.code == "GM0363"
    assert records("administration.municipalities.create")[0].object_id == str(municipality.pk)


def test_a_malformed_municipality_code_is_refused(admin_client: Client, world):
    data = {"name": "Testdorp", "code": "0363", "size": "small", "region": world.region.pk}
    response = admin_client.post("/beheer/gemeenten/nieuw/", data)
    assert response.status_code == 400
    assert "GM followed by four digits" in response.content.decode()
    assert not Municipality.objects.filter(name="Testdorp").exists()


def test_a_duplicate_municipality_code_is_refused(admin_client: Client, world):
    data = {"name": "Testdorp", "code": world.wijkstad.code, "size": "small"}
    response = admin_client.post("/beheer/gemeenten/nieuw/", {**data, "region": world.region.pk})
    assert response.status_code == 400
    assert "Another municipality already has this code." in response.content.decode()


def test_moving_a_municipality_to_another_region_moves_its_organisations(
    admin_client: Client, world
):
    other = Region.objects.create(name="ZVH Elders")
    data = {"name": "Testwijkstad", "code": "GM9901", "size": "medium", "region": other.pk}
    response = admin_client.post(f"/beheer/gemeenten/{world.wijkstad.pk}/", data)
    assert response.status_code == 302
    world.gemeente_wijkstad.refresh_from_db()
    assert world.gemeente_wijkstad.region == other
    world.police.refresh_from_db()
    assert world.police.region == world.region


def test_administrator_creates_a_municipal_organisation(admin_client: Client, world):
    response = admin_client.post("/beheer/organisaties/nieuw/", organisation_data(world))
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Gemeente Testdorp")
    assert organisation.municipality == world.wijkstad
    assert organisation.professional_secrecy is False
    [record] = records("administration.organisations.create")
    assert record.object_id == str(organisation.pk)


def test_a_municipal_organisation_without_municipality_gets_a_form_error(
    admin_client: Client, world
):
    response = admin_client.post(
        "/beheer/organisaties/nieuw/", organisation_data(world, municipality=None)
    )
    assert response.status_code == 400
    assert "A municipal organisation needs its municipality" in response.content.decode()
    assert not Organisation.objects.filter(name="Gemeente Testdorp").exists()
    assert records("administration.organisations.create") == []


def test_an_organisation_whose_municipality_lies_in_another_region_is_refused(
    admin_client: Client, world
):
    other = Region.objects.create(name="ZVH Elders")
    response = admin_client.post(
        "/beheer/organisaties/nieuw/", organisation_data(world, region=other.pk)
    )
    assert response.status_code == 400
    assert "This municipality lies in another region" in response.content.decode()
    assert not Organisation.objects.filter(name="Gemeente Testdorp").exists()


def test_an_unknown_organisation_type_is_refused(admin_client: Client, world):
    response = admin_client.post(
        "/beheer/organisaties/nieuw/", organisation_data(world, kind="secret_service")
    )
    assert response.status_code == 400
    assert "Choose one of the types in the list." in response.content.decode()


def test_administrator_edits_an_organisation(admin_client: Client, world):
    data = organisation_data(
        world,
        name="Politie Testland-Noord",
        kind="police",
        municipality="",
        professional_secrecy="on",
    )
    response = admin_client.post(f"/beheer/organisaties/{world.police.pk}/", data)
    assert response.status_code == 302
    world.police.refresh_from_db()
    assert world.police.name == "Politie Testland-Noord"
    assert world.police.professional_secrecy is True
    assert records("administration.organisations.update")[0].object_id == str(world.police.pk)


def test_turning_an_organisation_municipal_without_municipality_changes_nothing(
    admin_client: Client, world
):
    data = organisation_data(world, name="Politie Testland", municipality="")
    response = admin_client.post(f"/beheer/organisaties/{world.police.pk}/", data)
    assert response.status_code == 400
    world.police.refresh_from_db()
    assert world.police.kind == Organisation.Kind.POLICE


def test_a_change_whose_record_cannot_be_written_is_rolled_back(admin_client: Client, world):
    with broken_log():
        response = admin_client.post("/beheer/regio/nieuw/", {"name": "ZVH Noordkust"})
    assert response.status_code == 503
    assert not Region.objects.filter(name="ZVH Noordkust").exists()


def test_the_organisation_list_shows_every_organisation_with_its_region(
    admin_client: Client, world
):
    page = admin_client.get("/beheer/organisaties/").content.decode()
    for organisation in Organisation.objects.all():
        assert organisation.name in page
    assert "<caption" in page
    assert 'scope="col"' in page
