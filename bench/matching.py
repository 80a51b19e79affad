"""The matching benchmark behind ``make bench``: figures, not a test (it asserts nothing).

1. Builds var/bench/schakel.sqlite3 (never the application's database): a fictional
   population of 10^6 people, some thousands of whom have a planted variant, i.e. the way a
   second report about the same person may be written. A second run reuses the database
   when it was built with the same settings and the same matching keys.
2. Asks "already known?" (``persons.matching.find_candidates``) for planted variants and
   for unrelated people, and prints recall and precision on the planted pairs.
3. Prints the p50/p95 latency of one check next to that of the raw indexed SELECT of the
   same block (the rows the check reads, without comparing them), and their ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction

import persons
from accounts.models import Municipality, Region
from bench.population import Generator, Person, kinds, plant, seeded
from persons.matching import Candidate, PersonQuery, Strength, block_rows, find_candidates
from persons.models import Subject
from persons.names import KEY_VERSION, fold, surname_key

# Raise when the population or the planting changes, so that old databases are rebuilt.
GENERATOR_VERSION = 2
MUNICIPALITIES = 12
BATCH = 20_000
# Originals are drawn from a reserve of random people, several per planted pair, because
# not every person fits every variant (a swapped date needs a day of 12 or less).
RESERVE_PER_PAIR = 6


@dataclass(frozen=True)
class Planted:
    kind: str
    subject_id: int
    query: PersonQuery


@dataclass(frozen=True)
class Built:
    planted: list[Planted]
    generation_seconds: float
    reused: bool


def run(argv: Sequence[str], *, data_dir: Path) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--planted", type=int, default=3_000, help="planted pairs")
    parser.add_argument("--queries", type=int, default=1_000, help="queries of each kind")
    parser.add_argument("--seed", type=int, default=20_241_129)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the database")
    args = parser.parse_args(argv)

    data_dir.mkdir(parents=True, exist_ok=True)
    built = _database(
        people=args.people,
        pairs=args.planted,
        seed=args.seed,
        data_dir=data_dir,
        regenerate=args.regenerate,
    )
    rng = seeded(args.seed + 2)
    planted = rng.sample(built.planted, min(args.queries, len(built.planted)))
    strangers = Generator(seed=args.seed + 3, municipalities=MUNICIPALITIES, first_bsn=90_000_000)
    unrelated = [_query(strangers.person()) for _ in range(args.queries)]

    print("Matching benchmark: fictional people; figures, not a test.")
    print(f"  database    {data_dir / 'schakel.sqlite3'}")
    print(f"  population  {args.people:,} people, {len(built.planted):,} planted pairs")
    how = "reused, built earlier in" if built.reused else "built in"
    print(f"  generation  {how} {built.generation_seconds:.1f} s")
    print(
        f"  queries     {len(planted):,} planted variants and {len(unrelated):,} unrelated people"
    )
    print()

    timings = measure([p.query for p in planted] + unrelated)
    _report_quality(planted, unrelated, timings.candidates)
    report_latency(timings)


# ---------------------------------------------------------------------------------------
# Building the database


def _fingerprint(*, people: int, pairs: int, seed: int) -> dict[str, Any]:
    migrations = Path(persons.__file__).parent / "migrations"
    schema = hashlib.sha256()
    for migration in sorted(migrations.glob("0*.py")):
        schema.update(migration.read_bytes())
    return {
        "generator_version": GENERATOR_VERSION,
        "key_version": KEY_VERSION,
        "people": people,
        "pairs": pairs,
        "seed": seed,
        "persons_schema": schema.hexdigest(),
    }


def _database(*, people: int, pairs: int, seed: int, data_dir: Path, regenerate: bool) -> Built:
    meta_path = data_dir / "matching.json"
    fingerprint = _fingerprint(people=people, pairs=pairs, seed=seed)
    if not regenerate and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta["fingerprint"] == fingerprint:
            call_command("migrate", verbosity=0, interactive=False)
            if Subject.objects.count() == people:
                return Built(
                    planted=[
                        Planted(p["kind"], p["subject_id"], PersonQuery(**p["query"]))
                        for p in meta["planted"]
                    ],
                    generation_seconds=meta["generation_seconds"],
                    reused=True,
                )
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        (data_dir / f"schakel.sqlite3{suffix}").unlink(missing_ok=True)
    meta_path.unlink(missing_ok=True)

    print(f"Building the benchmark database: {people:,} fictional people ...", flush=True)
    started = time.perf_counter()
    planted = _generate(people=people, pairs=pairs, seed=seed)
    seconds = time.perf_counter() - started
    meta_path.write_text(
        json.dumps(
            {
                "fingerprint": fingerprint,
                "generation_seconds": seconds,
                "planted": [
                    {
                        "kind": p.kind,
                        "subject_id": p.subject_id,
                        "query": dataclasses.asdict(p.query),
                    }
                    for p in planted
                ],
            },
            ensure_ascii=False,
        )
    )
    return Built(planted=planted, generation_seconds=seconds, reused=False)


def _generate(*, people: int, pairs: int, seed: int) -> list[Planted]:
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        # For the generator only: a benchmark database need not survive a power cut.
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-524288")
        cursor.execute("PRAGMA temp_store=MEMORY")
    region = Region.objects.create(name="Benchmarkregio (fictief)")
    municipality_ids = [
        Municipality.objects.create(
            name=f"Benchmarkgemeente {number}", code=f"GM8{number:03d}", region=region
        ).pk
        for number in range(1, MUNICIPALITIES + 1)
    ]
    generator = Generator(seed=seed, municipalities=MUNICIPALITIES)
    reserve = set(seeded(seed + 1).sample(range(people), min(people, pairs * RESERVE_PER_PAIR)))
    originals: dict[int, Person] = {}
    batch: list[Subject] = []
    for index in range(people):
        person = generator.person()
        subject_id = index + 1
        if index in reserve:
            originals[subject_id] = person
        subject = Subject(
            pk=subject_id,
            municipality_id=municipality_ids[person.municipality],
            given_names=person.given_names,
            surname_prefix=person.surname_prefix,
            surname=person.surname,
            birth_year=person.birth_year,
            birth_month=person.birth_month,
            birth_day=person.birth_day,
            bsn=person.bsn,
            bsn_legal_basis="Benchmark (fictief)" if person.bsn else "",
        )
        # bulk_create bypasses save(), which is where the keys are normally refreshed.
        subject.refresh_match_keys()
        batch.append(subject)
        if len(batch) == BATCH:
            _insert(batch)
            batch = []
    _insert(batch)
    return _plant(originals, pairs=pairs, rng=seeded(seed + 4))


def _insert(batch: list[Subject]) -> None:
    with transaction.atomic():
        Subject.objects.bulk_create(batch)


def _plant(originals: dict[int, Person], *, pairs: int, rng: Random) -> list[Planted]:
    """Round-robin over the kinds of variant, each original used once."""
    planted: list[Planted] = []
    pool = list(originals.items())
    rng.shuffle(pool)
    for kind in _cycle(kinds(), pairs):
        for position, (subject_id, person) in enumerate(pool):
            variant = plant(person, kind, rng)
            if variant is not None:
                planted.append(Planted(kind, subject_id, _query(variant)))
                del pool[position]
                break
    return planted


def _cycle(items: list[str], count: int) -> list[str]:
    return [items[index % len(items)] for index in range(count)]


def _query(person: Person) -> PersonQuery:
    return PersonQuery(
        surname=person.surname,
        given_names=person.given_names,
        surname_prefix=person.surname_prefix,
        birth_year=person.birth_year,
        birth_month=person.birth_month,
        birth_day=person.birth_day,
        bsn=person.bsn,
    )


# ---------------------------------------------------------------------------------------
# Measuring


@dataclass
class Timings:
    check_ns: list[int]
    raw_ns: list[int]
    block_rows: list[int]
    candidates: list[list[Candidate]]


def measure(queries: list[PersonQuery]) -> Timings:
    statements = [block_rows(query).query.sql_with_params() for query in queries]
    timings = Timings([], [], [], [])
    with connection.cursor() as cursor:
        # Warm the page cache once, so that neither side pays for the first disk read.
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
        for query, (sql, params) in zip(queries, statements, strict=True):
            started = time.perf_counter_ns()
            candidates = find_candidates(query)
            timings.check_ns.append(time.perf_counter_ns() - started)
            started = time.perf_counter_ns()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            timings.raw_ns.append(time.perf_counter_ns() - started)
            timings.block_rows.append(len(rows))
            timings.candidates.append(candidates)
    return timings


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} % ({part:,}/{whole:,})" if whole else "n/a"


def _identity(subject_id: int) -> tuple[object, ...]:
    row = Subject.objects.values_list(
        "given_names", "surname_prefix", "surname", "birth_year", "birth_month", "birth_day"
    ).get(pk=subject_id)
    given, prefix, surname, *date = row
    return (fold(given), surname_key(prefix, surname), *date)


def _report_quality(
    planted: list[Planted], unrelated: list[PersonQuery], found: list[list[Candidate]]
) -> None:
    planted_found, unrelated_found = found[: len(planted)], found[len(planted) :]
    hits = strong_hits = returned = strong_returned = true_strong = look_alikes = 0
    per_kind: Counter[str] = Counter()
    per_kind_hits: Counter[str] = Counter()
    per_kind_strong: Counter[str] = Counter()
    for pair, candidates in zip(planted, planted_found, strict=True):
        per_kind[pair.kind] += 1
        returned += len(candidates)
        strong_returned += sum(c.strength == Strength.STRONG for c in candidates)
        match = next((c for c in candidates if c.subject_id == pair.subject_id), None)
        if match is not None:
            hits += 1
            per_kind_hits[pair.kind] += 1
            if match.strength == Strength.STRONG:
                strong_hits += 1
                true_strong += 1
                per_kind_strong[pair.kind] += 1
        original = _identity(pair.subject_id)
        look_alikes += sum(
            c.subject_id != pair.subject_id and _identity(c.subject_id) == original
            for c in candidates
        )

    print("Quality on the planted pairs")
    print(f"  recall                    {_share(hits, len(planted))} planted person found")
    print(f"  recall as strong          {_share(strong_hits, len(planted))}")
    print(
        f"  precision                 {_share(hits, returned)} of candidates are the planted person"
    )
    print(f"  precision of strong       {_share(true_strong, strong_returned)}")
    print(
        f"  look-alikes               {look_alikes:,} other candidate(s) with exactly the "
        "planted person's names and date (indistinguishable by identity)"
    )
    with_any = sum(bool(c) for c in unrelated_found)
    with_strong = sum(any(x.strength == Strength.STRONG for x in c) for c in unrelated_found)
    total = sum(len(c) for c in unrelated_found)
    print(
        f"  unrelated people          {with_any:,}/{len(unrelated):,} queries returned a "
        f"candidate ({with_strong:,} a strong one; {total:,} candidates in all)"
    )
    print()
    print(f"  {'variant':<34} {'queries':>7} {'found':>7} {'strong':>7}")
    for kind in kinds():
        if per_kind[kind]:
            print(
                f"  {kind:<34} {per_kind[kind]:>7} {per_kind_hits[kind]:>7} "
                f"{per_kind_strong[kind]:>7}"
            )
    print()


def report_latency(timings: Timings) -> None:
    check = [ns / 1e6 for ns in timings.check_ns]
    raw = [ns / 1e6 for ns in timings.raw_ns]
    print(f"Latency of one check over {len(check):,} queries (ms)")
    print(f"  {'':<34} {'p50':>8} {'p95':>8}")
    for label, values in (("find_candidates", check), ("raw indexed SELECT of the block", raw)):
        print(f"  {label:<34} {percentile(values, 0.5):>8.2f} {percentile(values, 0.95):>8.2f}")
    ratio_50 = percentile(check, 0.5) / percentile(raw, 0.5)
    ratio_95 = percentile(check, 0.95) / percentile(raw, 0.95)
    print(f"  {'ratio (check / raw)':<34} {ratio_50:>8.1f} {ratio_95:>8.1f}")
    rows = timings.block_rows
    print(
        f"  rows read per check: p50 {percentile(rows, 0.5):,.0f}, "
        f"p95 {percentile(rows, 0.95):,.0f}, max {max(rows):,}"
    )
