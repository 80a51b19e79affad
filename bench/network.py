"""The network benchmark behind ``make bench``: figures, not a test (it asserts nothing).

1. Builds, once, a fictional network in the benchmark database var/bench/schakel.sqlite3
   (never the application's): one benchmark case of 10^6 network persons and 5*10^6
   relations. Its shape follows seed §2.3: small families (parents, children, siblings,
   partners, cousins), places and organisations they meet at (many small ones, some large,
   and a few hubs such as a big school or association), friends and classmates met there,
   and some long ties (online contacts, a recruiter, a mentor). Everything is one big
   connected graph. A second run reuses it when it was built with the same settings.
2. For a sample of start nodes, fetches the depth-2 neighbourhood and analyses it (degree
   and betweenness) two ways: (a) ``neighbourhood_from_tables``, frontier queries on the
   indexed relation columns; (b) the whole case loaded into networkx, then ``ego_graph``.
   Prints p50/p95 of both, the ratio (b)/(a), the neighbourhood sizes, and the memory of
   both, measured in fresh processes.

The names are "Bench 123": nobody in it is a real person.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import json
import math
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

import networkx as nx
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

import network
from accounts.models import Municipality, Organisation, Region, User
from bench.population import seeded
from cases.models import Case
from network.analysis_tables import case_graph, neighbourhood_from_tables
from network.models import (
    Direction,
    Nature,
    NetworkPerson,
    NodeKind,
    Relation,
    RelationKind,
    Reliability,
)
from persons.models import Subject

# Raise when the shape of the network changes, so that old databases are rebuilt.
GENERATOR_VERSION = 1
BLOCK = 10_000  # nodes generated (and kept in memory) at a time: a "neighbourhood of town"
ROWS_PER_STATEMENT = 20_000
PLACE_SHARE = 0.015  # schools, clubs, workplaces, mosques, youth centres among the nodes
HUBS_PER_NODES = 100_000  # one hub (a big school, a large association) per this many nodes
HUB_MEMBERSHIP = 0.03  # the share of persons tied to a hub
BETWEENNESS_PIVOTS = 100  # sampled betweenness beyond this many nodes, as a page would do
BENCH_EMAIL = "bench-network@example.invalid"
BENCH_ORGANISATION = "Benchmarkorganisatie netwerk (fictief)"
META = "network.json"

_FAMILY_SIZES = (1, 2, 3, 4, 5, 6, 7)
_FAMILY_WEIGHTS = (15, 20, 20, 25, 12, 5, 3)
_FAMILY_NATURE = ((Nature.UNKNOWN, 60), (Nature.PROTECTIVE, 30), (Nature.AMBIVALENT, 8))
_RELIABILITY = (
    (Reliability.CONFIRMED, 50),
    (Reliability.PROBABLE, 30),
    (Reliability.UNCONFIRMED, 20),
)


@dataclass(frozen=True)
class Population:
    case_id: int
    first_id: int
    nodes: int
    relations: int
    generation_seconds: float
    reused: bool


def run(argv: Sequence[str], *, data_dir: Path) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench network", description=__doc__)
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--relations", type=int, default=5_000_000)
    parser.add_argument("--samples", type=int, default=50, help="start nodes")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--full-loads", type=int, default=3, help="timed loads of the case")
    parser.add_argument("--seed", type=int, default=20_261_129)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the network")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory probes")
    # Internal: one memory probe in a fresh process (see _memory).
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--probe-case", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--probe-nodes", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        nodes = [int(n) for n in args.probe_nodes.split(",")]
        print(json.dumps(_probe(args.probe, args.probe_case, nodes, args.depth, args.seed)))
        return

    data_dir.mkdir(parents=True, exist_ok=True)
    population = ensure_population(
        nodes=args.nodes,
        relations=args.relations,
        seed=args.seed,
        meta_path=data_dir / META,
        regenerate=args.regenerate,
    )
    starts = _start_nodes(population, args.samples, seeded(args.seed + 1))
    print("Network benchmark: a fictional network; figures, not a test.")
    print(f"  database    {data_dir / 'schakel.sqlite3'}")
    print(
        f"  network     one case, {population.nodes:,} network persons, "
        f"{population.relations:,} relations"
    )
    how = "reused, built earlier in" if population.reused else "built in"
    print(f"  generation  {how} {population.generation_seconds:.1f} s")
    print(f"  sample      {len(starts)} start nodes (random persons), depth {args.depth}")
    print(flush=True)

    # The memory probes first, while this process is still small: the whole graph it loads
    # for the timings stays in its heap and would crowd the probes' machine.
    memory = (
        None if args.no_memory else _probe_memory(population.case_id, starts, args.depth, args.seed)
    )
    tables = _measure_tables(population.case_id, starts, args.depth, args.seed)
    whole = _measure_whole(population.case_id, starts, args.depth, args.seed, args.full_loads)
    _report_latency(tables, whole, args.depth)
    if memory is not None:
        _report_memory(memory)


# ---------------------------------------------------------------------------------------
# Building the network


def _fingerprint(*, nodes: int, relations: int, seed: int) -> dict[str, Any]:
    schema = hashlib.sha256()
    for migration in sorted((Path(network.__file__).parent / "migrations").glob("0*.py")):
        schema.update(migration.read_bytes())
    return {
        "generator_version": GENERATOR_VERSION,
        "nodes": nodes,
        "relations": relations,
        "seed": seed,
        "network_schema": schema.hexdigest(),
    }


def ensure_population(
    *, nodes: int, relations: int, seed: int, meta_path: Path, regenerate: bool = False
) -> Population:
    """The benchmark network, reused when the database still holds the same one."""
    call_command("migrate", verbosity=0, interactive=False)
    fingerprint = _fingerprint(nodes=nodes, relations=relations, seed=seed)
    if not regenerate and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        case_id = meta["case_id"]
        # The matching benchmark rebuilds the database file when its own settings change,
        # so the meta file alone proves nothing: count what is there.
        if (
            meta["fingerprint"] == fingerprint
            and NetworkPerson.objects.filter(case_id=case_id).count() == nodes
            and Relation.objects.filter(case_id=case_id).count() == relations
        ):
            return Population(
                case_id, meta["first_id"], nodes, relations, meta["generation_seconds"], True
            )
    meta_path.unlink(missing_ok=True)
    print(
        f"Building the benchmark network: {nodes:,} network persons, {relations:,} relations ...",
        flush=True,
    )
    started = time.perf_counter()
    population = generate(nodes=nodes, relations=relations, seed=seed)
    seconds = time.perf_counter() - started
    meta_path.write_text(
        json.dumps(
            {
                "fingerprint": fingerprint,
                "case_id": population.case_id,
                "first_id": population.first_id,
                "generation_seconds": seconds,
            }
        )
    )
    return Population(population.case_id, population.first_id, nodes, relations, seconds, False)


def generate(
    *, nodes: int, relations: int, seed: int, progress: Callable[[str], None] | None = None
) -> Population:
    """Write one benchmark case with ``nodes`` network persons and exactly ``relations``
    relations, streamed in blocks of ``BLOCK`` nodes (memory stays bounded). Earlier
    benchmark cases are removed first."""
    if nodes < 2 or relations < 1:
        raise ValueError("the network needs at least two nodes and one relation")
    report = progress or (lambda message: print(message, flush=True))
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            # For the generator only: a benchmark database need not survive a power cut.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-524288")
            cursor.execute("PRAGMA temp_store=MEMORY")
    started = time.perf_counter()
    case, organisation_id, user_id = _bench_case()
    first_id = (NetworkPerson.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1
    shape = _Shape(first_id=first_id, nodes=nodes, relations=relations, seed=seed)
    common = _Common(case.pk, organisation_id, user_id)

    node_writer = _Writer(NetworkPerson, _NODE_COLUMNS)
    for block in shape.blocks():
        node_writer.write(_node_rows(shape, block, common))
    node_writer.flush()
    report(f"  {nodes:,} network persons written in {time.perf_counter() - started:.1f} s")

    relation_writer = _Writer(Relation, _RELATION_COLUMNS)
    written = 0
    first_relation = (Relation.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1
    for block in shape.blocks():
        budget = shape.relations_until(block) - written
        for source, target, kind, direction, nature in _relations(shape, block, budget):
            relation_writer.add(
                (
                    first_relation + written,
                    common.case_id,
                    source,
                    target,
                    kind,
                    direction,
                    nature,
                    _pick(block.rng, _RELIABILITY),
                    common.organisation_id,
                    None,
                    None,
                    common.dates[block.rng.randrange(len(common.dates))],
                    "",
                    common.user_id,
                    common.created_at,
                    1,
                )
            )
            written += 1
        if block.index % 10 == 9:
            report(f"  {written:,} relations written in {time.perf_counter() - started:.1f} s")
    relation_writer.flush()
    return Population(case.pk, first_id, nodes, written, time.perf_counter() - started, False)


def _bench_case() -> tuple[Case, int, int]:
    """The benchmark case with its lead and source organisation; earlier ones removed.

    A Case needs a subject: the first subject of the database is reused (the matching
    benchmark's population), because another subject would make the matching benchmark
    count one person too many and rebuild. An empty database gets a fictional one."""
    lead, _ = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"full_name": "Bench lead"})
    old = list(Case.objects.filter(lead=lead).values_list("pk", flat=True))
    if old:
        with transaction.atomic(), connection.cursor() as cursor:
            # Raw deletes: the ORM's cascade would load millions of rows first.
            for model in (Relation, NetworkPerson):
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(
                    f"DELETE FROM {table} WHERE case_id IN ({', '.join(['%s'] * len(old))})",  # noqa: S608 - table name from the model, ids as parameters
                    old,
                )
            Case.objects.filter(pk__in=old).delete()
    subject = Subject.objects.order_by("pk").first()
    if subject is None:
        region, _ = Region.objects.get_or_create(name="Benchmarkregio netwerk (fictief)")
        municipality, _ = Municipality.objects.get_or_create(
            code="GM9990",
            defaults={"name": "Benchmarkgemeente netwerk (fictief)", "region": region},
        )
        subject = Subject.objects.create(
            municipality=municipality, given_names="Bench", surname="Netwerk", birth_year=2008
        )
    municipality = subject.municipality
    organisation, _ = Organisation.objects.get_or_create(
        name=BENCH_ORGANISATION,
        defaults={
            "kind": Organisation.Kind.OTHER,
            "region": municipality.region,
            "municipality": municipality,
        },
    )
    case = Case.objects.create(subject=subject, municipality=municipality, lead=lead)
    return case, organisation.pk, lead.pk


@dataclass
class _Common:
    case_id: int
    organisation_id: int
    user_id: int

    def __post_init__(self) -> None:
        ops = connection.ops
        self.created_at = ops.adapt_datetimefield_value(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
        first = date(2018, 1, 1)
        self.dates = [ops.adapt_datefield_value(first + timedelta(days=d)) for d in range(3000)]


@dataclass
class _Block:
    index: int
    start: int  # first node id
    size: int
    places: int  # the first `places` ids of the block are places and organisations
    rng: Random

    @property
    def persons(self) -> range:
        return range(self.start + self.places, self.start + self.size)


class _Shape:
    """Where every node is: hubs first, then blocks of persons with their local places.
    Only arithmetic, so a relation can point at any person of any block."""

    def __init__(self, *, first_id: int, nodes: int, relations: int, seed: int) -> None:
        self.first_id, self.nodes, self.relations, self.seed = first_id, nodes, relations, seed
        self.hubs = max(1, nodes // HUBS_PER_NODES)
        self.rest = nodes - self.hubs
        self.block_count = max(1, math.ceil(self.rest / BLOCK))

    def block(self, index: int, purpose: str) -> _Block:
        start = self.first_id + self.hubs + index * BLOCK
        size = min(BLOCK, self.rest - index * BLOCK)
        places = max(1, round(size * PLACE_SHARE)) if size > 2 else 0
        return _Block(index, start, size, places, _rng(f"{self.seed}:{index}:{purpose}"))

    def blocks(self) -> Iterator[_Block]:
        for index in range(self.block_count):
            yield self.block(index, "relations")

    def relations_until(self, block: _Block) -> int:
        """The relations of all blocks up to this one, so the total is exact."""
        done = block.start + block.size - self.first_id
        return self.relations * done // self.nodes

    def random_person(self, rng: Random) -> int:
        block = self.block(rng.randrange(self.block_count), "any")
        if block.places >= block.size:
            return block.start
        return rng.randrange(block.start + block.places, block.start + block.size)


def _rng(label: str) -> Random:
    """A reproducible generator per block and purpose (fictional data, nothing secret)."""
    return Random(label)  # noqa: S311 - reproducibility is the point here


def _families(shape: _Shape, block: _Block) -> list[tuple[list[int], list[int]]]:
    """The block's persons as families of (parents, children); same every time."""
    rng = shape.block(block.index, "families").rng
    families: list[tuple[list[int], list[int]]] = []
    ids = list(block.persons)
    position = 0
    while position < len(ids):
        size = rng.choices(_FAMILY_SIZES, weights=_FAMILY_WEIGHTS)[0]
        members = ids[position : position + size]
        position += size
        if len(members) == 1:
            families.append((members, []))
        elif len(members) == 2:
            split = 2 if rng.random() < 0.6 else 1  # a couple, or a parent and a child
            families.append((members[:split], members[split:]))
        else:
            split = 1 if rng.random() < 0.25 else 2  # a single parent, or two
            families.append((members[:split], members[split:]))
    return families


# ---------------------------------------------------------------------------------------
# Rows

_NODE_COLUMNS = (
    "id",
    "case",
    "kind",
    "name",
    "birth_year",
    "minor",
    "represents_case_subject",
    "note",
    "subject",
    "subject_link_reason",
    "subject_linked_by",
    "source_organisation",
    "created_by",
    "created_at",
    "version",
)
_RELATION_COLUMNS = (
    "id",
    "case",
    "source",
    "target",
    "kind",
    "direction",
    "nature",
    "reliability",
    "source_organisation",
    "started_on",
    "ended_on",
    "observed_on",
    "note",
    "created_by",
    "created_at",
    "version",
)


class _Writer:
    """Rows into one table with raw multi-row INSERTs, a transaction per statement batch:
    several times faster than bulk_create, which builds a model instance per row."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        by_name = {f.name: f.column or f.name for f in model._meta.concrete_fields}
        if set(by_name) != set(fields):
            # A new column would otherwise be left to a default the raw INSERT never sets.
            raise RuntimeError(
                f"{model.__name__} has changed: {sorted(set(by_name) ^ set(fields))}"
            )
        columns = ", ".join(connection.ops.quote_name(by_name[f]) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        placeholders = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
        self.rows: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROWS_PER_STATEMENT:
            self.flush()

    def write(self, rows: Iterator[tuple[Any, ...]]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if self.rows:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
            self.rows = []


def _node_rows(shape: _Shape, block: _Block, common: _Common) -> Iterator[tuple[Any, ...]]:
    def row(pk: int, kind: str, name: str, birth_year: int | None, centre: bool) -> tuple[Any, ...]:
        return (
            pk,
            common.case_id,
            kind,
            name,
            birth_year,
            None,
            centre,
            "",
            None,
            "",
            None,
            common.organisation_id,
            common.user_id,
            common.created_at,
            1,
        )

    rng = shape.block(block.index, "nodes").rng
    if block.index == 0:
        for hub in range(shape.hubs):
            name = f"Bench {'school' if hub % 2 == 0 else 'association'} {hub + 1}"
            yield row(shape.first_id + hub, NodeKind.ORGANISATION, name, None, False)
    for pk in range(block.start, block.start + block.places):
        kind = NodeKind.PLACE if rng.random() < 0.6 else NodeKind.ORGANISATION
        yield row(pk, kind, f"Bench place {pk - shape.first_id}", None, False)
    centre = block.index == 0
    for parents, children in _families(shape, block):
        for pk in parents:
            year = rng.randint(1955, 1992) if children else rng.randint(1960, 2006)
            yield row(pk, NodeKind.PERSON, f"Bench {pk - shape.first_id}", year, centre)
            centre = False  # the first person of the case is its subject's node
        for pk in children:
            year = rng.randint(1998, 2022)
            yield row(pk, NodeKind.PERSON, f"Bench {pk - shape.first_id}", year, False)


RelationTuple = tuple[int, int, str, str, str]


def _relations(shape: _Shape, block: _Block, budget: int) -> Iterator[RelationTuple]:
    """Exactly ``budget`` relations from this block: family and membership ties first, then
    friends and other ties until the budget is spent."""
    if budget <= 0:
        return
    structural = _structural(shape, block)
    yield from structural[:budget]
    rng = block.rng
    persons = block.persons
    if not persons:
        persons = range(block.start, block.start + block.size)
    members = _members(structural, block)
    own_places = _places_of(structural, block)
    for _ in range(budget - len(structural)):
        person = persons[rng.randrange(len(persons))]
        draw = rng.random()
        if draw < 0.55 and person in own_places:
            place = rng.choice(own_places[person])
            other = rng.choice(members[place])
            kind = RelationKind.SCHOOL_WORK if rng.random() < 0.4 else RelationKind.FRIEND
            direction, nature = Direction.MUTUAL, _pick(rng, _FAMILY_NATURE)
        elif draw < 0.75:
            offset = person - persons.start + rng.randint(-500, 500)
            other = persons[min(max(offset, 0), len(persons) - 1)]
            kind, direction, nature = RelationKind.FRIEND, Direction.MUTUAL, Nature.UNKNOWN
        elif draw < 0.92:
            other = shape.random_person(rng)
            kind, direction, nature = RelationKind.ONLINE, Direction.MUTUAL, Nature.UNKNOWN
        else:
            other = shape.random_person(rng)
            kind, direction, nature = rng.choice(_RARE)
        if other == person:
            other = block.start if person != block.start else block.start + block.size - 1
        yield person, other, kind, direction, nature


_RARE = (
    (RelationKind.RECRUITER, Direction.SOURCE_TO_TARGET, Nature.RISK),
    (RelationKind.MENTOR, Direction.SOURCE_TO_TARGET, Nature.PROTECTIVE),
    (RelationKind.PROFESSIONAL, Direction.MUTUAL, Nature.PROTECTIVE),
    (RelationKind.CO_TRAVELLER, Direction.MUTUAL, Nature.RISK),
    (RelationKind.FRIEND, Direction.MUTUAL, Nature.AMBIVALENT),
)


def _structural(shape: _Shape, block: _Block) -> list[RelationTuple]:
    """Family ties, cousins, and who goes to which place (school, club, work, hub)."""
    rng = block.rng
    edges: list[RelationTuple] = []
    families = _families(shape, block)
    places = list(range(block.start, block.start + block.places))
    # Zipf-like sizes: a few large local places (a secondary school), many small ones.
    weights = [1 / (rank**0.8) for rank in range(1, len(places) + 1)]
    hub_ids = range(shape.first_id, shape.first_id + shape.hubs)
    for number, (parents, children) in enumerate(families):
        if len(parents) == 2:
            edges.append(
                (
                    parents[0],
                    parents[1],
                    RelationKind.PARTNER,
                    Direction.MUTUAL,
                    _pick(rng, _FAMILY_NATURE),
                )
            )
        for parent in parents:
            for child in children:
                edges.append(
                    (
                        parent,
                        child,
                        RelationKind.PARENT,
                        Direction.SOURCE_TO_TARGET,
                        _pick(rng, _FAMILY_NATURE),
                    )
                )
        for i, first in enumerate(children):
            for second in children[i + 1 :]:
                edges.append(
                    (
                        first,
                        second,
                        RelationKind.SIBLING,
                        Direction.MUTUAL,
                        _pick(rng, _FAMILY_NATURE),
                    )
                )
        if number > 0 and rng.random() < 0.35:
            cousins = families[max(0, number - rng.randint(1, 20))]
            one = rng.choice(parents + children)
            other = rng.choice(cousins[0] + cousins[1])
            edges.append((one, other, RelationKind.OTHER_FAMILY, Direction.MUTUAL, Nature.UNKNOWN))
        for person in parents + children:
            joins = 1 if person in children else (rng.random() < 0.8) + (rng.random() < 0.3)
            for place in rng.choices(places, weights=weights, k=joins) if places else []:
                edges.append((person, place, RelationKind.PLACE, Direction.MUTUAL, Nature.UNKNOWN))
            if rng.random() < HUB_MEMBERSHIP:
                hub = hub_ids[rng.randrange(len(hub_ids))]
                edges.append((person, hub, RelationKind.PLACE, Direction.MUTUAL, Nature.UNKNOWN))
    return edges


def _members(structural: list[RelationTuple], block: _Block) -> dict[int, list[int]]:
    local = range(block.start, block.start + block.places)
    members: dict[int, list[int]] = {}
    for source, target, kind, _direction, _nature in structural:
        if kind == RelationKind.PLACE and target in local:
            members.setdefault(target, []).append(source)
    return members


def _places_of(structural: list[RelationTuple], block: _Block) -> dict[int, list[int]]:
    local = range(block.start, block.start + block.places)
    places: dict[int, list[int]] = {}
    for source, target, kind, _direction, _nature in structural:
        if kind == RelationKind.PLACE and target in local:
            places.setdefault(source, []).append(target)
    return places


def _pick(rng: Random, weighted: Sequence[tuple[str, int]]) -> str:
    values = [value for value, _ in weighted]
    return rng.choices(values, weights=[weight for _, weight in weighted])[0]


# ---------------------------------------------------------------------------------------
# Measuring


@dataclass
class Sample:
    fetch_ms: list[float]
    analyse_ms: list[float]
    nodes: list[int]
    edges: list[int]
    queries: list[int]
    shapes: list[tuple[frozenset[int], frozenset[int]]]


def _start_nodes(population: Population, count: int, rng: Random) -> list[int]:
    candidates = rng.sample(
        range(population.first_id, population.first_id + population.nodes),
        min(population.nodes, count * 4),
    )
    persons = set(
        NetworkPerson.objects.filter(
            case_id=population.case_id, kind=NodeKind.PERSON, pk__in=candidates
        ).values_list("pk", flat=True)
    )
    return [pk for pk in candidates if pk in persons][:count]


def analyse(graph: nx.MultiGraph, seed: int) -> tuple[dict[int, int], dict[int, float]]:
    """What the page computes on a neighbourhood: degree and betweenness (sampled over
    ``BETWEENNESS_PIVOTS`` start nodes when the graph is larger, so a hub stays fast)."""
    degree = dict(graph.degree())
    pivots = BETWEENNESS_PIVOTS if graph.number_of_nodes() > BETWEENNESS_PIVOTS else None
    betweenness = nx.betweenness_centrality(graph, k=pivots, seed=seed)
    return degree, betweenness


def _shape_of(graph: nx.MultiGraph) -> tuple[frozenset[int], frozenset[int]]:
    return frozenset(graph.nodes), frozenset(key for _u, _v, key in graph.edges(keys=True))


def _measure_tables(case_id: int, starts: list[int], depth: int, seed: int) -> Sample:
    sample = Sample([], [], [], [], [], [])
    # Warm the page cache and count the queries, untimed (counting slows the cursor).
    for node in starts:
        with CaptureQueriesContext(connection) as queries:
            graph = neighbourhood_from_tables(case_id, node, depth)
        sample.queries.append(len(queries.captured_queries))
        sample.shapes.append(_shape_of(graph))
    for node in starts:
        started = time.perf_counter()
        graph = neighbourhood_from_tables(case_id, node, depth)
        fetched = time.perf_counter()
        analyse(graph, seed)
        done = time.perf_counter()
        sample.fetch_ms.append(1000 * (fetched - started))
        sample.analyse_ms.append(1000 * (done - fetched))
        sample.nodes.append(graph.number_of_nodes())
        sample.edges.append(graph.number_of_edges())
    return sample


@dataclass
class Whole:
    load_ms: list[float]
    graph_nodes: int
    graph_edges: int
    sample: Sample


def _measure_whole(case_id: int, starts: list[int], depth: int, seed: int, loads: int) -> Whole:
    load_ms: list[float] = []
    graph = nx.MultiGraph()
    for _ in range(max(1, loads)):
        del graph
        gc.collect()
        started = time.perf_counter()
        graph = case_graph(case_id)
        load_ms.append(1000 * (time.perf_counter() - started))
    sample = Sample([], [], [], [], [], [])
    for node in starts:
        started = time.perf_counter()
        ego = nx.ego_graph(graph, node, radius=depth)
        fetched = time.perf_counter()
        analyse(ego, seed)
        done = time.perf_counter()
        sample.fetch_ms.append(1000 * (fetched - started))
        sample.analyse_ms.append(1000 * (done - fetched))
        sample.nodes.append(ego.number_of_nodes())
        sample.edges.append(ego.number_of_edges())
        sample.shapes.append(_shape_of(ego))
    whole = Whole(load_ms, graph.number_of_nodes(), graph.number_of_edges(), sample)
    del graph
    gc.collect()
    return whole


def _percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _row(label: str, values: Sequence[float]) -> None:
    print(f"  {label:<50} {_percentile(values, 0.5):>10,.1f} {_percentile(values, 0.95):>10,.1f}")


def _report_latency(tables: Sample, whole: Whole, depth: int) -> None:
    a_total = [f + a for f, a in zip(tables.fetch_ms, tables.analyse_ms, strict=True)]
    load = _percentile(whole.load_ms, 0.5)
    b_warm = [f + a for f, a in zip(whole.sample.fetch_ms, whole.sample.analyse_ms, strict=True)]
    b_total = [load + value for value in b_warm]
    same = sum(a == b for a, b in zip(tables.shapes, whole.sample.shapes, strict=True))

    print(f"Depth-{depth} neighbourhood of {len(tables.nodes)} start nodes (ms)")
    print(f"  {'':<50} {'p50':>10} {'p95':>10}")
    _row("(a) fetch from the tables", tables.fetch_ms)
    _row("(a) analyse (degree + betweenness)", tables.analyse_ms)
    _row("(a) total", a_total)
    _row(f"(b) load the whole case into networkx (x{len(whole.load_ms)})", whole.load_ms)
    _row("(b) ego_graph on the loaded graph", whole.sample.fetch_ms)
    _row("(b) analyse (degree + betweenness)", whole.sample.analyse_ms)
    _row("(b) total per request (p50 load + ego + analyse)", b_total)
    ratio_50 = _percentile(b_total, 0.5) / _percentile(a_total, 0.5)
    ratio_95 = _percentile(b_total, 0.95) / _percentile(a_total, 0.95)
    print(f"  {'ratio (b) / (a), per request':<50} {ratio_50:>10,.1f} {ratio_95:>10,.1f}")
    ratio_50 = _percentile(b_warm, 0.5) / _percentile(a_total, 0.5)
    ratio_95 = _percentile(b_warm, 0.95) / _percentile(a_total, 0.95)
    print(
        f"  {'ratio (b) / (a), graph kept in memory (no load)':<50} "
        f"{ratio_50:>10,.2f} {ratio_95:>10,.2f}"
    )
    print(
        f"  whole graph: {whole.graph_nodes:,} nodes, {whole.graph_edges:,} relations; "
        f"same neighbourhood both ways: {same}/{len(tables.shapes)}"
    )
    for label, values in (("nodes", tables.nodes), ("relations", tables.edges)):
        print(
            f"  neighbourhood {label:<10} p50 {_percentile(values, 0.5):>8,.0f}   "
            f"p95 {_percentile(values, 0.95):>8,.0f}   max {max(values):>8,}"
        )
    print(
        f"  queries per neighbourhood (a): p50 {_percentile(tables.queries, 0.5):,.0f}, "
        f"max {max(tables.queries):,}"
    )
    print()


# Memory: each side in a fresh process, so that neither inherits the other's heap (or the
# generator's). Two probes per side: ru_maxrss without tracing (what the OS gave the
# process), and tracemalloc's peak (Python's own allocations; tracing slows the run).


def _memory(
    side: str, mode: str, case_id: int, starts: list[int], depth: int, seed: int
) -> dict[str, float] | None:
    command = [
        sys.executable,
        "-m",
        "bench",
        "network",
        "--probe",
        f"{side}:{mode}",
        "--probe-case",
        str(case_id),
        "--probe-nodes",
        ",".join(str(n) for n in starts),
        "--depth",
        str(depth),
        "--seed",
        str(seed),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own interpreter and module
    if done.returncode != 0:
        # A figure missing is better than the other figures lost: say why, and go on.
        print(f"  probe {side}:{mode} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _probe(probe: str, case_id: int, starts: list[int], depth: int, seed: int) -> dict[str, float]:
    side, mode = probe.split(":")
    NetworkPerson.objects.filter(pk=starts[0]).exists()  # connect before the baseline
    gc.collect()
    baseline = _resident_mib("VmRSS")
    _reset_peak()
    if mode == "tracemalloc":
        tracemalloc.start()
    started = time.perf_counter()
    if side == "tables":
        for node in starts:
            analyse(neighbourhood_from_tables(case_id, node, depth), seed)
    else:
        graph = case_graph(case_id)
        for node in starts:
            analyse(nx.ego_graph(graph, node, radius=depth), seed)
    result = {"seconds": time.perf_counter() - started, "baseline_mib": baseline}
    if mode == "tracemalloc":
        result["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        result["peak_rss_mib"] = _resident_mib("VmHWM")
    return result


def _resident_mib(field: str) -> float:
    """VmRSS (now) or VmHWM (the peak, the counter ru_maxrss reads) of this process."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start the peak from here, not from Django's start-up (Linux: clear_refs 5)."""
    # Elsewhere the peak includes start-up, and the growth reads low.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


Probe = dict[str, float] | None
MemoryFigures = dict[str, tuple[Probe, Probe]]


def _probe_memory(case_id: int, starts: list[int], depth: int, seed: int) -> MemoryFigures:
    print("Measuring memory in fresh processes (the whole graph twice) ...", flush=True)
    return {
        side: (
            _memory(side, "rss", case_id, starts, depth, seed),
            _memory(side, "tracemalloc", case_id, starts, depth, seed),
        )
        for side in ("tables", "whole")
    }


def _report_memory(figures: MemoryFigures) -> None:
    print("Peak memory, each side in a fresh process over the same start nodes (MiB)")
    print(f"  {'':<34} {'tracemalloc peak':>17} {'peak RSS':>10} {'RSS growth':>11}")
    peaks: dict[str, tuple[float, float]] = {}
    labels = {"tables": "(a) from the tables", "whole": "(b) whole graph + ego_graph"}
    for side, (rss, traced) in figures.items():
        traced_peak = traced["traced_peak_mib"] if traced else math.nan
        peak = rss["peak_rss_mib"] if rss else math.nan
        grown = peak - rss["baseline_mib"] if rss else math.nan
        peaks[side] = (traced_peak, grown)
        print(f"  {labels[side]:<34} {traced_peak:>17,.1f} {peak:>10,.1f} {grown:>11,.1f}")
    traced_ratio = peaks["whole"][0] / peaks["tables"][0]
    rss_ratio = peaks["whole"][1] / max(peaks["tables"][1], 0.1)
    print(f"  {'ratio (b) / (a)':<34} {traced_ratio:>17,.0f} {'':>10} {rss_ratio:>11,.0f}")
    print(
        "  tracemalloc peak: Python allocations traced during the work (a run of its own,\n"
        "  as tracing slows it). Peak RSS: the process's peak resident set (Linux VmHWM, the\n"
        "  counter ru_maxrss reads, reset when the work starts); RSS growth: that peak minus\n"
        "  the resident set after Django had started and connected."
    )
    print()
