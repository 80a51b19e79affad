"""Key figures: citizens, visible to the municipality's own lead and mayor's office only."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Membership
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from preparedness.models import KeyFigure
from preparedness.tests.builders import key_figure
from tests.personas import World, sign_in


def listing(world: World) -> str:
    return f"/voorbereiding/gemeente/{world.wijkstad.pk}/sleutelfiguren/"


def one(world: World, key_figure_id: int) -> str:
    return f"{listing(world)}{key_figure_id}/"


FORM = {
    "name": "Samira Voorbeeldig",
    "contact_details": "via het buurthuis",
    "community": "Vrouwennetwerk Testwijk",
    "trust_notes": "",
    "last_contact_on": "2026-01-05",
    "next_contact_on": "2026-04-05",
    "version": 0,
}


def test_the_lead_sees_key_figures_and_every_one_shown_is_logged(client: Client, world: World):
    first = key_figure(world)
    second = key_figure(world, name="Fatma Oefen")
    sign_in(client, world.lead)
    body = client.get(listing(world)).content.decode()
    assert first.name in body
    assert second.name in body
    reads = ProcessingRecord.objects.filter(name="preparedness.key_figures.read")
    assert {r.subject_pseudonym for r in reads} == {
        pseudonymise(f"key_figure:{first.pk}"),
        pseudonymise(f"key_figure:{second.pk}"),
    }
    assert all(r.operation == Operation.READ for r in reads)


def test_the_mayors_office_reads_but_cannot_change(client: Client, world: World, mayor: Membership):
    figure = key_figure(world)
    sign_in(client, mayor)
    assert figure.name in client.get(listing(world)).content.decode()
    assert client.get(one(world, figure.pk)).status_code == 404
    assert client.post(f"{listing(world)}nieuw/", FORM).status_code == 404
    assert client.post(f"{one(world, figure.pk)}verwijderen/", {"version": 1}).status_code == 404
    assert KeyFigure.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["partner", "outsider", "admin", "privacy_officer", "process_director"]
)
def test_everyone_else_gets_404_also_for_guessed_ids(client: Client, world: World, persona: str):
    figure = key_figure(world)
    sign_in(client, getattr(world, persona))
    for url in (listing(world), one(world, figure.pk), one(world, figure.pk + 1000)):
        assert client.get(url).status_code == 404, url
    assert client.post(one(world, figure.pk), {**FORM, "version": 1}).status_code == 404
    assert not ProcessingRecord.objects.filter(operation=Operation.READ).exists()


def test_a_lead_of_another_municipality_cannot_reach_them_by_id(
    client: Client, world: World, polderveen_lead: Membership
):
    figure = key_figure(world)
    sign_in(client, polderveen_lead)
    assert client.get(listing(world)).status_code == 404
    own = f"/voorbereiding/gemeente/{world.polderveen.pk}/sleutelfiguren/{figure.pk}/"
    assert client.get(own).status_code == 404


def test_the_lead_adds_changes_and_removes_a_key_figure(client: Client, world: World):
    sign_in(client, world.lead)
    assert client.post(f"{listing(world)}nieuw/", FORM).status_code == 302
    figure = KeyFigure.objects.get()
    assert figure.municipality == world.wijkstad
    url = one(world, figure.pk)
    assert client.get(url).status_code == 200
    changed = {**FORM, "next_contact_on": "2026-05-01", "version": 1}
    assert client.post(url, changed).status_code == 302
    figure.refresh_from_db()
    assert (str(figure.next_contact_on), figure.version) == ("2026-05-01", 2)
    assert client.post(f"{url}verwijderen/", {"version": 1}).status_code == 302
    assert KeyFigure.objects.exists()  # a stale removal removes nothing
    assert client.post(f"{url}verwijderen/", {"version": 2}).status_code == 302
    assert not KeyFigure.objects.exists()
    subject = pseudonymise(f"key_figure:{figure.pk}")
    writes = (
        ProcessingRecord.objects.filter(subject_pseudonym=subject)
        .exclude(operation=Operation.READ)
        .order_by("sequence")
    )
    assert list(writes.values_list("operation", flat=True)) == [
        Operation.CREATE,
        Operation.UPDATE,
        Operation.DELETE,
    ]


def test_bad_input_is_400_and_a_stale_edit_409(client: Client, world: World):
    figure = key_figure(world)
    sign_in(client, world.lead)
    url = one(world, figure.pk)
    missing = client.post(url, {**FORM, "community": "", "version": 1})
    assert missing.status_code == 400
    backwards = client.post(url, {**FORM, "next_contact_on": "2025-01-01", "version": 1})
    assert backwards.status_code == 400
    assert "cannot come before the last contact" in backwards.content.decode()
    assert client.post(url, {**FORM, "version": 7}).status_code == 409
    figure.refresh_from_db()
    assert (figure.name, figure.version) == ("Aziz Testfiguur", 1)
