"""The readiness checklist: each item derived from the data, or recorded by the lead."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Membership
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from preparedness.models import (
    AgreementRole,
    CotTask,
    ReadinessItem,
    ReadinessStatus,
    Topic,
)
from preparedness.readiness import readiness_for
from preparedness.services import (
    TrainingData,
    local_scan_record,
    partner_agreement_save,
    policy_record_save,
    readiness_item_save,
    training_record_create,
)
from preparedness.tests.builders import key_figure
from tests.personas import World, sign_in

TODAY = date(2026, 6, 1)
# Readiness is judged on a given day: the records of these tests are made on that day too.
pytestmark = pytest.mark.clock(TODAY)


def status_of(world: World, topic: Topic, municipality=None, today: date = TODAY):
    readiness = readiness_for(municipality or world.wijkstad, today=today)
    return next(line for line in readiness.lines if line.topic == topic)


def page(world: World) -> str:
    return f"/voorbereiding/gemeente/{world.wijkstad.pk}/"


def test_the_lead_item_names_the_current_lead_and_since_when(world: World):
    line = status_of(world, Topic.LEAD)
    assert line.status == ReadinessStatus.DONE
    assert world.lead.user.full_name in line.present[0]


def test_a_municipality_without_lead_is_not_started_until_it_relies_on_a_regional_lead(
    world: World, polderveen_lead: Membership
):
    polderveen_lead.valid_until = timezone.localdate() - timedelta(days=1)
    polderveen_lead.valid_from = polderveen_lead.valid_until - timedelta(days=10)
    polderveen_lead.save()
    line = status_of(world, Topic.LEAD, world.polderveen)
    assert line.status == ReadinessStatus.NOT_STARTED
    assert line.missing
    readiness_item_save(
        actor=world.actor(world.lead),
        municipality=world.polderveen,
        topic=Topic.LEAD,
        note="Wijkstad helpt.",
        regional_lead=world.wijkstad,
        version=0,
    )
    line = status_of(world, Topic.LEAD, world.polderveen)
    assert line.status == ReadinessStatus.DONE
    assert any(world.lead.user.full_name in text for text in line.present)


def test_the_policy_is_done_only_when_adopted_referenced_and_discussed_in_the_council(
    world: World,
):
    actor = world.actor(world.lead)
    assert status_of(world, Topic.POLICY).status == ReadinessStatus.NOT_STARTED
    record = policy_record_save(
        actor=actor,
        municipality=world.wijkstad,
        adopted_on=date(2026, 2, 1),
        reference="2026-0012",
        council_discussed_on=None,
        note="",
        version=0,
    )
    line = status_of(world, Topic.POLICY)
    assert line.status == ReadinessStatus.IN_PROGRESS
    assert line.missing == ["The policy has not yet been discussed in the council."]
    policy_record_save(
        actor=actor,
        municipality=world.wijkstad,
        adopted_on=date(2026, 2, 1),
        reference="2026-0012",
        council_discussed_on=date(2026, 3, 5),
        note="",
        version=record.version,
    )
    assert status_of(world, Topic.POLICY).status == ReadinessStatus.DONE


def test_a_scan_without_partners_or_past_its_next_date_is_in_progress(world: World):
    actor = world.actor(world.lead)
    local_scan_record(
        actor=actor,
        municipality=world.wijkstad,
        carried_out_on=date(2025, 1, 1),
        summary="Spanningen rond het plein.",
        partners=[],
        next_scan_on=date(2026, 1, 1),
    )
    line = status_of(world, Topic.LOCAL_SCAN)
    assert line.status == ReadinessStatus.IN_PROGRESS
    assert len(line.missing) == 2
    local_scan_record(
        actor=actor,
        municipality=world.wijkstad,
        carried_out_on=date(2026, 5, 1),
        summary="Rustiger dan vorig jaar.",
        partners=[world.police, world.gemeente_wijkstad],
        next_scan_on=date(2027, 5, 1),
    )
    assert status_of(world, Topic.LOCAL_SCAN).status == ReadinessStatus.DONE


def test_partners_are_done_when_every_task_has_a_leading_organisation(world: World):
    actor = world.actor(world.lead)
    assert status_of(world, Topic.PARTNERS).status == ReadinessStatus.NOT_STARTED
    for task in list(CotTask)[:-1]:
        partner_agreement_save(
            actor=actor,
            municipality=world.wijkstad,
            organisation=world.gemeente_wijkstad,
            task=task,
            role=AgreementRole.LEAD,
            contact_person="",
            agreed_on=None,
            version=0,
        )
    line = status_of(world, Topic.PARTNERS)
    assert line.status == ReadinessStatus.IN_PROGRESS
    assert str(CotTask.RESPONDING.label) in line.missing[0]
    partner_agreement_save(
        actor=actor,
        municipality=world.wijkstad,
        organisation=world.police,
        task=CotTask.RESPONDING,
        role=AgreementRole.LEAD,
        contact_person="wijkagent",
        agreed_on=date(2026, 3, 1),
        version=0,
    )
    assert status_of(world, Topic.PARTNERS).status == ReadinessStatus.DONE


def test_key_figures_item_counts_and_flags_lapsed_contact_without_names(world: World):
    assert status_of(world, Topic.KEY_FIGURES).status == ReadinessStatus.NOT_STARTED
    key_figure(world, next_contact_on=date(2026, 9, 1))
    assert status_of(world, Topic.KEY_FIGURES).status == ReadinessStatus.DONE
    key_figure(world, name="Fatma Oefen", next_contact_on=date(2026, 5, 1))
    readiness = readiness_for(world.wijkstad, today=TODAY)
    line = next(line for line in readiness.lines if line.topic == Topic.KEY_FIGURES)
    assert line.status == ReadinessStatus.IN_PROGRESS
    assert readiness.lapsed_key_figures == 1
    assert not any("Fatma" in text for text in line.present + line.missing)


def test_training_needs_joint_training_of_two_organisations_and_no_overdue_refresher(
    world: World,
):
    actor = world.actor(world.lead)

    def train(organisation, joint: bool, refresh_on=None):
        training_record_create(
            actor=actor,
            municipality=world.wijkstad,
            data=TrainingData(
                organisation=organisation,
                participant_name="",
                participant_count=4,
                training="Signaleren van radicalisering",
                held_on=date(2026, 3, 1),
                refresh_on=refresh_on,
                joint=joint,
            ),
        )

    assert status_of(world, Topic.TRAINING).status == ReadinessStatus.NOT_STARTED
    train(world.gemeente_wijkstad, joint=True)
    assert status_of(world, Topic.TRAINING).status == ReadinessStatus.IN_PROGRESS
    train(world.police, joint=True)
    assert status_of(world, Topic.TRAINING).status == ReadinessStatus.DONE
    train(world.police, joint=False, refresh_on=date(2026, 5, 1))
    line = status_of(world, Topic.TRAINING)
    assert line.status == ReadinessStatus.IN_PROGRESS
    assert "12 people of 2 organisations" in line.present[0]


def test_the_consultation_structure_is_what_the_lead_records(world: World):
    assert status_of(world, Topic.CONSULTATION).status == ReadinessStatus.NOT_STARTED
    readiness_item_save(
        actor=world.actor(world.lead),
        municipality=world.wijkstad,
        topic=Topic.CONSULTATION,
        status=ReadinessStatus.DONE,
        note="Signaleringsoverleg in het ZVH, maandelijks.",
        version=0,
    )
    line = status_of(world, Topic.CONSULTATION)
    assert line.status == ReadinessStatus.DONE
    assert line.note == "Signaleringsoverleg in het ZVH, maandelijks."


def test_the_readiness_page_shows_the_checklist_and_logs_the_named_lead(
    client: Client, world: World
):
    sign_in(client, world.lead)
    response = client.get(page(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "A lead has been appointed" in body
    assert world.lead.user.full_name in body
    record = ProcessingRecord.objects.get(name="preparedness.readiness.read")
    assert record.subject_pseudonym == pseudonymise(f"user:{world.lead.user_id}")
    assert record.activity_version.activity.code == "preparedness"


def test_lead_is_sent_to_their_own_municipality_and_the_process_director_chooses(
    client: Client, world: World
):
    sign_in(client, world.lead)
    assert client.get("/voorbereiding/")["Location"] == page(world)
    sign_in(client, world.process_director)
    body = client.get("/voorbereiding/").content.decode()
    assert "Testwijkstad" in body
    assert "Testpolderveen" in body
    assert client.get(page(world)).status_code == 200


def test_the_mayors_office_reads_but_does_not_record(
    client: Client, world: World, mayor: Membership
):
    sign_in(client, mayor)
    assert client.get(page(world)).status_code == 200
    edit = f"{page(world)}punt/consultation/"
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"status": "done", "note": "x", "version": 0}).status_code == 404
    assert not ReadinessItem.objects.exists()


@pytest.mark.parametrize("persona", ["partner", "outsider", "admin", "privacy_officer"])
def test_other_roles_get_404_on_the_readiness_pages(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    for url in (
        "/voorbereiding/",
        page(world),
        f"{page(world)}afspraken/",
        f"{page(world)}training/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_lead_of_another_municipality_gets_404(
    client: Client, world: World, polderveen_lead: Membership
):
    sign_in(client, polderveen_lead)
    assert client.get(page(world)).status_code == 404
    assert client.get(f"{page(world)}beleid/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    for url in ("/voorbereiding/", page(world), "/voorbereiding/steunpunten/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_the_lead_records_the_consultation_through_the_page(client: Client, world: World):
    sign_in(client, world.lead)
    url = f"{page(world)}punt/consultation/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"status": "finished", "note": "", "version": 0})
    assert bad.status_code == 400
    assert not ReadinessItem.objects.exists()
    good = client.post(url, {"status": "in_progress", "note": "In opbouw.", "version": 0})
    assert good.status_code == 302
    item = ReadinessItem.objects.get()
    assert (item.status, item.version) == ("in_progress", 1)
    stale = client.post(url, {"status": "done", "note": "Klaar.", "version": 0})
    assert stale.status_code == 409
    item.refresh_from_db()
    assert (item.status, item.version) == ("in_progress", 1)


def test_an_unknown_topic_is_404(client: Client, world: World):
    sign_in(client, world.lead)
    assert client.get(f"{page(world)}punt/onbekend/").status_code == 404


def test_the_policy_form_refuses_a_council_date_before_adoption(client: Client, world: World):
    sign_in(client, world.lead)
    url = f"{page(world)}beleid/"
    data = {
        "adopted_on": "2026-03-01",
        "reference": "X",
        "council_discussed_on": "2026-02-01",
        "note": "",
        "version": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "after the executive adopted it" in response.content.decode()
    data["council_discussed_on"] = "2026-04-01"
    assert client.post(url, data).status_code == 302


def test_the_scan_form_offers_only_local_organisations(client: Client, world: World):
    sign_in(client, world.lead)
    url = f"{page(world)}scan/"
    data = {
        "carried_out_on": "2026-03-01",
        "summary": "Rustig.",
        "partners": [world.wijkteam_polderveen.pk],
        "next_scan_on": "2027-03-01",
    }
    assert client.post(url, data).status_code == 400
    data["partners"] = [world.police.pk]
    assert client.post(url, data).status_code == 302
