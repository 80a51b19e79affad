"""Cases groundwork: the two transition tables, the team as the access grant, the timeline,
and opening from a weighing decision "include"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.gates import cases_visible_to, get_case_for_user
from cases.models import Action, Case, CaseEvent
from cases.services import (
    case_change_situation,
    case_change_status,
    case_open,
    team_add,
    team_remove,
)
from cases.workflow import (
    SITUATION_TRANSITIONS,
    STATUS_TRANSITIONS,
    TRAVEL_OUTCOME_ASKED,
    CaseStatus,
    Situation,
)
from lib.concurrency import StaleEdit
from persons.models import Subject
from tasks.models import Task, TaskSource, TaskStatus
from tasks.services import task_assign
from tests.factories import OrganisationFactory, RegionFactory
from tests.personas import World


def open_case(world: World, **overrides: Any) -> Case:
    subject = Subject.objects.create(
        municipality=world.wijkstad,
        given_names="Noor",
        surname=f"Voorbeeld{Subject.objects.count()}",
        birth_year=2009,
    )
    values: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "subject": subject,
        "municipality": world.wijkstad,
        "lead": world.lead.user,
        "team": [world.police],
        "reason": "Opgenomen.",
    }
    values.update(overrides)
    return case_open(**values)


def with_state(world: World, **state: str) -> Case:
    case = open_case(world)
    if state.get("status") == CaseStatus.CLOSED:
        state = {**state, "closure_reason": "other"}  # the database insists on a reason
    Case.objects.filter(pk=case.pk).update(**state)
    case.refresh_from_db()
    return case


SITUATION_EDGES = [(a, b) for a, targets in SITUATION_TRANSITIONS.items() for b in targets]
SITUATION_FORBIDDEN = [
    (a, b) for a in Situation for b in Situation if b not in SITUATION_TRANSITIONS[a]
]
STATUS_EDGES = [(a, b) for a, targets in STATUS_TRANSITIONS.items() for b in targets]
STATUS_FORBIDDEN = [
    (a, b) for a in CaseStatus for b in CaseStatus if b not in STATUS_TRANSITIONS[a]
]


def reported_from(world: World, before: str) -> Case:
    """A case whose death was reported (unconfirmed) while it was in ``before``."""
    case = with_state(world, situation=before)
    return case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=Situation.REPORTED_DECEASED,
        reason="Gemeld via sociale media.",
        version=case.version,
    )


@pytest.mark.parametrize(("start", "target"), SITUATION_EDGES, ids=str)
def test_every_situation_edge_works_and_is_on_the_timeline(world, start, target):
    if start == Situation.REPORTED_DECEASED:
        # The way back leads only to the situation before the report: report from there.
        case = reported_from(world, Situation.CONCERN if target == Situation.DECEASED else target)
    else:
        case = with_state(world, situation=start)
    asked = start == Situation.INTENDS_TO_TRAVEL and target in TRAVEL_OUTCOME_ASKED
    way_back = start == Situation.REPORTED_DECEASED
    changed = case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=target,
        reason="nieuwe informatie",
        version=case.version,
        return_motive="unknown" if target == Situation.RETURNED and not way_back else "",
        travel_outcome="prevented" if asked else "",
        death_source="brp" if target == Situation.DECEASED else "",
    )
    assert changed.situation == target
    last = changed.events.last()
    assert last is not None
    assert (last.kind, last.from_value, last.to_value) == ("situation", start, target)


@pytest.mark.parametrize(("start", "target"), SITUATION_FORBIDDEN, ids=str)
def test_a_forbidden_situation_edge_changes_nothing(world, start, target):
    case = with_state(world, situation=start)
    with pytest.raises(ValidationError):
        case_change_situation(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=case,
            to=target,
            reason="x",
            version=case.version,
        )
    assert Case.objects.get(pk=case.pk).situation == start


@pytest.mark.parametrize(("start", "target"), STATUS_EDGES, ids=str)
def test_every_status_edge_works(world, start, target):
    case = with_state(world, status=start)
    changed = case_change_status(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=target,
        reason="besproken",
        version=case.version,
        closure_reason="goals_met" if target == CaseStatus.CLOSED else "",
    )
    assert changed.status == target


@pytest.mark.parametrize(("start", "target"), STATUS_FORBIDDEN, ids=str)
def test_a_forbidden_status_edge_changes_nothing(world, start, target):
    case = with_state(world, status=start)
    with pytest.raises(ValidationError):
        case_change_status(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=case,
            to=target,
            reason="x",
            version=case.version,
            closure_reason="other",
        )
    assert Case.objects.get(pk=case.pk).status == start


def test_closing_needs_a_reason_and_records_who_decided(world: World):
    case = with_state(world, status=CaseStatus.CLOSURE_PROPOSED)
    with pytest.raises(ValidationError):
        case_change_status(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=case,
            to=CaseStatus.CLOSED,
            reason="klaar",
            version=case.version,
        )
    closed = case_change_status(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=CaseStatus.CLOSED,
        reason="klaar",
        version=case.version,
        closure_reason="goals_met",
    )
    assert (closed.closure_reason, closed.closed_by) == ("goals_met", world.lead.user)


def test_a_stale_change_is_refused(world: World):
    case = open_case(world)
    seen = Case.objects.get(pk=case.pk)
    case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=Situation.INTENDS_TO_TRAVEL,
        reason="tickets gekocht",
        version=case.version,
    )
    with pytest.raises(StaleEdit):
        case_change_status(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=seen,
            to=CaseStatus.SUSPENDED,
            reason="x",
            version=seen.version,
        )


def test_the_timeline_cannot_be_edited(world: World):
    event = open_case(world).events.get()
    event.reason = "anders"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_team_membership_grants_and_revokes_access_at_once(world: World):
    case = open_case(world, team=[])
    partner = world.actor(world.partner)
    with pytest.raises(Http404):
        get_case_for_user(partner, case.pk)
    team_add(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="politie nodig",
        version=case.version,
    )
    assert get_case_for_user(partner, case.pk) == case
    assert list(cases_visible_to(partner)) == [case]
    case.refresh_from_db()
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="niet meer nodig",
        version=case.version,
    )
    with pytest.raises(Http404):
        get_case_for_user(partner, case.pk)
    assert list(cases_visible_to(partner)) == []
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        CaseEvent.Kind.OPENED,
        CaseEvent.Kind.TEAM_ADDED,
        CaseEvent.Kind.TEAM_REMOVED,
    ]


def test_outsiders_get_the_same_404_as_for_a_missing_case(world: World):
    case = open_case(world)
    for persona in (world.outsider, world.admin, world.privacy_officer):
        with pytest.raises(Http404):
            get_case_for_user(world.actor(persona), case.pk)
        assert list(cases_visible_to(world.actor(persona))) == []
    with pytest.raises(Http404):
        get_case_for_user(world.actor(world.lead), case.pk + 1000)


def test_a_partner_cannot_direct_the_case(world: World):
    case = open_case(world)
    with pytest.raises(Http404):
        get_case_for_user(world.actor(world.partner), case.pk, write=True)


def test_reading_a_case_is_logged(world: World):
    case = open_case(world)
    get_case_for_user(world.actor(world.partner), case.pk)
    record = ProcessingRecord.objects.get(name="cases.read")
    assert record.subject_pseudonym == pseudonymise(f"subject:{case.subject_id}")
    assert record.actor_id == world.partner.user_id


def test_an_organisation_of_another_region_cannot_join(world: World):
    elsewhere = OrganisationFactory.create(region=RegionFactory.create())
    with pytest.raises(ValidationError):
        open_case(world, team=[elsewhere])
    assert not Case.objects.exists()


def test_a_weighing_decision_to_include_opens_a_case(
    world: World, django_capture_on_commit_callbacks
):
    from meetings.tests.builders import built, decide, new_signal, plan

    school = OrganisationFactory.create(
        kind="school", region=world.region, municipality=world.wijkstad
    )
    meeting = built(world, plan(world, world.gemeente_wijkstad, world.police, school))
    signal = new_signal(world)
    built(world, meeting)
    with django_capture_on_commit_callbacks(execute=True):
        decide(world, meeting, signal, outcome="include")
    case = Case.objects.get(signal=signal)
    assert case.lead == world.lead.user
    assert case.decision is not None
    # The municipality directs through its lead; a local school that attended joins the team.
    assert set(case.team.values_list("organisation", flat=True)) == {world.police.pk, school.pk}
    # The region's process director chairs its case conferences, so sees the case.
    assert case.process_director == world.process_director.user


def test_only_a_process_director_of_the_region_can_be_the_cases_process_director(world: World):
    with pytest.raises(ValidationError) as refused:
        open_case(world, process_director=world.partner.user)
    assert "process_director" in refused.value.message_dict
    assert not Case.objects.exists()
    assert open_case(world, process_director=world.process_director.user).process_director


def test_removing_an_organisation_withdraws_its_open_action_tasks(world: World):
    case = open_case(world)
    action = Action.objects.create(
        case=case,
        description="Gesprek met de ouders",
        owner_organisation=world.police,
        owner=world.partner.user,
        due_on=timezone.localdate() + timedelta(days=7),
        created_by=world.lead.user,
    )
    task_assign(
        source=TaskSource.ACTION,
        source_id=action.pk,
        case=case,
        owner=world.partner.user,
        title="Actie",
        url=f"/casussen/{case.pk}/",
        due_on=action.due_on,
    )
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Niet meer betrokken.",
        version=case.version,
    )
    assert Task.objects.get(source_id=action.pk).status == TaskStatus.WITHDRAWN
