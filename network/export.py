"""A case's network as a file: GraphML (for network tools) and CSV (nodes, relations).

The file holds what was recorded — nodes and relations with their attributes — and nothing
computed: no structural facts, degrees or centralities per person (those are for the drawing
and are never exported, DESIGN §7). The views gate and log the export (Operation.EXPORT,
one record per network person in the file).
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from network.analysis import Network
from network.models import NetworkPerson, Relation

# The two CSV files, by query value, with the word used in the file name.
CSV_PARTS = {"nodes": "personen", "relations": "relaties"}

NODE_COLUMNS = (
    "id",
    "kind",
    "name",
    "birth_year",
    "minor",
    "represents_case_subject",
    "note",
    "source_organisation",
)
RELATION_COLUMNS = (
    "id",
    "source",
    "target",
    "source_name",
    "target_name",
    "kind",
    "direction",
    "nature",
    "reliability",
    "source_organisation",
    "started_on",
    "ended_on",
    "observed_on",
    "note",
)
# A cell starting with one of these is a formula to a spreadsheet; quote it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def node_row(person: NetworkPerson) -> dict[str, Any]:
    return {
        "id": person.pk,
        "kind": person.kind,
        "name": person.name,
        "birth_year": person.birth_year,
        "minor": person.is_minor(),
        "represents_case_subject": person.represents_case_subject,
        "note": person.note,
        "source_organisation": person.source_organisation.name,
    }


def relation_row(relation: Relation, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": relation.pk,
        "source": relation.source_id,
        "target": relation.target_id,
        "source_name": names.get(relation.source_id, ""),
        "target_name": names.get(relation.target_id, ""),
        "kind": relation.kind,
        "direction": relation.direction,
        "nature": relation.nature,
        "reliability": relation.reliability,
        "source_organisation": relation.source_organisation.name,
        "started_on": relation.started_on.isoformat() if relation.started_on else None,
        "ended_on": relation.ended_on.isoformat() if relation.ended_on else None,
        "observed_on": relation.observed_on.isoformat(),
        "note": relation.note,
    }


def network_graphml(network: Network) -> bytes:
    """Directed multigraph in the recorded direction of each relation (source → target);
    ``direction`` says whether the tie is mutual."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    # GraphML knows str, int, float and bool: an unknown value (None) is left out.
    for person in network.people:
        row = node_row(person)
        node_id = row.pop("id")
        graph.add_node(node_id, **{k: v for k, v in row.items() if v is not None})
    names = {p.pk: p.name for p in network.people}
    for relation in network.relations:
        row = relation_row(relation, names)
        for key in ("source", "target", "source_name", "target_name"):
            row.pop(key)
        edge_id = row.pop("id")
        graph.add_edge(
            relation.source_id,
            relation.target_id,
            key=edge_id,
            **{k: v for k, v in row.items() if v is not None},
        )
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def network_csv(network: Network, part: str) -> str:
    """One of the two tables (``nodes`` or ``relations``) as CSV text with a header row."""
    buffer = io.StringIO()
    if part == "nodes":
        writer = csv.DictWriter(buffer, fieldnames=NODE_COLUMNS)
        writer.writeheader()
        for person in network.people:
            writer.writerow({k: _cell(v) for k, v in node_row(person).items()})
    elif part == "relations":
        names = {p.pk: p.name for p in network.people}
        writer = csv.DictWriter(buffer, fieldnames=RELATION_COLUMNS)
        writer.writeheader()
        for relation in network.relations:
            writer.writerow({k: _cell(v) for k, v in relation_row(relation, names).items()})
    else:
        raise ValueError(part)
    return buffer.getvalue()
