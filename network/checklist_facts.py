"""The network's part in the checklists (issue 14): "network analysis made" is fulfilled
once the case's network holds at least one relation. Registered from apps.py, because
checklists may not import this app."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from access.cases import may_view_case
from access.facts import Actor, CaseFacts
from cases.models import Case
from checklists.facts import (
    Fact,
    FactKind,
    FactProvider,
    case_of_attribute,
    register_fact_provider,
)
from network.models import Relation


def find_relation(case: Case, parameter: str, since: date) -> Fact | None:
    relation = (
        Relation.objects.filter(case=case)
        .select_related("created_by")
        .order_by("created_at", "id")
        .first()
    )
    if relation is None:
        return None
    return Fact(
        object_type="network_relation",
        object_id=relation.pk,
        at=relation.created_at,
        actor=relation.created_by,
    )


def link_network(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    if not may_view_case(actor, facts):
        return None
    return reverse("network:page", kwargs={"case_id": case.pk})


def register() -> None:
    register_fact_provider(
        FactProvider(
            kind=FactKind.NETWORK_RELATION,
            find=find_relation,
            link=link_network,
            triggers=((Relation, case_of_attribute),),
        )
    )
