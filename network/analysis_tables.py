"""A case's network read from the tables: a neighbourhood without loading the whole graph.

``neighbourhood_from_tables`` walks out from one node, hop by hop, asking the database only
for the relations of the current frontier (the indexed ``source_id`` and ``target_id``
columns). Its cost follows the size of the neighbourhood, not the size of the case, which is
what ``make bench`` measures against loading the whole case into networkx and calling
``nx.ego_graph``. ``case_graph`` is that whole-case load, built from the same rows in the same
way, so that both give identical graphs (the tests check this).

Both return an undirected ``nx.MultiGraph``: every relation is its own edge, keyed by the
relation's id, because two people may be tied in more than one way (siblings who are also at
the same school). The relation's own ``direction`` is kept as an attribute. Nothing here
computes anything about a person; the caller gates the case and logs what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import networkx as nx
from django.db.models import Q, QuerySet

from network.models import NetworkPerson, Relation

# The node and relation columns put on the graph: what a drawing and its table need to tell
# who is who and what kind of tie it is. Notes and provenance are read per row when shown.
NODE_FIELDS = ("kind", "name", "birth_year", "minor", "represents_case_subject")
RELATION_FIELDS = ("kind", "direction", "nature", "reliability", "observed_on")

# Ids per IN list. Two lists per query (source and target) stay under SQLite's historic
# limit of 999 parameters, so the query works on every SQLite build and on PostgreSQL.
CHUNK = 450
# Rows fetched at a time when the whole case is read, so the rows are streamed.
STREAM_CHUNK = 20_000

RelationRow = tuple[Any, ...]


def neighbourhood_from_tables(
    case_id: int, node_id: int, depth: int, *, relations: Q | None = None
) -> nx.MultiGraph:
    """The nodes within ``depth`` hops of ``node_id`` in the case's network, and every
    relation between two of them: the same graph as ``nx.ego_graph(case_graph(case_id),
    node_id, radius=depth)``, read with a number of queries that depends on the
    neighbourhood only (about ``depth + 3`` for a neighbourhood of a few hundred nodes).

    ``relations`` narrows the relations followed (a filter of the page, e.g. by kind);
    the neighbourhood is then the one in the filtered network.
    Raises ``NetworkPerson.DoesNotExist`` when the node is not in the case.
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    if not NetworkPerson.objects.filter(case_id=case_id, pk=node_id).exists():
        raise NetworkPerson.DoesNotExist(f"Network person {node_id} is not in case {case_id}.")
    seen = {node_id}
    frontier = [node_id]
    edges: dict[int, RelationRow] = {}
    # One hop past the last ring: its rows give the relations between two nodes of the last
    # ring (ego_graph keeps those), and any row that leaves the neighbourhood is dropped.
    for hop in range(depth + 1):
        if not frontier:
            break
        last = hop == depth
        reached: list[int] = []
        for row in _incident(case_id, frontier, relations):
            relation_id, source, target = row[0], row[1], row[2]
            if last and (source not in seen or target not in seen):
                continue
            edges[relation_id] = row
            for end in (source, target):
                if end not in seen:
                    seen.add(end)
                    reached.append(end)
        frontier = reached
    graph = nx.MultiGraph()
    graph.add_nodes_from(_node_rows(case_id, sorted(seen)))
    graph.add_edges_from(_edge_tuples(edges.values()))
    return graph


def case_graph(case_id: int, *, relations: Q | None = None) -> nx.MultiGraph:
    """The whole network of a case, streamed from the tables (the costly way: memory and
    time grow with the case, whatever part of it is looked at)."""
    graph = nx.MultiGraph()
    nodes = NetworkPerson.objects.filter(case_id=case_id).order_by().values_list("pk", *NODE_FIELDS)
    graph.add_nodes_from(_node_attributes(nodes.iterator(chunk_size=STREAM_CHUNK)))
    rows = _relations(case_id, relations).values_list(
        "pk", "source_id", "target_id", *RELATION_FIELDS
    )
    graph.add_edges_from(_edge_tuples(rows.iterator(chunk_size=STREAM_CHUNK)))
    return graph


def _relations(case_id: int, relations: Q | None) -> QuerySet[Relation]:
    queryset = Relation.objects.filter(case_id=case_id).order_by()
    return queryset.filter(relations) if relations is not None else queryset


def incident_query(
    nodes: Sequence[int], relations: Q | None = None
) -> QuerySet[Relation, tuple[Any, ...]]:
    """The relations touching any of ``nodes`` (at most ``CHUNK``), with their case.

    Deliberately not filtered on the case in SQL: without planner statistics (a fresh
    SQLite database) SQLite then picks the case index and reads every relation of the case
    for each hop. The case is checked on the rows instead."""
    queryset = Relation.objects.filter(Q(source_id__in=nodes) | Q(target_id__in=nodes))
    if relations is not None:
        queryset = queryset.filter(relations)
    return queryset.order_by().values_list(
        "pk", "source_id", "target_id", *RELATION_FIELDS, "case_id"
    )


def _incident(case_id: int, nodes: Sequence[int], relations: Q | None) -> Iterator[RelationRow]:
    """The case's relations touching any of ``nodes``, one query per ``CHUNK`` ids."""
    for start in range(0, len(nodes), CHUNK):
        for *row, row_case in incident_query(nodes[start : start + CHUNK], relations):
            # A relation always joins two nodes of one case; this only guards the walk.
            if row_case == case_id:
                yield tuple(row)


def _node_rows(case_id: int, ids: Sequence[int]) -> Iterator[tuple[int, dict[str, Any]]]:
    for start in range(0, len(ids), 2 * CHUNK):
        rows = (
            NetworkPerson.objects.filter(case_id=case_id, pk__in=ids[start : start + 2 * CHUNK])
            .order_by()
            .values_list("pk", *NODE_FIELDS)
        )
        yield from _node_attributes(rows)


def _node_attributes(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, dict[str, Any]]]:
    for pk, *values in rows:
        yield pk, dict(zip(NODE_FIELDS, values, strict=True))


def _edge_tuples(
    rows: Iterable[RelationRow],
) -> Iterator[tuple[int, int, int, dict[str, str | date]]]:
    for pk, source, target, *values in rows:
        yield source, target, pk, dict(zip(RELATION_FIELDS, values, strict=True))
