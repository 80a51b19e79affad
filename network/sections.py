"""The network's tables in the print and PDF of a case, registered with cases.sections from
network.apps (cases may not import this app). The case page links to the network page
instead; the print shows the same people and relations as tables, without the drawing."""

from __future__ import annotations

from cases.gates import GatedCase
from network.analysis import load_network
from network.gates import person_ref
from network.models import NetworkPerson


def network_print_section(gated: GatedCase) -> dict[str, object]:
    """Every node and relation of the case's network: whoever may see the case may see its
    network (network.gates), so the print filters nothing the network page shows."""
    network = load_network(gated.case)
    return {
        "case": gated.case,
        "people": network.people,
        "relations": list(enumerate(network.relations, start=1)),
    }


def network_print_subjects(context: dict[str, object]) -> list[str]:
    """Each network person shown is a data subject of its own (as on the network page)."""
    people = context["people"]
    assert isinstance(people, list)
    return [
        person_ref(p.pk) for p in sorted(people, key=lambda p: p.pk) if isinstance(p, NetworkPerson)
    ]
