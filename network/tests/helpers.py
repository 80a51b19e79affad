"""Small builders for the network tests: a case with a few nodes and relations."""

from __future__ import annotations

from datetime import date
from typing import Any

from cases.models import Case
from cases.tests.test_cases import open_case
from network.models import NetworkPerson, Relation
from network.services import ensure_subject_node, person_add, relation_add
from tests.personas import World


def network_case(world: World) -> Case:
    return open_case(world, process_director=world.process_director.user)


def add_person(world: World, case: Case, name: str, **values: Any) -> NetworkPerson:
    fields: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "case": case,
        "kind": "person",
        "name": name,
        "source_organisation": world.gemeente_wijkstad,
    }
    fields.update(values)
    return person_add(**fields)


def centre(world: World, case: Case) -> NetworkPerson:
    return ensure_subject_node(case=case, user=world.lead.user, actor=world.actor(world.lead))


def tie(
    world: World, case: Case, source: NetworkPerson, target: NetworkPerson, **values: Any
) -> Relation:
    fields: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "case": case,
        "source": source,
        "target": target,
        "kind": "friend",
        "source_organisation": world.gemeente_wijkstad,
        "observed_on": date(2024, 3, 1),
    }
    fields.update(values)
    return relation_add(**fields)
