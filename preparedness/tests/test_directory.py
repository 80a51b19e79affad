"""The directory of support organisations: everyone logged in reads, the administrator edits."""

from __future__ import annotations

import pytest
from django.test import Client

from preparedness.models import SupportOrganisation
from tests.personas import World, sign_in

URL = "/voorbereiding/steunpunten/"
NEW = {
    "name": "Regionaal Kennispunt Testland",
    "scope": "regional",
    "helps_with": "Advies over de lokale aanpak.",
    "website": "",
    "how_to_reach": "Via de website.",
    "position": "80",
    "version": 0,
}


def test_the_migration_filled_the_directory_without_personal_contact_details(db: None):
    names = list(SupportOrganisation.objects.values_list("name", flat=True))
    assert len(names) == 8
    assert "Radicalisation Awareness Network (RAN)" in names
    for organisation in SupportOrganisation.objects.all():
        assert "@" not in organisation.how_to_reach + organisation.helps_with


@pytest.mark.parametrize("persona", ["lead", "partner", "outsider", "privacy_officer", "admin"])
def test_everyone_logged_in_reads_the_directory(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Landelijk Steunpunt Extremisme (LSE)" in response.content.decode()


def test_the_administrator_adds_changes_and_removes_an_organisation(client: Client, world: World):
    sign_in(client, world.admin)
    assert client.get(f"{URL}nieuw/").status_code == 200
    assert client.post(f"{URL}nieuw/", NEW).status_code == 302
    added = SupportOrganisation.objects.get(name=NEW["name"])
    edit = f"{URL}{added.pk}/"
    changed = {**NEW, "website": "kennispunt.example", "version": 1}
    assert client.post(edit, changed).status_code == 302
    added.refresh_from_db()
    assert added.website == "https://kennispunt.example"
    assert client.post(edit, {**NEW, "version": 1}).status_code == 409
    assert client.post(f"{edit}verwijderen/", {"version": 2}).status_code == 302
    assert not SupportOrganisation.objects.filter(pk=added.pk).exists()


def test_bad_input_and_a_duplicate_name_are_400(client: Client, world: World):
    sign_in(client, world.admin)
    assert client.post(f"{URL}nieuw/", {**NEW, "scope": "galactic"}).status_code == 400
    duplicate = {**NEW, "name": "Stichting School en Veiligheid"}
    assert client.post(f"{URL}nieuw/", duplicate).status_code == 400
    assert SupportOrganisation.objects.count() == 8


@pytest.mark.parametrize("persona", ["lead", "partner", "privacy_officer", "process_director"])
def test_only_the_administrator_edits(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    organisation = SupportOrganisation.objects.first()
    assert organisation is not None
    assert client.post(f"{URL}nieuw/", NEW).status_code == 404
    assert client.get(f"{URL}{organisation.pk}/").status_code == 404
    assert client.post(f"{URL}{organisation.pk}/verwijderen/", {"version": 1}).status_code == 404
    assert SupportOrganisation.objects.count() == 8


def test_the_directory_holds_the_nctv_for_notices_and_the_passport_measure(db: None):
    nctv = SupportOrganisation.objects.get(name__contains="(NCTV)")
    assert "ambtsbericht" in nctv.helps_with
    assert "paspoortmaatregel" in nctv.helps_with
    # Its duty number is entered by the administrator once verified, not guessed.
    assert (nctv.phone, nctv.email) == ("", "")


def test_the_administrator_records_phone_and_e_mail_and_everyone_sees_them(
    client: Client, world: World
):
    sign_in(client, world.admin)
    contact = {**NEW, "phone": "+31 00 000 00 99", "email": "info@kennispunt.example"}
    assert client.post(f"{URL}nieuw/", contact).status_code == 302
    added = SupportOrganisation.objects.get(name=NEW["name"])
    assert (added.phone, added.email) == ("+31 00 000 00 99", "info@kennispunt.example")
    sign_in(client, world.partner)
    page = client.get(URL).content.decode()
    assert 'href="tel:+31000000099"' in page
    assert 'href="mailto:info@kennispunt.example"' in page
    bad = {**NEW, "name": "Ander", "email": "geen-adres"}
    sign_in(client, world.admin)
    assert client.post(f"{URL}nieuw/", bad).status_code == 400
