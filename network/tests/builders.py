"""Builders for this helper's network tests: a Wijkstad case with a small network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from accounts.models import Membership, Role
from cases.models import Case
from cases.tests.test_cases import open_case
from network.models import NetworkPerson, NodeKind, Relation, RelationKind
from network.services import ensure_subject_node, person_add, relation_add
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World


@dataclass
class SmallNetwork:
    case: Case
    centre: NetworkPerson
    sister: NetworkPerson
    recruiter: NetworkPerson
    sibling_tie: Relation
    recruiter_tie: Relation


def add_person(world: World, case: Case, name: str, **values: Any) -> NetworkPerson:
    fields: dict[str, Any] = {
        "kind": NodeKind.PERSON,
        "source_organisation": world.gemeente_wijkstad,
    }
    fields.update(values)
    membership = _lead_membership(case)
    return person_add(
        actor=world.actor(membership), user=membership.user, case=case, name=name, **fields
    )


def _lead_membership(case: Case) -> Membership:
    return Membership.objects.current().get(user_id=case.lead_id, role=Role.LEAD)


def tie(
    world: World, case: Case, a: NetworkPerson, b: NetworkPerson, kind: str, **values: Any
) -> Relation:
    lead = _lead_membership(case)
    fields: dict[str, Any] = {
        "source_organisation": world.gemeente_wijkstad,
        "observed_on": date(2024, 3, 1),
    }
    fields.update(values)
    return relation_add(
        actor=world.actor(lead), user=lead.user, case=case, source=a, target=b, kind=kind, **fields
    )


def small_network(world: World, case: Case | None = None) -> SmallNetwork:
    case = case or open_case(world, process_director=world.process_director.user)
    centre = ensure_subject_node(case=case, user=world.lead.user, actor=world.actor(world.lead))
    sister = add_person(world, case, "Samira", birth_year=timezone.localdate().year - 14)
    recruiter = add_person(world, case, "Abu R.")
    sibling_tie = tie(world, case, centre, sister, RelationKind.SIBLING)
    recruiter_tie = tie(world, case, centre, recruiter, RelationKind.RECRUITER, nature="risk")
    return SmallNetwork(case, centre, sister, recruiter, sibling_tie, recruiter_tie)


def second_lead(world: World) -> Membership:
    """Another lead of Wijkstad: leads see only their own cases."""
    user = UserFactory.create(email="lead2@test.schakel.example", full_name="Lotte Lead")
    return MembershipFactory.create(user=user, organisation=world.gemeente_wijkstad, role=Role.LEAD)
