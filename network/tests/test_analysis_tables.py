"""A neighbourhood read from the tables is the ego graph of the whole case, at a cost that
follows the neighbourhood; and the benchmark's generator writes a sound network."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.network import ensure_population, generate
from cases.models import Case
from cases.tests.test_cases import open_case
from network.analysis_tables import (
    CHUNK,
    case_graph,
    incident_query,
    neighbourhood_from_tables,
)
from network.models import NetworkPerson, NodeKind, Relation, RelationKind
from tests.personas import World

Pair = tuple[int, int, str]
KINDS: list[str] = [RelationKind.FRIEND, RelationKind.SIBLING, RelationKind.SCHOOL_WORK]


def build(
    world: World, case: Case, size: int, pairs: Sequence[Pair]
) -> tuple[list[int], nx.MultiGraph]:
    """``size`` nodes and a relation per pair (by position); also the same network drawn
    independently in networkx, keyed by relation id, to compare with."""
    people = NetworkPerson.objects.bulk_create(
        NetworkPerson(
            case=case,
            name=f"Persoon {number}",
            source_organisation=world.gemeente_wijkstad,
            created_by=world.lead.user,
        )
        for number in range(size)
    )
    ids = [person.pk for person in people]
    relations = Relation.objects.bulk_create(
        Relation(
            case=case,
            source_id=ids[a],
            target_id=ids[b],
            kind=kind,
            source_organisation=world.gemeente_wijkstad,
            observed_on=date(2024, 3, 1),
            created_by=world.lead.user,
        )
        for a, b, kind in pairs
    )
    expected = nx.MultiGraph()
    expected.add_nodes_from(ids)
    for relation, (a, b, kind) in zip(relations, pairs, strict=True):
        expected.add_edge(ids[a], ids[b], key=relation.pk, kind=kind)
    return ids, expected


def edge_set(graph: nx.MultiGraph) -> set[tuple[frozenset[int], int]]:
    return {(frozenset((u, v)), key) for u, v, key in graph.edges(keys=True)}


def assert_same(found: nx.MultiGraph, expected: nx.MultiGraph) -> None:
    assert set(found.nodes) == set(expected.nodes)
    assert edge_set(found) == edge_set(expected)


@st.composite
def networks(draw: st.DrawFn) -> tuple[int, list[Pair], int, int]:
    size = draw(st.integers(min_value=1, max_value=14))
    pair = st.tuples(
        st.integers(0, size - 1), st.integers(0, size - 1), st.sampled_from(KINDS)
    ).filter(lambda p: p[0] != p[1])
    pairs = draw(st.lists(pair, max_size=3 * size)) if size > 1 else []
    start = draw(st.integers(0, size - 1))
    depth = draw(st.integers(min_value=1, max_value=3))
    return size, pairs, start, depth


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(network=networks())
def test_the_neighbourhood_from_the_tables_is_the_ego_graph_of_the_whole_network(
    world: World, network: tuple[int, list[Pair], int, int]
) -> None:
    size, pairs, start, depth = network
    with transaction.atomic():
        case = open_case(world)
        ids, expected = build(world, case, size, pairs)
        found = neighbourhood_from_tables(case.pk, ids[start], depth)
        assert_same(found, nx.ego_graph(expected, ids[start], radius=depth))
        assert_same(found, nx.ego_graph(case_graph(case.pk), ids[start], radius=depth))
        transaction.set_rollback(True)


def test_the_neighbourhood_carries_the_attributes_of_nodes_and_relations(world: World) -> None:
    case = open_case(world)
    ids, _ = build(world, case, 3, [(0, 1, RelationKind.SIBLING), (1, 2, RelationKind.FRIEND)])
    found = neighbourhood_from_tables(case.pk, ids[0], 2)
    assert found.nodes[ids[2]]["name"] == "Persoon 2"
    assert found.nodes[ids[2]]["kind"] == NodeKind.PERSON
    kinds = {data["kind"] for _u, _v, data in found.edges(data=True)}
    assert kinds == {RelationKind.SIBLING, RelationKind.FRIEND}
    assert {data["observed_on"] for _u, _v, data in found.edges(data=True)} == {date(2024, 3, 1)}


def test_depth_zero_is_the_node_alone(world: World) -> None:
    case = open_case(world)
    ids, _ = build(world, case, 2, [(0, 1, RelationKind.FRIEND)])
    found = neighbourhood_from_tables(case.pk, ids[0], 0)
    assert set(found.nodes) == {ids[0]}
    assert found.number_of_edges() == 0


def test_a_node_of_another_case_is_not_found(world: World) -> None:
    ids, _ = build(world, open_case(world), 2, [(0, 1, RelationKind.FRIEND)])
    other = open_case(world)
    with pytest.raises(NetworkPerson.DoesNotExist):
        neighbourhood_from_tables(other.pk, ids[0], 2)


def test_a_relation_filter_gives_the_neighbourhood_in_the_filtered_network(
    world: World,
) -> None:
    case = open_case(world)
    pairs: list[Pair] = [
        (0, 1, RelationKind.FRIEND),
        (1, 2, RelationKind.SIBLING),
        (0, 3, RelationKind.SIBLING),
        (3, 4, RelationKind.SIBLING),
        (4, 2, RelationKind.FRIEND),
    ]
    ids, _ = build(world, case, 5, pairs)
    siblings = Q(kind=RelationKind.SIBLING)
    found = neighbourhood_from_tables(case.pk, ids[0], 2, relations=siblings)
    assert_same(found, nx.ego_graph(case_graph(case.pk, relations=siblings), ids[0], radius=2))
    assert set(found.nodes) == {ids[0], ids[3], ids[4]}


def _chain(size: int, offset: int) -> list[Pair]:
    return [(offset + n, offset + n + 1, RelationKind.FRIEND) for n in range(size - 1)]


def test_the_number_of_queries_does_not_grow_with_the_nodes_outside_the_neighbourhood(
    world: World,
) -> None:
    def queries_for(outside: int) -> tuple[int, int]:
        with transaction.atomic():
            case = open_case(world)
            # A centre with ten friends who each have a friend; then a long tail of people
            # beyond depth 2 tied to the last ring, and as many people apart.
            pairs: list[Pair] = [(0, n, RelationKind.FRIEND) for n in range(1, 11)]
            pairs += [(n, n + 10, RelationKind.SIBLING) for n in range(1, 11)]
            pairs += [(20, 21, RelationKind.FRIEND), *_chain(outside, 21)]
            pairs += _chain(outside, 21 + outside)
            ids, _ = build(world, case, 21 + 2 * outside, pairs)
            with CaptureQueriesContext(connection) as captured:
                found = neighbourhood_from_tables(case.pk, ids[0], 2)
            transaction.set_rollback(True)
        return len(captured.captured_queries), found.number_of_nodes()

    small, small_nodes = queries_for(outside=5)
    large, large_nodes = queries_for(outside=2_000)
    assert small_nodes == large_nodes == 21
    assert small == large
    assert large <= 2 + 3  # the node's check, one query per ring and the ring past, nodes


def test_the_queries_grow_only_in_chunks_of_the_neighbourhood(world: World) -> None:
    case = open_case(world)
    size = 2 * CHUNK + 10
    ids, _ = build(world, case, size, [(0, n, RelationKind.FRIEND) for n in range(1, size)])
    with CaptureQueriesContext(connection) as captured:
        found = neighbourhood_from_tables(case.pk, ids[0], 1)
    assert found.number_of_nodes() == size
    # The check, ring 0, the ring past ring 1 in 3 chunks, the nodes in 2 chunks.
    assert len(captured.captured_queries) == 1 + 1 + 3 + 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.django_db
def test_the_frontier_query_uses_the_source_and_target_indexes() -> None:
    # Without planner statistics SQLite would pick the case index for a case filter and read
    # every relation of the case per hop; the frontier query must seek by node instead.
    sql, params = incident_query([1, 2, 3]).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "(source_id=?)" in plan
    assert "(target_id=?)" in plan
    assert "case_id" not in plan


def test_the_benchmark_generator_writes_a_sound_connected_network(
    world: World, tmp_path: Path
) -> None:
    open_case(world)  # a subject to reuse, as the matching population gives
    population = generate(nodes=400, relations=2_000, seed=7, progress=lambda _message: None)

    people = NetworkPerson.objects.filter(case_id=population.case_id)
    relations = Relation.objects.filter(case_id=population.case_id)
    assert people.count() == 400
    assert relations.count() == population.relations == 2_000
    assert people.filter(represents_case_subject=True).count() == 1
    assert all(name.startswith("Bench ") for name in people.values_list("name", flat=True))
    assert set(relations.values_list("kind", flat=True)) <= set(RelationKind.values)
    assert {RelationKind.PARENT, RelationKind.SIBLING, RelationKind.PLACE} <= set(
        relations.values_list("kind", flat=True)
    )
    graph = case_graph(population.case_id)
    assert nx.number_of_selfloops(graph) == 0
    assert len(max(nx.connected_components(graph), key=len)) >= 0.9 * 400


def test_the_benchmark_network_is_built_once_and_then_reused(world: World, tmp_path: Path) -> None:
    open_case(world)
    meta = tmp_path / "network.json"
    first = ensure_population(nodes=300, relations=900, seed=3, meta_path=meta)
    again = ensure_population(nodes=300, relations=900, seed=3, meta_path=meta)
    assert not first.reused
    assert again.reused
    assert again.case_id == first.case_id
    assert json.loads(meta.read_text())["case_id"] == first.case_id

    rebuilt = ensure_population(nodes=300, relations=1_000, seed=3, meta_path=meta)
    assert not rebuilt.reused
    assert not Case.objects.filter(pk=first.case_id).exists()
    assert Relation.objects.filter(case_id=rebuilt.case_id).count() == 1_000
