"""Actions: agreed by the lead or the chair, reported on by the owner, each a task."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.actions import action_create, action_update
from cases.models import Action, ActionStatus, ActionUpdate, Case
from cases.tests.test_cases import open_case
from conferences.tests.test_conferences import conference, directed_case, english, item_of
from tasks.models import Task, TaskSource, TaskStatus
from tests.factories import MembershipFactory
from tests.personas import World, sign_in


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def new_action(world: World, case: Case, **overrides: Any) -> Action:
    values: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "case": case,
        "description": "Gesprek met de ouders",
        "owner_organisation": world.police,
        "owner": world.partner.user,
        "due_on": in_days(14),
    }
    values.update(overrides)
    return action_create(**values)


def action_url(action: Action, case: Case | None = None) -> str:
    return reverse(
        "cases:action", kwargs={"case_id": (case or action.case).pk, "action_id": action.pk}
    )


def create_url(case: Case) -> str:
    return reverse("cases:action_create", kwargs={"case_id": case.pk})


def test_the_lead_agrees_an_action_and_its_owner_gets_a_task(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    response = client.post(
        create_url(case),
        {
            "description": "Gesprek met de ouders",
            "owner": world.partner.pk,
            "due_on": in_days(14).isoformat(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(case=case)
    assert (action.owner, action.owner_organisation) == (world.partner.user, world.police)
    task = Task.objects.get(source=TaskSource.ACTION, source_id=action.pk)
    assert (task.owner, task.due_on, task.status) == (world.partner.user, in_days(14), "open")
    assert task.url == action_url(action)
    assert case.subject.display_name not in task.title  # the task title names no person


def test_an_action_due_in_the_past_is_refused_and_changes_nothing(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    response = client.post(
        create_url(case),
        {"description": "Te laat", "owner": world.partner.pk, "due_on": in_days(-1).isoformat()},
    )
    assert response.status_code == 400
    assert "The due date cannot lie in the past." in response.content.decode()
    assert not Action.objects.exists()
    assert not Task.objects.exists()


def test_the_owner_organisation_must_be_on_the_team_or_the_municipality(world: World):
    case = open_case(world)
    with pytest.raises(ValidationError) as refused:
        new_action(
            world, case, owner_organisation=world.wijkteam_polderveen, owner=world.outsider.user
        )
    assert "owner" in refused.value.message_dict
    assert not Action.objects.exists()


def test_the_owner_must_work_for_the_owner_organisation_now(world: World):
    case = open_case(world)
    former = MembershipFactory.create(
        organisation=world.police,
        role=Role.PARTNER,
        valid_from=in_days(-400),
        valid_until=in_days(-1),
    )
    with pytest.raises(ValidationError):
        new_action(world, case, owner=former.user)
    with pytest.raises(ValidationError):
        new_action(world, case, owner=world.lead.user)  # a lead, but not of the police
    assert not Action.objects.exists()


def test_a_partner_cannot_agree_actions(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.partner)
    assert client.get(create_url(case)).status_code == 404
    assert client.post(create_url(case), {"description": "x"}).status_code == 404


def test_the_chair_agrees_an_action_at_the_conference(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    english(client, world.process_director)
    response = client.post(
        reverse("conferences:action", kwargs={"meeting_id": meeting.pk, "item_id": item.pk}),
        {
            "action-description": "Contact school",
            "action-owner": world.lead.pk,
            "action-due_on": in_days(7).isoformat(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(case=case)
    assert action.agenda_item == item
    assert Task.objects.filter(source=TaskSource.ACTION, source_id=action.pk).exists()


def test_the_owner_reports_progress_and_done_closes_the_task(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    english(client, world.partner)
    response = client.post(
        action_url(action),
        {"status": "in_progress", "feedback": "Afspraak gemaakt.", "version": action.version},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    response = client.post(
        action_url(action),
        {"status": "done", "feedback": "Gesprek gevoerd.", "version": action.version},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.feedback) == (ActionStatus.DONE, "Gesprek gevoerd.")
    history = list(action.updates.order_by("at", "id").values_list("status", "feedback"))
    assert history == [("in_progress", "Afspraak gemaakt."), ("done", "Gesprek gevoerd.")]
    task = Task.objects.get(source=TaskSource.ACTION, source_id=action.pk)
    assert task.status == TaskStatus.DONE
    page = client.get(action_url(action)).content.decode()
    assert "Afspraak gemaakt." in page


def test_the_lead_cancels_an_action_and_the_task_is_withdrawn(world: World):
    case = open_case(world)
    action = new_action(world, case)
    action_update(
        actor=world.actor(world.lead),
        user=world.lead.user,
        action=action,
        status=ActionStatus.CANCELLED,
        feedback="Niet meer nodig.",
        version=action.version,
    )
    task = Task.objects.get(source=TaskSource.ACTION, source_id=action.pk)
    assert task.status == TaskStatus.WITHDRAWN


def test_the_owner_cannot_cancel_and_a_done_action_is_final(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    english(client, world.partner)
    response = client.post(
        action_url(action), {"status": "cancelled", "feedback": "Nee.", "version": action.version}
    )
    assert response.status_code == 400
    assert "Only the lead can cancel an action." in response.content.decode()
    action_update(
        actor=world.actor(world.partner),
        user=world.partner.user,
        action=action,
        status=ActionStatus.DONE,
        feedback="Klaar.",
        version=action.version,
    )
    action.refresh_from_db()
    with pytest.raises(ValidationError):
        action_update(
            actor=world.actor(world.lead),
            user=world.lead.user,
            action=action,
            status=ActionStatus.OPEN,
            feedback="Toch niet.",
            version=action.version,
        )
    assert ActionUpdate.objects.count() == 1


def test_a_report_without_feedback_or_change_is_refused(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    english(client, world.partner)
    response = client.post(
        action_url(action), {"status": "open", "feedback": "", "version": action.version}
    )
    assert response.status_code == 400
    assert "Give feedback or change the status." in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_two_reports_on_the_same_version_the_second_is_a_conflict(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    english(client, world.lead)
    first = client.post(
        action_url(action),
        {"status": "in_progress", "feedback": "De leider belt.", "version": action.version},
    )
    other = Client()
    english(other, world.partner)
    second = other.post(
        action_url(action),
        {"status": "done", "feedback": "Mijn verslag van het gesprek.", "version": action.version},
    )
    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else reported on this action after you opened it." in page
    assert "De leider belt." in page  # the other change
    assert world.lead.user.full_name in page  # and who made it
    assert "Mijn verslag van het gesprek." in page  # what the user typed is kept
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert ActionUpdate.objects.count() == 1


def test_a_team_partner_who_is_not_the_owner_reads_but_cannot_report(client: Client, world: World):
    case = open_case(world)
    action = new_action(
        world, case, owner_organisation=world.gemeente_wijkstad, owner=world.lead.user
    )
    sign_in(client, world.partner)
    assert client.get(action_url(action)).status_code == 200
    response = client.post(
        action_url(action), {"status": "done", "feedback": "x", "version": action.version}
    )
    assert response.status_code == 404
    assert not ActionUpdate.objects.exists()


def test_an_action_is_not_found_through_another_case_or_by_an_outsider(
    client: Client, world: World
):
    case = open_case(world)
    other = open_case(world)
    action = new_action(world, case)
    sign_in(client, world.lead)
    assert client.get(action_url(action, case=other)).status_code == 404
    sign_in(client, world.outsider)
    for path in (action_url(action), create_url(case)):
        assert client.get(path).status_code == 404
        assert client.post(path, {"status": "done", "version": 1}).status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_anonymous_visitors_are_sent_to_log_in(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    for path in (action_url(action), create_url(case)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_the_case_page_marks_overdue_actions_in_words(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    Action.objects.filter(pk=action.pk).update(due_on=in_days(-2))
    english(client, world.lead)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Gesprek met de ouders" in page
    assert "(overdue)" in page
