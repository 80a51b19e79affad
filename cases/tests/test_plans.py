"""The plan of approach: versions with goals, who agreed at which conference, stale edits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseEvent, ConferenceDecision, PlanVersion
from cases.tests.test_cases import open_case
from conferences.tests.test_conferences import conference, directed_case, english, item_of
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World, sign_in


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def plan_data(world: World, *, expected: int = 0, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "summary": "Begeleiding door wijkteam en politie.",
        "change_note": "",
        "expected_number": expected,
        "goals-TOTAL_FORMS": 3,
        "goals-INITIAL_FORMS": 0,
        "goals-MIN_NUM_FORMS": 0,
        "goals-MAX_NUM_FORMS": 30,
        "goals-0-text": "Dagbesteding gevonden",
        "goals-0-domain": "care",
        "goals-0-owner_organisation": world.gemeente_wijkstad.pk,
        "goals-0-review_on": in_days(60).isoformat(),
        "goals-1-text": "Geen contact met de groep",
        "goals-1-domain": "criminal",
        "goals-1-owner_organisation": world.police.pk,
        "goals-1-review_on": in_days(30).isoformat(),
    }
    data.update(overrides)
    return data


def agree_url(case: Case) -> str:
    return reverse("cases:plan_agree", kwargs={"case_id": case.pk})


def plan_url(case: Case) -> str:
    return reverse("cases:plan", kwargs={"case_id": case.pk})


def test_the_lead_agrees_the_first_plan_with_its_goals(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)

    response = client.post(agree_url(case), plan_data(world))

    assert response.status_code == 302
    plan = PlanVersion.objects.get(case=case)
    assert plan.number == 1
    assert plan.agreed_by == world.lead.user
    assert plan.meeting is None
    assert [g.text for g in plan.goals.order_by("position")] == [
        "Dagbesteding gevonden",
        "Geen contact met de groep",
    ]
    assert case.events.filter(kind=CaseEvent.Kind.PLAN, to_value="1").exists()


def test_agreeing_a_plan_sets_the_review_date_to_the_earliest_goal_and_raises_the_version(
    client: Client, world: World
):
    case = open_case(world)
    english(client, world.lead)
    client.post(agree_url(case), plan_data(world))
    updated = Case.objects.get(pk=case.pk)
    assert updated.review_on == in_days(30)
    assert updated.version == case.version + 1
    review = Task.objects.get(source=TaskSource.REVIEW, source_id=case.pk)
    assert (review.due_on, review.status) == (in_days(30), TaskStatus.OPEN)


def test_a_plan_never_pushes_a_review_the_lead_planned_earlier(client: Client, world: World):
    case = open_case(world)
    Case.objects.filter(pk=case.pk).update(review_on=in_days(10))
    english(client, world.lead)
    client.post(agree_url(case), plan_data(world))
    assert Case.objects.get(pk=case.pk).review_on == in_days(10)
    # A review date that has passed (it was this conference) gives way to the plan's.
    Case.objects.filter(pk=case.pk).update(review_on=in_days(-1))
    client.post(
        agree_url(case), plan_data(world, expected=1, change_note="Tweede versie na evaluatie.")
    )
    assert Case.objects.get(pk=case.pk).review_on == in_days(30)


def test_the_chair_agrees_a_new_version_at_the_conference_and_the_history_says_so(
    client: Client, world: World
):
    case = directed_case(world)
    english(client, world.lead)
    client.post(agree_url(case), plan_data(world))
    meeting = conference(world)
    english(client, world.process_director)
    form = client.get(agree_url(case) + f"?overleg={meeting.pk}")
    assert form.status_code == 200

    response = client.post(
        agree_url(case),
        plan_data(
            world, expected=1, meeting=meeting.pk, change_note="Dagbesteding is nu werk geworden."
        ),
    )

    assert response.status_code == 302
    second = PlanVersion.objects.get(case=case, number=2)
    assert (second.meeting, second.agreed_by) == (meeting, world.process_director.user)
    decision = ConferenceDecision.objects.get(agenda_item=item_of(meeting, case))
    assert decision.kind == ConferenceDecision.Kind.PLAN_AGREED
    english(client, world.partner)
    page = client.get(plan_url(case)).content.decode()
    assert "Earlier versions" in page
    assert "Dagbesteding is nu werk geworden." in page
    assert world.process_director.user.full_name in page
    assert f"Agreed at the case conference of {meeting.held_at:%-d}" in page
    assert "Agreed outside a conference." in page


def test_two_people_agreeing_on_the_same_version_the_second_gets_a_conflict(
    client: Client, world: World
):
    case = directed_case(world)
    english(client, world.lead)
    first = client.post(agree_url(case), plan_data(world))
    other = Client()
    english(other, world.process_director)

    second = other.post(agree_url(case), plan_data(world, summary="Mijn eigen samenvatting."))

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else agreed a new version of the plan after you opened it." in page
    assert world.lead.user.full_name in page  # who made the other change
    assert "Mijn eigen samenvatting." in page  # what the user typed is kept
    assert 'name="expected_number" value="1"' in page  # and can be sent again
    assert PlanVersion.objects.filter(case=case).count() == 1


def test_a_plan_without_goals_is_refused_and_changes_nothing(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    data = plan_data(world)
    for key in [k for k in data if k.startswith("goals-0-") or k.startswith("goals-1-")]:
        del data[key]
    response = client.post(agree_url(case), data)
    assert response.status_code == 400
    assert "A plan needs at least one goal." in response.content.decode()
    assert not PlanVersion.objects.exists()
    assert Case.objects.get(pk=case.pk).version == case.version


def test_a_goal_review_date_in_the_past_is_refused(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    response = client.post(
        agree_url(case), {**plan_data(world), "goals-0-review_on": in_days(-1).isoformat()}
    )
    assert response.status_code == 400
    assert "A review date cannot lie in the past." in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_a_goal_owner_off_the_team_is_refused(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    response = client.post(
        agree_url(case),
        {**plan_data(world), "goals-0-owner_organisation": world.wijkteam_polderveen.pk},
    )
    assert response.status_code == 400
    assert not PlanVersion.objects.exists()


def test_a_new_version_needs_a_note_on_what_changed(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    client.post(agree_url(case), plan_data(world))
    response = client.post(agree_url(case), plan_data(world, expected=1))
    assert response.status_code == 400
    assert PlanVersion.objects.filter(case=case).count() == 1


def test_a_partner_reads_the_plan_but_cannot_agree_one(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.partner)
    assert client.get(plan_url(case)).status_code == 200
    assert client.get(agree_url(case)).status_code == 404
    assert client.post(agree_url(case), plan_data(world)).status_code == 404
    assert not PlanVersion.objects.exists()


def test_a_plan_for_a_conference_without_the_case_on_its_agenda_is_refused(
    client: Client, world: World
):
    case = directed_case(world)
    conference(world)
    later = conference(world, days=9)  # the case is no longer new: not on this agenda
    english(client, world.process_director)
    response = client.post(agree_url(case), plan_data(world, meeting=later.pk))
    assert response.status_code == 400
    assert "This case is not on the agenda of this conference." in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_a_conference_the_user_may_not_see_is_404(client: Client, world: World):
    case = open_case(world)
    meeting = conference(world, world.gemeente_wijkstad)
    sign_in(client, world.partner)
    assert client.get(agree_url(case) + f"?overleg={meeting.pk}").status_code == 404


def test_the_outsider_gets_404_and_anonymous_visitors_log_in(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.outsider)
    for path in (plan_url(case), agree_url(case)):
        assert client.get(path).status_code == 404
        assert client.post(path, plan_data(world)).status_code == 404
    anonymous = Client()
    for path in (plan_url(case), agree_url(case)):
        response = anonymous.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
    assert not PlanVersion.objects.exists()


def test_the_case_page_shows_the_goals_and_the_last_conference(client: Client, world: World):
    case = directed_case(world)
    english(client, world.lead)
    client.post(agree_url(case), plan_data(world))
    meeting = conference(world, days=-1)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Dagbesteding gevonden" in page
    assert reverse("conferences:detail", kwargs={"meeting_id": meeting.pk}) in page
