"""``python -m bench matching-held-out [--people N ...] [--million]``: the identity matcher on
a held-out evaluation set (issue 22): figures, not a test (it asserts nothing).

``make bench``'s matching benchmark plants variants made from the matcher's own ideas; this
one is made apart from them (``bench.held_out``, ``bench.held_out_queries``: own names,
spellings, typos and folding). For each register size (10^4 and 10^5 people by default;
``--million`` adds 10^6, which takes long to build):

1. Builds a register of fictional people in ``var/bench/held-out/people-<N>.sqlite3``, never
   the application's database, with ``Subject``'s own match keys. A second run reuses it when
   it was built with the same settings, generator version, match keys and persons schema.
2. Asks ``persons.matching.find_candidates`` for every labelled query: ``--queries`` of each
   kind of variation (exact copy, a typo, an initial, a transliteration, dropped accents, date
   variants, partial queries, prefix and order variants, a double surname shortened) and
   ``--nobody`` queries about people who are not in the register, with common names (half
   with a full date, the others with 1 January, a year only or no date; none shares names
   and date, or names and year where the date is not full, with anyone in the register).
3. Prints, per kind and overall, precision, recall and F1 for "strong" candidates alone and
   for "strong + possible": a query about someone is found when that person is among the
   candidates; every other candidate is a wrong one. Precision = found / (found + wrong),
   recall = found / queries. The overall line "with nobody" also counts the candidates that
   queries about nobody brought as wrong. "Look-alikes" are wrong candidates with the same
   first given name, surname and date as the person asked about: no matcher can tell them
   apart by name and date. Then the share of queries about nobody with a strong (and with
   any) candidate, and the p50/p95 latency of a check next to the raw indexed SELECT of its
   block (as ``bench.matching`` measures it).

Examples: ``python -m bench matching-held-out --people 10000``;
``python -m bench matching-held-out --million --queries 300 --nobody 2000``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction

import persons
from accounts.models import Municipality, Region
from bench.held_out import NOBODY, Generator, Person, Query, seeded
from bench.held_out_queries import KINDS, Labelled, labelled_queries
from bench.matching import measure, report_latency
from persons.matching import Candidate, PersonQuery, Strength
from persons.models import Subject
from persons.names import KEY_VERSION

# Raise when the register or the queries change, so that old databases are rebuilt.
HELD_OUT_VERSION = 1
MUNICIPALITIES = 12
BATCH = 20_000
MILLION = 1_000_000
# Queries are drawn from a sample of the register big enough for the rarer kinds (a double
# surname, accents to drop) to find their people.
RESERVE_PER_QUERY = 25
RESERVE_MINIMUM = 5_000


@dataclass(frozen=True)
class Built:
    queries: list[Labelled]
    generation_seconds: float
    reused: bool


def run(argv: Sequence[str], *, data_dir: Path) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench matching-held-out", description=__doc__)
    parser.add_argument(
        "--people", type=int, nargs="+", default=[10_000, 100_000], help="register sizes"
    )
    parser.add_argument("--million", action="store_true", help="also 10^6 people (slow)")
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind")
    parser.add_argument("--nobody", type=int, default=500, help="queries about nobody")
    parser.add_argument("--seed", type=int, default=20_250_622)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the databases")
    args = parser.parse_args(argv)

    sizes = [*args.people, *([MILLION] if args.million and MILLION not in args.people else [])]
    folder = data_dir / "held-out"
    folder.mkdir(parents=True, exist_ok=True)
    print("Held-out matching evaluation: fictional people; figures, not a test.")
    for size in sizes:
        with _database_file(folder / f"people-{size}.sqlite3"):
            built = _database(
                people=size,
                per_kind=args.queries,
                nobody=args.nobody,
                seed=args.seed,
                meta_path=folder / f"people-{size}.json",
                regenerate=args.regenerate,
            )
            how = "reused, built earlier in" if built.reused else "built in"
            about_someone = sum(q.kind != NOBODY for q in built.queries)
            print()
            print(f"Register of {size:,} people ({how} {built.generation_seconds:.1f} s)")
            print(f"  database  {folder / f'people-{size}.sqlite3'}")
            print(
                f"  queries   {about_someone:,} about someone, "
                f"{len(built.queries) - about_someone:,} about nobody"
            )
            print()
            queries = [PersonQuery(**dataclasses.asdict(q.query)) for q in built.queries]
            timings = measure(queries)
            _report_quality(built.queries, timings.candidates)
            report_latency(timings)


@contextmanager
def _database_file(path: Path) -> Iterator[None]:
    """Points the default connection at ``path`` for a while (one file per register size);
    the benchmarks that run after this one get their own database back."""
    settings = connection.settings_dict
    before = settings["NAME"]
    connection.close()
    settings["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = before


# ---------------------------------------------------------------------------------------
# Building the register


def _fingerprint(*, people: int, per_kind: int, nobody: int, seed: int) -> dict[str, Any]:
    schema = hashlib.sha256()
    for migration in sorted((Path(persons.__file__).parent / "migrations").glob("0*.py")):
        schema.update(migration.read_bytes())
    return {
        "held_out_version": HELD_OUT_VERSION,
        "key_version": KEY_VERSION,
        "people": people,
        "per_kind": per_kind,
        "nobody": nobody,
        "seed": seed,
        "persons_schema": schema.hexdigest(),
    }


def _database(
    *, people: int, per_kind: int, nobody: int, seed: int, meta_path: Path, regenerate: bool
) -> Built:
    fingerprint = _fingerprint(people=people, per_kind=per_kind, nobody=nobody, seed=seed)
    if not regenerate and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta["fingerprint"] == fingerprint:
            call_command("migrate", verbosity=0, interactive=False)
            if Subject.objects.count() == people:
                return Built(
                    queries=[
                        Labelled(q["kind"], q["subject_id"], Query(**q["query"]))
                        for q in meta["queries"]
                    ],
                    generation_seconds=meta["generation_seconds"],
                    reused=True,
                )
    connection.close()
    database = Path(connection.settings_dict["NAME"])
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    meta_path.unlink(missing_ok=True)

    print(f"Building the held-out register: {people:,} fictional people ...", flush=True)
    started = time.perf_counter()
    queries = _generate(people=people, per_kind=per_kind, nobody=nobody, seed=seed)
    seconds = time.perf_counter() - started
    meta_path.write_text(
        json.dumps(
            {
                "fingerprint": fingerprint,
                "generation_seconds": seconds,
                "queries": [
                    {
                        "kind": q.kind,
                        "subject_id": q.subject_id,
                        "query": dataclasses.asdict(q.query),
                    }
                    for q in queries
                ],
            },
            ensure_ascii=False,
        )
    )
    return Built(queries=queries, generation_seconds=seconds, reused=False)


def _generate(*, people: int, per_kind: int, nobody: int, seed: int) -> list[Labelled]:
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        # For the generator only: a benchmark database need not survive a power cut.
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA temp_store=MEMORY")
    region = Region.objects.create(name="Benchmarkregio (fictief)")
    municipality_ids = [
        Municipality.objects.create(
            name=f"Benchmarkgemeente {number}", code=f"GM8{number:03d}", region=region
        ).pk
        for number in range(1, MUNICIPALITIES + 1)
    ]
    generator = Generator(seed=seed, municipalities=MUNICIPALITIES)
    size = min(people, RESERVE_PER_QUERY * per_kind + RESERVE_MINIMUM)
    reserve_indices = set(seeded(seed + 1).sample(range(people), size))
    reserve: dict[int, Person] = {}
    # Hashes of every identity, not the identities: a million tuples of strings would not fit
    # comfortably in memory. Used in this process only, so hash randomisation does not matter.
    taken: set[int] = set()
    batch: list[Subject] = []
    for index in range(people):
        person = generator.person()
        registered = person.registered()
        taken.update(hash(identity) for identity in registered.coarse_identities())
        if index in reserve_indices:
            reserve[index + 1] = person  # by the subject's id
        subject = Subject(
            pk=index + 1,
            municipality_id=municipality_ids[person.municipality],
            given_names=registered.given_names,
            surname_prefix=registered.surname_prefix,
            surname=registered.surname,
            birth_year=registered.birth_year,
            birth_month=registered.birth_month,
            birth_day=registered.birth_day,
        )
        # bulk_create bypasses save(), which is where the keys are normally refreshed.
        subject.refresh_match_keys()
        batch.append(subject)
        if len(batch) == BATCH:
            _insert(batch)
            batch = []
    _insert(batch)
    return labelled_queries(
        reserve,
        per_kind=per_kind,
        nobody=nobody,
        generator=generator,
        taken=taken,
        seed=seed + 2,
    )


def _insert(batch: list[Subject]) -> None:
    with transaction.atomic():
        Subject.objects.bulk_create(batch)


# ---------------------------------------------------------------------------------------
# Quality


@dataclass
class Tally:
    queries: int = 0
    found_strong: int = 0
    wrong_strong: int = 0
    found_any: int = 0
    wrong_any: int = 0
    look_alikes: int = 0
    with_strong: int = 0  # queries with at least one strong candidate (about nobody)
    with_any: int = 0

    def add(self, other: Tally) -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def _scores(found: int, wrong: int, queries: int) -> str:
    """Precision, recall and F1; a dash where there is nothing to divide by (no candidates)."""
    precision = found / (found + wrong) if found + wrong else None
    recall = found / queries if queries else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return " ".join(
        f"{value:6.3f}" if value is not None else f"{'-':>6}" for value in (precision, recall, f1)
    )


def _identities(ids: set[int]) -> dict[int, tuple[object, ...]]:
    identities: dict[int, tuple[object, ...]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):  # below SQLite's limit of bound parameters
        rows = Subject.objects.filter(pk__in=ordered[start : start + 900]).values_list(
            "pk",
            "surname",
            "given_names",
            "surname_prefix",
            "birth_year",
            "birth_month",
            "birth_day",
        )
        for pk, surname, given, prefix, year, month, day in rows:
            identities[pk] = Query(surname, given, prefix, year, month, day).identity()
    return identities


def _report_quality(queries: list[Labelled], found: list[list[Candidate]]) -> None:
    wanted: set[int] = set()
    for query, candidates in zip(queries, found, strict=True):
        if query.subject_id is not None:
            wanted |= {query.subject_id, *(c.subject_id for c in candidates)}
    identities = _identities(wanted)

    tallies: dict[str, Tally] = {kind: Tally() for kind in [*KINDS, NOBODY]}
    for query, candidates in zip(queries, found, strict=True):
        tally = tallies[query.kind]
        truth = query.subject_id
        strong = [c.subject_id for c in candidates if c.strength == Strength.STRONG]
        every = [c.subject_id for c in candidates]
        tally.queries += 1
        tally.found_strong += truth in strong
        tally.wrong_strong += len(strong) - (truth in strong)
        tally.found_any += truth in every
        tally.wrong_any += len(every) - (truth in every)
        tally.with_strong += bool(strong)
        tally.with_any += bool(every)
        if truth is not None:
            tally.look_alikes += sum(
                other != truth and identities[other] == identities[truth] for other in every
            )

    header = f"  {'':<30} {'':>7} {'strong':^20}   {'strong + possible':^20}"
    print(header)
    print(
        f"  {'kind of query':<30} {'queries':>7} {'P':>6} {'R':>6} {'F1':>6}   "
        f"{'P':>6} {'R':>6} {'F1':>6} {'wrong/q':>8} {'look-alikes':>11}"
    )
    about_someone = Tally()
    for kind in KINDS:
        tally = tallies[kind]
        about_someone.add(tally)
        _print_row(kind, tally)
    print()
    _print_row("all queries about someone", about_someone)
    nobody = tallies[NOBODY]
    with_nobody = dataclasses.replace(about_someone)
    with_nobody.wrong_strong += nobody.wrong_strong
    with_nobody.wrong_any += nobody.wrong_any
    _print_row("all, with nobody's candidates", with_nobody)
    print()
    if nobody.queries:
        print(
            f"  Queries about nobody: {nobody.with_strong:,} of {nobody.queries:,} "
            f"({100 * nobody.with_strong / nobody.queries:.1f} %) get a strong candidate,\n"
            f"  {nobody.with_any:,} ({100 * nobody.with_any / nobody.queries:.1f} %) get any "
            f"candidate ({nobody.wrong_any:,} candidates in all)."
        )
    print()


def _print_row(label: str, tally: Tally) -> None:
    wrong_per_query = tally.wrong_any / tally.queries if tally.queries else 0.0
    print(
        f"  {label:<30} {tally.queries:>7,} "
        f"{_scores(tally.found_strong, tally.wrong_strong, tally.queries)}   "
        f"{_scores(tally.found_any, tally.wrong_any, tally.queries)} "
        f"{wrong_per_query:>8.2f} {tally.look_alikes:>11,}"
    )
