"""Every list scope agrees with its rule: an object is in the actor's list exactly when the
rule lets the actor see it.

Hypothesis draws cases, signals, weighing sessions and conferences over three municipalities
in two regions (leads, process directors, team organisations with removed members, emergency
accesses that run or ran out, acute signals, attendees), and every actor of a fixed world of
memberships compares the scope's query with the rule applied object by object. A scope written
beside its rule but drifting from it (the bug this test exists for) fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.actor import actor_for_membership
from access.cases import may_view_case
from access.meetings import CASE_CONFERENCE, may_view_conference, may_view_meeting
from access.municipality import may_view_readiness
from access.signals import ACUTE, SIGNAL_ITEM, WEIGHING, may_view_signal
from accounts.models import Membership, Municipality, Organisation, Region, Role
from cases.gates import case_facts, cases_visible_to
from cases.models import BreakGlassAccess, Case, TeamMember
from meetings.conferences import conference_facts, conferences_visible_to
from meetings.gates import meeting_facts, meetings_visible_to
from meetings.models import AgendaItem, Attendee, Meeting, MeetingKind
from persons.models import Subject
from preparedness.gates import facts as municipality_facts
from preparedness.gates import municipalities_for
from signals.gates import signals_facts, signals_visible_to
from signals.models import Signal, Urgency
from tests.factories import MembershipFactory, UserFactory

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Town:
    """Three municipalities in two regions, organisations and one membership per role."""

    municipalities: list[Municipality]
    organisations: list[Organisation]
    memberships: list[Membership]


def build_town() -> Town:
    north = Region.objects.create(name="Testregio Noord")
    south = Region.objects.create(name="Testregio Zuid")
    towns = [
        Municipality.objects.create(name="Scoopdorp", code="GM9811", region=north),
        Municipality.objects.create(name="Scoopstad", code="GM9812", region=north),
        Municipality.objects.create(name="Scoopveen", code="GM9813", region=south),
    ]
    kind = Organisation.Kind
    organisations = [
        Organisation.objects.create(
            name=f"Gemeente {town.name}",
            kind=kind.MUNICIPALITY,
            region=town.region,
            municipality=town,
        )
        for town in towns
    ]
    organisations += [
        Organisation.objects.create(name="Politie Noord", kind=kind.POLICE, region=north),
        Organisation.objects.create(name="Jeugdzorg Noord", kind=kind.YOUTH_CARE, region=north),
        Organisation.objects.create(name="ZVH Noord", kind=kind.SAFETY_HOUSE, region=north),
        Organisation.objects.create(name="Politie Zuid", kind=kind.POLICE, region=south),
        Organisation.objects.create(name="ZVH Zuid", kind=kind.SAFETY_HOUSE, region=south),
    ]
    gemeente_1, gemeente_2, gemeente_3, police_n, youth_n, zvh_n, police_s, zvh_s = organisations
    roles = [
        (gemeente_1, Role.LEAD),
        (gemeente_1, Role.LEAD),
        (gemeente_2, Role.LEAD),
        (gemeente_3, Role.LEAD),
        (zvh_n, Role.PROCESS_DIRECTOR),
        (zvh_n, Role.PROCESS_DIRECTOR),
        (zvh_s, Role.PROCESS_DIRECTOR),
        (police_n, Role.PARTNER),
        (youth_n, Role.PARTNER),
        (police_s, Role.PARTNER),
        (gemeente_1, Role.PARTNER),
        (gemeente_1, Role.INTAKE),
        (gemeente_2, Role.INTAKE),
        (gemeente_1, Role.MAYOR_OFFICE),
        (gemeente_3, Role.MAYOR_OFFICE),
        (gemeente_1, Role.PRIVACY_OFFICER),
        (zvh_n, Role.ADMIN),
    ]
    memberships = [
        MembershipFactory.create(
            user=UserFactory.create(email=f"scope{n}@test.schakel.example"),
            organisation=organisation,
            role=role,
        )
        for n, (organisation, role) in enumerate(roles)
    ]
    return Town(towns, organisations, memberships)


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


def users(town: Town) -> st.SearchStrategy[int | None]:
    return st.none() | st.sampled_from([m.user_id for m in town.memberships])


def case_specs(town: Town) -> st.SearchStrategy[list[dict[str, Any]]]:
    spec = st.fixed_dictionaries(
        {
            "municipality": st.sampled_from(town.municipalities),
            "lead": st.sampled_from([m.user_id for m in town.memberships]),
            "process_director": users(town),
            "team": st.lists(
                st.tuples(st.sampled_from(town.organisations), st.booleans()), max_size=3
            ),
            "break_glass": st.lists(
                st.tuples(st.sampled_from(town.memberships), st.booleans()), max_size=2
            ),
        }
    )
    return st.lists(spec, min_size=1, max_size=5)


def make_case(town: Town, spec: dict[str, Any]) -> Case:
    municipality = spec["municipality"]
    assert isinstance(municipality, Municipality)
    subject = Subject.objects.create(
        municipality=municipality, given_names="Proef", surname="Scoop"
    )
    case = Case.objects.create(
        subject=subject,
        municipality=municipality,
        lead_id=spec["lead"],
        process_director_id=spec["process_director"],
    )
    now = timezone.now()
    for organisation, removed in spec["team"]:
        if TeamMember.objects.filter(case=case, organisation=organisation, removed_at=None):
            continue
        TeamMember.objects.create(
            case=case, organisation=organisation, removed_at=now if removed else None
        )
    for membership, running in spec["break_glass"]:
        BreakGlassAccess.objects.create(
            case=case,
            user_id=membership.user_id,
            organisation_id=membership.organisation_id,
            reason="Proef van de scope.",
            expires_at=now + (timedelta(hours=1) if running else -timedelta(hours=1)),
        )
    return Case.objects.select_related("municipality").get(pk=case.pk)


def rolled_back() -> transaction.Atomic:
    """Each example in its own savepoint, undone at the end, so examples do not pile up."""
    return transaction.atomic()


@PROPERTY
@given(data=st.data())
def test_the_case_list_holds_exactly_the_cases_the_rule_shows(town: Town, data: st.DataObject):
    specs = data.draw(case_specs(town))
    with rolled_back():
        cases = [make_case(town, spec) for spec in specs]
        for membership in town.memberships:
            actor = actor_for_membership(membership)
            listed = set(cases_visible_to(actor).values_list("pk", flat=True))
            allowed = {case.pk for case in cases if may_view_case(actor, case_facts(case))}
            assert listed == allowed, (membership.role, membership.organisation.name)
        transaction.set_rollback(True)


def meeting_specs(town: Town, kind: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    spec = st.fixed_dictionaries(
        {
            "municipality": st.sampled_from(town.municipalities),
            "chair": st.sampled_from(town.memberships),
            "attendees": st.lists(st.sampled_from(town.organisations), max_size=3, unique=True),
            "kind": st.just(kind),
        }
    )
    return st.lists(spec, min_size=1, max_size=4)


def make_meeting(spec: dict[str, Any]) -> Meeting:
    chair = spec["chair"]
    assert isinstance(chair, Membership)
    meeting = Meeting.objects.create(
        kind=spec["kind"],
        municipality=spec["municipality"],
        held_at=timezone.now() + timedelta(days=2),
        chair_id=chair.user_id,
    )
    for organisation in spec["attendees"]:
        Attendee.objects.create(meeting=meeting, organisation=organisation)
    return Meeting.objects.select_related("municipality").get(pk=meeting.pk)


@PROPERTY
@given(data=st.data())
def test_the_weighing_session_and_conference_lists_follow_their_rules(
    town: Town, data: st.DataObject
):
    specs = data.draw(meeting_specs(town, MeetingKind.WEIGHING))
    specs += data.draw(meeting_specs(town, MeetingKind.CASE_CONFERENCE))
    with rolled_back():
        meetings = [make_meeting(spec) for spec in specs]
        weighing = [m for m in meetings if m.kind == MeetingKind.WEIGHING]
        conferences = [m for m in meetings if m.kind == MeetingKind.CASE_CONFERENCE]
        for membership in town.memberships:
            actor = actor_for_membership(membership)
            listed = set(meetings_visible_to(actor).values_list("pk", flat=True))
            allowed = {m.pk for m in weighing if may_view_meeting(actor, meeting_facts(m))}
            assert listed == allowed, ("weighing", membership.role)
            listed = set(conferences_visible_to(actor).values_list("pk", flat=True))
            allowed = {m.pk for m in conferences if may_view_conference(actor, conference_facts(m))}
            assert listed == allowed, ("conference", membership.role)
        transaction.set_rollback(True)


@PROPERTY
@given(data=st.data())
def test_the_signal_list_holds_exactly_the_signals_the_rule_shows(town: Town, data: st.DataObject):
    spec = st.fixed_dictionaries(
        {
            "municipality": st.sampled_from(town.municipalities),
            "registered_by": users(town),
            "acute": st.booleans(),
            "weighed_at": st.none() | st.integers(min_value=0, max_value=2),
        }
    )
    specs: list[dict[str, Any]] = data.draw(st.lists(spec, min_size=1, max_size=6))
    contacts = data.draw(st.lists(users(town), min_size=3, max_size=3))
    sessions = data.draw(meeting_specs(town, MeetingKind.WEIGHING).map(lambda s: (s * 3)[:3]))
    with rolled_back():
        for municipality, contact in zip(town.municipalities, contacts, strict=True):
            Municipality.objects.filter(pk=municipality.pk).update(police_contact_id=contact)
        meetings = [make_meeting(s) for s in sessions]
        signals = []
        for n, s in enumerate(specs):
            signal = Signal.objects.create(
                municipality=s["municipality"],
                registered_by_id=s["registered_by"],
                received_at=timezone.now() - timedelta(hours=1),
                verification_deadline=timezone.localdate() + timedelta(days=5),
                channel="phone",
                reporter_type="professional",
                description="[proef] scope",
                concern_type="unclear",
                urgency=Urgency.ACUTE if s["acute"] else Urgency.NORMAL,
            )
            if s["weighed_at"] is not None:
                meeting = meetings[s["weighed_at"]]
                AgendaItem.objects.create(
                    meeting=meeting, position=n, item_type=SIGNAL_ITEM, item_id=signal.pk
                )
            signals.append(signal)
        loaded = list(
            Signal.objects.select_related("municipality").filter(pk__in=[s.pk for s in signals])
        )
        facts = signals_facts(loaded)
        for membership in town.memberships:
            actor = actor_for_membership(membership)
            listed = set(signals_visible_to(actor).values_list("pk", flat=True))
            allowed = {s.pk for s in loaded if may_view_signal(actor, facts[s.pk])}
            assert listed == allowed, (membership.role, membership.organisation.name)
        transaction.set_rollback(True)


def test_the_municipality_list_holds_exactly_what_the_readiness_rule_shows(town: Town):
    for membership in town.memberships:
        actor = actor_for_membership(membership)
        listed = set(municipalities_for(actor).values_list("pk", flat=True))
        allowed = {
            m.pk
            for m in Municipality.objects.all()
            if may_view_readiness(actor, municipality_facts(m))
        }
        assert listed == allowed, membership.role


def test_the_kinds_the_rules_name_are_the_models_values():
    assert (WEIGHING, CASE_CONFERENCE) == (MeetingKind.WEIGHING, MeetingKind.CASE_CONFERENCE)
    assert ACUTE == Urgency.ACUTE
    assert SIGNAL_ITEM == "signal"
