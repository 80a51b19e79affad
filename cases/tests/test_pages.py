from __future__ import annotations

from django.test import Client

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.services import team_remove
from cases.tests.test_cases import open_case
from tests.personas import World, sign_in


def test_the_lead_sees_the_case_list_and_page_with_team_and_timeline(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.lead)
    listing = client.get("/casussen/").content.decode()
    assert f"/casussen/{case.pk}/" in listing
    page = client.get(f"/casussen/{case.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert world.police.name in body
    assert "Opgenomen." in body


def test_a_team_partner_sees_the_case_until_removed(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.partner)
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="klaar",
        version=case.version,
    )
    assert client.get(f"/casussen/{case.pk}/").status_code == 404
    assert f"/casussen/{case.pk}/" not in client.get("/casussen/").content.decode()


def test_outsiders_get_not_found_even_by_guessing_ids(client: Client, world: World):
    case = open_case(world)
    for persona in (world.outsider, world.admin, world.privacy_officer):
        other = Client()
        sign_in(other, persona)
        assert other.get(f"/casussen/{case.pk}/").status_code == 404
        assert other.get(f"/casussen/{case.pk + 1}/").status_code == 404


def test_list_and_page_reads_are_logged(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.lead)
    client.get("/casussen/")
    client.get(f"/casussen/{case.pk}/")
    subject = pseudonymise(f"subject:{case.subject_id}")
    names = set(
        ProcessingRecord.objects.filter(subject_pseudonym=subject).values_list("name", flat=True)
    )
    assert {"cases.list", "cases.read"} <= names


def test_the_case_list_is_paged_by_keyset(client: Client, world: World):
    from cases.listing import CASE_LIST

    cases = [open_case(world) for _ in range(CASE_LIST.page_size + 2)]
    sign_in(client, world.lead)
    first = client.get("/casussen/")
    assert len(first.context["cases"]) == CASE_LIST.page_size
    second = client.get(f"/casussen/{first.context['listing'].next_href}")
    shown = [c.pk for c in first.context["cases"]] + [c.pk for c in second.context["cases"]]
    assert shown == sorted((c.pk for c in cases), reverse=True)
