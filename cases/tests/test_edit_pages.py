"""Directing a case through its pages: situation, status (with closing), team and the next
review date. Only the lead and the process director reach them; bad input is 400 and changes
nothing; a form based on an outdated version gets 409 with the other person's change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, Region
from cases.models import Case, CaseEvent
from cases.tests.test_cases import open_case, with_state
from cases.workflow import SITUATION_TRANSITIONS, STATUS_TRANSITIONS, CaseStatus, Situation
from tests.personas import World, sign_in


def _directed_case(world: World) -> Case:
    return open_case(world, process_director=world.process_director.user)


def _post(client: Client, case: Case, action: str, prefix: str, **data: object):
    payload = {f"{prefix}-{key}": value for key, value in data.items()}
    payload.setdefault(f"{prefix}-version", case.version)
    return client.post(f"/casussen/{case.pk}/{action}/", payload)


@pytest.mark.parametrize("persona", ["lead", "process_director"])
def test_the_lead_and_the_process_director_open_the_edit_page(
    client: Client, world: World, persona: str
):
    case = _directed_case(world)
    sign_in(client, getattr(world, persona))
    response = client.get(f"/casussen/{case.pk}/wijzigen/")
    assert response.status_code == 200
    assert f"/casussen/{case.pk}/wijzigen/" in client.get(f"/casussen/{case.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["partner", "outsider", "privacy_officer", "admin"])
def test_everyone_else_gets_404_on_every_edit_url(client: Client, world: World, persona: str):
    case = _directed_case(world)
    sign_in(client, getattr(world, persona))
    assert client.get(f"/casussen/{case.pk}/wijzigen/").status_code == 404
    for action, prefix in (
        ("situatie", "situation"),
        ("status", "status"),
        ("team/toevoegen", "team_add"),
        ("team/verwijderen", "team_remove"),
        ("herbeoordeling", "review"),
    ):
        response = _post(client, case, action, prefix, to="departed", reason="x")
        assert response.status_code == 404, action
    case.refresh_from_db()
    assert case.version == 1
    # The team partner sees the case, but gets no link to direct it.
    if persona == "partner":
        assert (
            f"/casussen/{case.pk}/wijzigen/"
            not in client.get(f"/casussen/{case.pk}/").content.decode()
        )


def test_the_lead_of_another_case_in_the_same_municipality_gets_404(client: Client, world: World):
    from tests.factories import MembershipFactory, UserFactory

    case = _directed_case(world)
    colleague = MembershipFactory.create(
        user=UserFactory.create(), organisation=world.gemeente_wijkstad, role="lead"
    )
    sign_in(client, colleague)
    assert client.get(f"/casussen/{case.pk}/wijzigen/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    case = _directed_case(world)
    for path in ("wijzigen/", "situatie/", "status/", "herbeoordeling/"):
        response = client.get(f"/casussen/{case.pk}/{path}")
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


# --- Situation. ---


def test_the_lead_changes_the_situation_with_a_reason(client: Client, world: World):
    case = _directed_case(world)
    sign_in(client, world.lead)
    response = _post(client, case, "situatie", "situation", to="departed", reason="Vertrokken")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.situation == Situation.DEPARTED
    event = case.events.get(kind=CaseEvent.Kind.SITUATION)
    assert (event.from_value, event.to_value, event.reason) == ("concern", "departed", "Vertrokken")


def test_the_edit_page_offers_only_the_allowed_targets(client: Client, world: World):
    case = with_state(world, situation=Situation.DEPARTED, status=CaseStatus.MONITORING)
    sign_in(client, world.lead)
    response = client.get(f"/casussen/{case.pk}/wijzigen/")
    situations = {
        value for value, _label in response.context["situation_form"].fields["to"].choices
    }
    statuses = {value for value, _label in response.context["status_form"].fields["to"].choices}
    assert situations == set(SITUATION_TRANSITIONS[Situation.DEPARTED])
    assert statuses == set(STATUS_TRANSITIONS[CaseStatus.MONITORING])


@pytest.mark.parametrize(
    "data",
    [
        {"to": "departed", "reason": ""},
        {"to": "returned", "reason": "x"},
        {"to": "", "reason": "x"},
    ],
    ids=["no-reason", "not-allowed", "no-target"],
)
def test_bad_situation_input_is_400_and_changes_nothing(
    client: Client, world: World, data: dict[str, str]
):
    case = _directed_case(world)
    sign_in(client, world.lead)
    response = _post(client, case, "situatie", "situation", **data)
    assert response.status_code == 400
    case.refresh_from_db()
    assert (case.situation, case.version) == (Situation.CONCERN, 1)


def test_a_stale_edit_to_the_same_target_is_a_conflict_not_an_invalid_transition(
    client: Client, world: World
):
    """The version is checked before the transition: the second person asked for what has
    already happened (departed -> departed) on an outdated page, which is a conflict."""
    case = _directed_case(world)
    director = Client()
    sign_in(director, world.process_director)
    sign_in(client, world.lead)
    first = _post(director, case, "situatie", "situation", to="departed", reason="Ticket gezien")
    second = _post(client, case, "situatie", "situation", to="departed", reason="Ook gezien")
    assert (first.status_code, second.status_code) == (302, 409)
    assert case.events.filter(kind=CaseEvent.Kind.SITUATION).count() == 1


def test_a_stale_status_edit_to_the_same_target_is_a_conflict(client: Client, world: World):
    case = _directed_case(world)
    director = Client()
    sign_in(director, world.process_director)
    sign_in(client, world.lead)
    first = _post(director, case, "status", "status", to="suspended", reason="Pauze")
    second = _post(client, case, "status", "status", to="suspended", reason="Ook pauze")
    assert (first.status_code, second.status_code) == (302, 409)


def test_a_missing_version_is_400(client: Client, world: World):
    case = _directed_case(world)
    sign_in(client, world.lead)
    response = client.post(
        f"/casussen/{case.pk}/situatie/",
        {"situation-to": "departed", "situation-reason": "x"},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.version == 1


def test_two_people_posting_the_same_version_the_second_gets_a_conflict(
    client: Client, world: World
):
    case = _directed_case(world)
    director = Client()
    sign_in(director, world.process_director)
    sign_in(client, world.lead)
    first = _post(director, case, "situatie", "situation", to="departed", reason="Ticket gezien")
    assert first.status_code == 302
    second = _post(client, case, "situatie", "situation", to="detained", reason="Mijn reden")
    assert second.status_code == 409
    body = second.content.decode()
    assert world.process_director.user.full_name in body  # who
    assert "Ticket gezien" in body  # their reason
    assert "Mijn reden" in body  # what this user typed is kept
    case.refresh_from_db()
    assert case.situation == Situation.DEPARTED
    assert case.events.filter(kind=CaseEvent.Kind.SITUATION).count() == 1
    assert second.context["situation_form"].initial["version"] == case.version


# --- Status. ---


def test_closing_needs_a_closure_reason_and_who_decided(client: Client, world: World):
    case = with_state(world, status=CaseStatus.CLOSURE_PROPOSED)
    Case.objects.filter(pk=case.pk).update(process_director=world.process_director.user)
    sign_in(client, world.lead)
    refused = _post(client, case, "status", "status", to="closed", reason="Doelen gehaald")
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_PROPOSED
    response = _post(
        client,
        case,
        "status",
        "status",
        to="closed",
        reason="Doelen gehaald",
        closure_reason="goals_met",
        decided_by=world.process_director.user_id,
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closure_reason == "goals_met"
    assert case.closed_by == world.process_director.user


def test_only_the_lead_or_process_director_can_be_named_as_decider(client: Client, world: World):
    case = with_state(world, status=CaseStatus.CLOSURE_PROPOSED)
    sign_in(client, world.lead)
    response = _post(
        client,
        case,
        "status",
        "status",
        to="closed",
        reason="x",
        closure_reason="other",
        decided_by=world.partner.user_id,
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_PROPOSED


def test_the_status_moves_along_an_allowed_edge(client: Client, world: World):
    case = _directed_case(world)
    sign_in(client, world.process_director)
    response = _post(client, case, "status", "status", to="monitoring", reason="Rustig")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.MONITORING
    assert _post(client, case, "status", "status", to="closed", reason="x").status_code == 400


# --- Team. ---


def test_adding_an_organisation_lets_its_partners_in_and_removing_shuts_them_out(
    client: Client, world: World
):
    case = _directed_case(world)
    outsider = Client()
    sign_in(outsider, world.outsider)
    assert outsider.get(f"/casussen/{case.pk}/").status_code == 404
    sign_in(client, world.lead)
    added = _post(
        client,
        case,
        "team/toevoegen",
        "team_add",
        organisation=world.wijkteam_polderveen.pk,
        reason="Zorg nodig",
    )
    assert added.status_code == 302
    assert outsider.get(f"/casussen/{case.pk}/").status_code == 200
    case.refresh_from_db()
    removed = _post(
        client,
        case,
        "team/verwijderen",
        "team_remove",
        organisation=world.wijkteam_polderveen.pk,
        reason="Klaar",
    )
    assert removed.status_code == 302
    assert outsider.get(f"/casussen/{case.pk}/").status_code == 404
    kinds = list(case.events.values_list("kind", flat=True))
    assert CaseEvent.Kind.TEAM_ADDED in kinds
    assert CaseEvent.Kind.TEAM_REMOVED in kinds


def test_only_organisations_of_the_region_can_join(client: Client, world: World):
    case = _directed_case(world)
    elsewhere = Organisation.objects.create(
        name="Politie Elders",
        kind=Organisation.Kind.POLICE,
        region=Region.objects.create(name="Elders"),
    )
    sign_in(client, world.lead)
    response = _post(
        client, case, "team/toevoegen", "team_add", organisation=elsewhere.pk, reason="x"
    )
    assert response.status_code == 400
    already = _post(
        client, case, "team/toevoegen", "team_add", organisation=world.police.pk, reason="x"
    )
    assert already.status_code == 400
    not_on = _post(
        client,
        case,
        "team/verwijderen",
        "team_remove",
        organisation=world.safety_house.pk,
        reason="x",
    )
    assert not_on.status_code == 400
    assert case.team.count() == 1


def test_a_stale_team_change_gets_a_conflict(client: Client, world: World):
    case = _directed_case(world)
    sign_in(client, world.lead)
    version = case.version
    first = _post(
        client,
        case,
        "team/toevoegen",
        "team_add",
        organisation=world.safety_house.pk,
        reason="Eerste",
        version=version,
    )
    assert first.status_code == 302
    second = _post(
        client,
        case,
        "team/verwijderen",
        "team_remove",
        organisation=world.police.pk,
        reason="Tweede",
        version=version,
    )
    assert second.status_code == 409
    assert "Tweede" in second.content.decode()
    assert case.team.filter(removed_at__isnull=True).count() == 2


# --- Review date. ---


def test_the_lead_sets_the_next_review_date(client: Client, world: World):
    case = _directed_case(world)
    sign_in(client, world.lead)
    day = timezone.localdate() + timedelta(days=28)
    response = _post(
        client, case, "herbeoordeling", "review", review_on=day.isoformat(), reason="Over 4 weken"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.review_on == day
    event = case.events.get(kind=CaseEvent.Kind.REVIEW)
    assert event.to_value == day.isoformat()


@pytest.mark.parametrize(
    "day", ["gisteren", (timezone.localdate() - timedelta(days=1)).isoformat(), ""]
)
def test_a_bad_review_date_is_400(client: Client, world: World, day: str):
    case = _directed_case(world)
    sign_in(client, world.lead)
    response = _post(client, case, "herbeoordeling", "review", review_on=day, reason="x")
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.review_on is None


def test_the_same_review_form_posted_twice_gets_a_conflict(client: Client, world: World):
    case = _directed_case(world)
    sign_in(client, world.lead)
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    later = (timezone.localdate() + timedelta(days=14)).isoformat()
    assert (
        _post(client, case, "herbeoordeling", "review", review_on=day, reason="a").status_code
        == 302
    )
    second = _post(client, case, "herbeoordeling", "review", review_on=later, reason="b")
    assert second.status_code == 409
    case.refresh_from_db()
    assert case.review_on is not None
    assert case.review_on.isoformat() == day


def test_setting_the_review_date_gives_the_lead_a_review_task(client: Client, world: World):
    from tasks.models import Task, TaskSource

    case = _directed_case(world)
    sign_in(client, world.lead)
    day = timezone.localdate() + timedelta(days=10)
    _post(client, case, "herbeoordeling", "review", review_on=day.isoformat(), reason="x")
    task = Task.objects.get(source=TaskSource.REVIEW, source_id=case.pk)
    assert (task.owner, task.due_on) == (world.lead.user, day)
