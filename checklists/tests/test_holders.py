"""Items held by whoever does them (issue 14): the catalogue proposes the usual holder, the
lead hands items over, the holding organisation sees them in "Mijn taken", marks them done
and reports back, and an organisation that leaves the team gives its items back."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from accounts.models import Role
from cases.services import team_remove
from cases.workflow import Situation
from checklists.models import ChecklistItem, ItemState
from checklists.tests.builders import case_in, item, start
from tasks.models import Notification, Task, TaskSource, TaskStatus
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in


def item_url(checklist, checklist_item, action: str = "") -> str:
    base = f"/casussen/{checklist.case_id}/checklijsten/{checklist.pk}/punten/{checklist_item.pk}/"
    return f"{base}{action}/" if action else base


def open_task(checklist_item: ChecklistItem) -> Task:
    return Task.objects.get(
        source=TaskSource.CHECKLIST, source_id=checklist_item.pk, status=TaskStatus.OPEN
    )


def second_officer(world: World):
    user = UserFactory.create(email="agent2@test.schakel.example", full_name="Anna Agent")
    return MembershipFactory.create(user=user, organisation=world.police, role=Role.PARTNER)


def test_the_catalogue_gives_the_police_items_to_the_police_on_the_team(world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    assert (missing.usual_holder, missing.holder_organisation) == ("police", world.police)
    task = open_task(missing)
    assert (task.owner, task.organisation) == (None, world.police)
    # Items without a usual holder stay with the lead.
    assert open_task(item(checklist, "support-left-behind")).owner == world.lead.user


def test_every_police_professional_is_told_and_sees_the_task(client: Client, world: World):
    other = second_officer(world)
    mail.outbox.clear()
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    told = set(
        Notification.objects.filter(task=open_task(missing)).values_list("recipient", flat=True)
    )
    assert told == {world.partner.user_id, other.user_id}
    for membership in (world.partner, other):
        sign_in(client, membership)
        page = client.get("/taken/").content.decode()
        assert "Aangifte van vermissing gedaan" in page
        assert "Uitschrijving uit de BRP" not in page  # the lead's item, not theirs


def test_the_police_mark_their_item_done_from_the_checklist(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    passport = item(checklist, "passport-signalled")
    sign_in(client, world.partner)
    response = client.post(item_url(checklist, passport), {"state": "done", "version": 1})
    assert response.status_code == 302
    passport.refresh_from_db()
    assert (passport.state, passport.done_by) == (ItemState.DONE, world.partner.user)
    assert not Task.objects.filter(
        source=TaskSource.CHECKLIST, source_id=passport.pk, status=TaskStatus.OPEN
    ).exists()
    assert "Paspoort gesignaleerd" not in client.get("/taken/").content.decode()


def test_the_holder_may_not_judge_the_item_not_applicable(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    sign_in(client, world.partner)
    body = {"state": "not_applicable", "reason": "Niet nodig.", "version": 1}
    response = client.post(item_url(checklist, missing), body)
    assert response.status_code == 400
    missing.refresh_from_db()
    assert missing.state == ItemState.OPEN


def test_the_holder_reports_back_and_the_lead_reads_it(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    sign_in(client, world.partner)
    body = {"report-feedback": "Aangifte staat gepland voor morgen.", "report-version": 1}
    response = client.post(item_url(checklist, missing, "terugmelden"), body)
    assert response.status_code == 302
    missing.refresh_from_db()
    assert (missing.feedback_by, missing.state) == (world.partner.user, ItemState.OPEN)
    sign_in(client, world.lead)
    page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
    assert "Aangifte staat gepland voor morgen." in page
    assert "Politie Testland" in page


def test_an_empty_report_changes_nothing(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    sign_in(client, world.partner)
    body = {"report-feedback": "  ", "report-version": 1}
    response = client.post(item_url(checklist, missing, "terugmelden"), body)
    assert response.status_code == 400
    assert "Write what you report back." in response.content.decode()
    missing.refresh_from_db()
    assert (missing.feedback, missing.version) == ("", 1)


def test_the_lead_hands_an_item_to_a_named_officer_and_the_task_follows(
    client: Client, world: World
):
    other = second_officer(world)
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    organisation_task = open_task(missing)
    sign_in(client, world.lead)
    body = {"holder-holder": f"p{world.police.pk}-{other.user_id}", "holder-version": 1}
    response = client.post(item_url(checklist, missing, "toewijzen"), body)
    assert response.status_code == 302
    missing.refresh_from_db()
    assert (missing.holder_organisation, missing.holder) == (world.police, other.user)
    assert open_task(missing).owner == other.user
    organisation_task.refresh_from_db()
    assert organisation_task.status == TaskStatus.WITHDRAWN
    # Every officer of the police may still do it (an absence must not block the work).
    sign_in(client, world.partner)
    response = client.post(item_url(checklist, missing), {"state": "done", "version": 2})
    assert response.status_code == 302


def test_the_lead_takes_an_item_back(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    sign_in(client, world.lead)
    body = {"holder-holder": "", "holder-version": 1}
    assert client.post(item_url(checklist, missing, "toewijzen"), body).status_code == 302
    missing.refresh_from_db()
    assert missing.holder_organisation is None
    assert open_task(missing).owner == world.lead.user


def test_an_organisation_off_the_team_or_a_stranger_cannot_be_given_an_item(
    client: Client, world: World
):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    support = item(checklist, "support-left-behind")
    sign_in(client, world.lead)
    for value in (
        f"o{world.wijkteam_polderveen.pk}",
        f"p{world.police.pk}-{world.outsider.user_id}",
        "o999999",
    ):
        response = client.post(
            item_url(checklist, support, "toewijzen"),
            {"holder-holder": value, "holder-version": 1},
        )
        assert response.status_code == 400, value
        support.refresh_from_db()
        assert (support.holder_organisation, support.version) == (None, 1)


def test_a_stale_hand_over_is_a_409(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    support = item(checklist, "support-left-behind")
    sign_in(client, world.lead)
    body = {"holder-holder": f"o{world.police.pk}", "holder-version": 7}
    assert client.post(item_url(checklist, support, "toewijzen"), body).status_code == 409
    support.refresh_from_db()
    assert support.holder_organisation is None


def test_an_organisation_leaving_the_team_gives_its_items_back_to_the_lead(world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    case.refresh_from_db()
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Politie niet meer betrokken.",
        version=case.version,
    )
    missing.refresh_from_db()
    assert missing.holder_organisation is None
    assert open_task(missing).owner == world.lead.user


@pytest.mark.parametrize("action", ["toewijzen", "terugmelden"])
def test_who_may_post_the_hand_over_and_report_forms(client: Client, world: World, action: str):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    support = item(checklist, "support-left-behind")  # held by the lead
    url = item_url(checklist, support, action)
    response = client.post(url, {})
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]
    for persona in ("outsider", "admin", "privacy_officer", "partner"):
        sign_in(client, getattr(world, persona))
        assert client.post(url, {}).status_code == 404, persona
        assert client.get(url).status_code in (404, 405), persona
    for persona in ("lead", "process_director"):
        sign_in(client, getattr(world, persona))
        assert client.post(url, {}).status_code == 400, persona
    support.refresh_from_db()
    assert (support.version, support.feedback) == (1, "")
