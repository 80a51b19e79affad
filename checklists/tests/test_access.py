"""Every checklist URL: who may, who gets 404 (also by guessing ids), anonymous users go to
the login page; reads are logged under the case's subject."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.services import team_remove
from cases.workflow import Situation
from checklists.models import ChecklistTemplate
from checklists.services import templates_load
from checklists.tests.builders import case_in, item, start
from tests.personas import World, sign_in


@pytest.fixture
def setup(world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    first = item(checklist, "missing-person-report")
    base = f"/casussen/{case.pk}/checklijsten/"
    urls = {
        "list": base,
        "start": f"{base}starten/",
        "detail": f"{base}{checklist.pk}/",
        "item": f"{base}{checklist.pk}/punten/{first.pk}/",
    }
    return case, checklist, first, urls


READ_PAGES = ["list", "detail", "item"]


@pytest.mark.parametrize("persona", ["lead", "process_director"])
@pytest.mark.parametrize("page", ["list", "start", "detail", "item"])
def test_the_lead_and_process_director_open_every_page(client, world, setup, persona, page):
    sign_in(client, getattr(world, persona))
    assert client.get(setup[3][page]).status_code == 200


@pytest.mark.parametrize("page", READ_PAGES)
def test_a_team_partner_reads(client, world, setup, page):
    sign_in(client, world.partner)
    assert client.get(setup[3][page]).status_code == 200


def test_a_team_partner_cannot_start(client, world, setup):
    sign_in(client, world.partner)
    template = ChecklistTemplate.objects.get(code="returned")
    assert client.get(setup[3]["start"]).status_code == 404
    response = client.post(setup[3]["start"], {"template": template.pk, "event_date": "2026-01-01"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
@pytest.mark.parametrize("page", ["list", "start", "detail", "item"])
def test_everyone_else_gets_404(client, world, setup, persona, page):
    sign_in(client, getattr(world, persona))
    assert client.get(setup[3][page]).status_code == 404
    assert client.post(setup[3][page], {"state": "done", "version": 1}).status_code in {404, 405}


def test_a_removed_partner_gets_404(client, world, setup):
    case = setup[0]
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Klaar.",
        version=case.version,
    )
    sign_in(client, world.partner)
    for page in READ_PAGES:
        assert client.get(setup[3][page]).status_code == 404


def test_ids_of_another_case_are_not_found(client, world, setup):
    case, checklist, first, _urls = setup
    other = case_in(world, Situation.DEPARTED)
    sign_in(client, world.lead)
    base = f"/casussen/{other.pk}/checklijsten/"
    assert client.get(f"{base}{checklist.pk}/").status_code == 404
    assert client.get(f"{base}{checklist.pk}/punten/{first.pk}/").status_code == 404
    assert (
        client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/punten/999999/").status_code
        == 404
    )
    response = client.post(
        f"{base}{checklist.pk}/punten/{first.pk}/", {"state": "done", "version": 1}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("page", ["list", "start", "detail", "item"])
def test_anonymous_visitors_go_to_the_login_page(client, setup, page):
    for response in (client.get(setup[3][page]), client.post(setup[3][page])):
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_reading_a_checklist_is_logged_for_the_person(client, world, setup):
    case, _checklist, _first, urls = setup
    sign_in(client, world.partner)
    client.get(urls["detail"])
    client.get(urls["item"])
    records = ProcessingRecord.objects.filter(
        subject_pseudonym=pseudonymise(f"subject:{case.subject_id}"),
        operation=Operation.READ,
        actor_id=world.partner.user_id,
    )
    assert {"checklists.read", "checklists.item.read"} <= set(
        records.values_list("name", flat=True)
    )
    assert {r.activity_version.activity.code for r in records} == {"case-coordination"}


def test_starting_and_ticking_are_logged(world, setup):
    case = setup[0]
    names = set(
        ProcessingRecord.objects.filter(
            subject_pseudonym=pseudonymise(f"subject:{case.subject_id}"), object_type="checklist"
        ).values_list("name", flat=True)
    )
    assert "checklists.start" in names


# --- Administration of templates. ---

ADMIN_PAGES = ["", "nieuw/", "{t}/", "{t}/punten/nieuw/", "{t}/punten/{i}/"]


def admin_urls() -> list[str]:
    templates_load()
    template = ChecklistTemplate.objects.get(code="departed")
    first = template.items.order_by("position")[0]
    return [
        "/beheer/checklijsten/" + page.format(t=template.pk, i=first.pk) for page in ADMIN_PAGES
    ]


def test_the_administrator_opens_every_template_page(client: Client, world: World):
    sign_in(client, world.admin)
    for url in admin_urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["lead", "partner", "process_director", "privacy_officer"])
def test_other_roles_get_404_on_template_pages(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    for url in admin_urls():
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_anonymous_visitors_go_to_login_from_template_pages(client: Client, db):
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_a_guessed_template_id_is_not_found(client: Client, world: World):
    templates_load()
    sign_in(client, world.admin)
    assert client.get("/beheer/checklijsten/987654/").status_code == 404
    template = ChecklistTemplate.objects.get(code="returned")
    departed_item = ChecklistTemplate.objects.get(code="departed").items.all()[0]
    url = f"/beheer/checklijsten/{template.pk}/punten/{departed_item.pk}/"
    assert client.get(url).status_code == 404
