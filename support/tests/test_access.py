"""Every support URL: who may, who gets 404 (also by guessing ids), anonymous visitors go
to the login page; reads are logged under the case's subject and every relative shown."""

from __future__ import annotations

import pytest

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.services import team_remove
from cases.workflow import Situation
from support.aftercare import PartInput, reintegration_plan_save
from support.tests.builders import assessment, contact, press_line, relative, support_case
from tests.personas import World, sign_in

READ = ["family_list", "press_list", "press_detail", "assessment_list", "aftercare"]
RECORD = ["family_add", "assessment_add"]
OWN_RECORDS = ["family_edit", "assessment_edit"]
DIRECT = ["press_add", "press_edit", "plan_edit", "plan_review"]
ALL = READ + RECORD + OWN_RECORDS + DIRECT


@pytest.fixture
def setup(world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    mother = relative(world, case)
    record = contact(world, case, mother)
    line = press_line(world, case)
    reference = assessment(world, case)
    reintegration_plan_save(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        parts=[PartInput("housing", "Woning geregeld.")],
        version=None,
    )
    base = f"/casussen/{case.pk}/ondersteuning/"
    urls = {
        "family_list": f"{base}familie/",
        "family_add": f"{base}familie/nieuw/",
        "family_edit": f"{base}familie/{record.pk}/",
        "press_list": f"{base}woordvoering/",
        "press_add": f"{base}woordvoering/nieuw/",
        "press_detail": f"{base}woordvoering/{line.pk}/",
        "press_edit": f"{base}woordvoering/{line.pk}/wijzigen/",
        "assessment_list": f"{base}taxaties/",
        "assessment_add": f"{base}taxaties/nieuw/",
        "assessment_edit": f"{base}taxaties/{reference.pk}/",
        "aftercare": f"{base}nazorg/",
        "plan_edit": f"{base}nazorg/plan/",
        "plan_review": f"{base}nazorg/evaluatie/",
    }
    return case, mother, record, line, reference, urls


@pytest.mark.parametrize("persona", ["lead", "process_director"])
@pytest.mark.parametrize("page", ALL)
def test_the_lead_and_process_director_open_every_page(client, world, setup, persona, page):
    sign_in(client, getattr(world, persona))
    assert client.get(setup[5][page]).status_code == 200


@pytest.mark.parametrize("page", READ + RECORD)
def test_a_team_partner_reads_and_records(client, world, setup, page):
    sign_in(client, world.partner)
    assert client.get(setup[5][page]).status_code == 200


@pytest.mark.parametrize("page", DIRECT + OWN_RECORDS)
def test_a_team_partner_neither_directs_nor_changes_another_organisations_record(
    client, world, setup, page
):
    sign_in(client, world.partner)
    assert client.get(setup[5][page]).status_code == 404
    assert client.post(setup[5][page], {"version": 1}).status_code == 404


def test_a_team_partner_changes_what_their_own_organisation_recorded(client, world, setup):
    case, mother = setup[0], setup[1]
    own = contact(world, case, mother, membership=world.partner)
    own_reference = assessment(world, case, membership=world.partner)
    sign_in(client, world.partner)
    base = f"/casussen/{case.pk}/ondersteuning/"
    assert client.get(f"{base}familie/{own.pk}/").status_code == 200
    assert client.get(f"{base}taxaties/{own_reference.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
@pytest.mark.parametrize("page", ALL)
def test_everyone_else_gets_404(client, world, setup, persona, page):
    sign_in(client, getattr(world, persona))
    assert client.get(setup[5][page]).status_code == 404
    assert client.post(setup[5][page], {"version": 1}).status_code in {404, 405}


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
    for page in READ + RECORD:
        assert client.get(setup[5][page]).status_code == 404, page


def test_ids_of_another_case_are_not_found(client, world, setup):
    _case, _mother, record, line, reference, _urls = setup
    other = support_case(world)
    sign_in(client, world.lead)
    base = f"/casussen/{other.pk}/ondersteuning/"
    for path in (
        f"{base}familie/{record.pk}/",
        f"{base}woordvoering/{line.pk}/",
        f"{base}woordvoering/{line.pk}/wijzigen/",
        f"{base}taxaties/{reference.pk}/",
        f"{base}nazorg/evaluatie/",  # the other case has no plan
        "/casussen/987654/ondersteuning/familie/",
    ):
        assert client.get(path).status_code == 404, path
    response = client.post(f"{base}familie/{record.pk}/", {"summary": "x", "version": 1})
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.summary == "Gesprek met moeder."


@pytest.mark.parametrize("page", ALL)
def test_anonymous_visitors_go_to_the_login_page(client, setup, page):
    for response in (client.get(setup[5][page]), client.post(setup[5][page])):
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_reading_the_family_log_is_logged_for_the_person_and_each_relative(client, world, setup):
    case, mother, _record, _line, _reference, urls = setup
    brother = relative(world, case, "Broer")
    contact(world, case, brother)
    sign_in(client, world.partner)
    assert client.get(urls["family_list"]).status_code == 200
    reads = ProcessingRecord.objects.filter(
        name="support.family.read", operation=Operation.READ, actor_id=world.partner.user_id
    )
    assert set(reads.values_list("subject_pseudonym", flat=True)) == {
        pseudonymise(f"subject:{case.subject_id}"),
        pseudonymise(f"network_person:{mother.pk}"),
        pseudonymise(f"network_person:{brother.pk}"),
    }
    assert {r.activity_version.activity.code for r in reads} == {"case-coordination"}


def test_every_read_page_logs_the_person_of_the_case(client, world, setup):
    case, urls = setup[0], setup[5]
    sign_in(client, world.partner)
    for page in READ:
        before = ProcessingRecord.objects.count()
        client.get(urls[page])
        new = ProcessingRecord.objects.order_by("-id")[: ProcessingRecord.objects.count() - before]
        assert pseudonymise(f"subject:{case.subject_id}") in {r.subject_pseudonym for r in new}, (
            page
        )
