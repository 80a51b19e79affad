"""The held-out evaluation set is reproducible, made apart from the matcher, and its queries
are the variations their labels say."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from bench import held_out
from bench.held_out import NOBODY, Generator, Person, Query
from bench.held_out_queries import KINDS, Labelled, labelled_queries

BENCH = Path(held_out.__file__).parent


def register(seed: int, size: int) -> list[Person]:
    generator = Generator(seed=seed, municipalities=3)
    return [generator.person() for _ in range(size)]


def queries(seed: int, size: int = 400) -> tuple[dict[int, Person], list[Labelled]]:
    generator = Generator(seed=seed, municipalities=3)
    people = {number: generator.person() for number in range(1, size + 1)}
    taken = {hash(i) for p in people.values() for i in p.registered().coarse_identities()}
    made = labelled_queries(
        people, per_kind=5, nobody=20, generator=generator, taken=taken, seed=seed
    )
    return people, made


def osa_distance(first: str, second: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) between two words."""
    rows = [
        [i + j if i * j == 0 else 0 for j in range(len(second) + 1)] for i in range(len(first) + 1)
    ]
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            cost = first[i - 1] != second[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def test_the_same_seed_gives_the_same_register_and_queries():
    assert register(7, 200) == register(7, 200)
    assert register(7, 200) != register(8, 200)
    assert queries(7)[1] == queries(7)[1]


@pytest.mark.parametrize("module", ["held_out.py", "held_out_names.py", "held_out_queries.py"])
def test_the_evaluation_set_imports_nothing_of_the_matcher(module: str):
    tree = ast.parse((BENCH / module).read_text(encoding="utf-8"))
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
        )
    }
    assert not {name for name in imported if name.split(".")[0] == "persons"}


def test_common_names_repeat_and_rare_ones_abound():
    surnames = Counter(held_out.squashed(p.registered().surname) for p in register(3, 2_000))
    assert surnames.most_common(1)[0][1] >= 10
    assert sum(count == 1 for count in surnames.values()) >= 0.3 * len(surnames)


def test_every_kind_is_made_and_queries_about_nobody_name_nobody_in_the_register():
    people, made = queries(11)
    assert Counter(q.kind for q in made) == {**dict.fromkeys(KINDS, 5), NOBODY: 20}
    identities = {i for p in people.values() for i in p.registered().coarse_identities()}
    assert all(q.query.telling_identity() not in identities for q in made if q.kind == NOBODY)
    assert all(q.subject_id in people for q in made if q.kind != NOBODY)


def test_each_query_varies_its_person_as_its_label_says():
    people, made = queries(5)
    for labelled in made:
        if labelled.subject_id is None:
            continue
        original = people[labelled.subject_id].registered()
        query = labelled.query
        same_names = (query.given_names, query.surname_prefix, query.surname) == (
            original.given_names,
            original.surname_prefix,
            original.surname,
        )
        date = (query.birth_year, query.birth_month, query.birth_day)
        if labelled.kind == "exact copy":
            assert query == original
        elif labelled.kind == "typo in given name":
            assert osa_distance(query.given_names, original.given_names) == 1
            assert query.surname == original.surname
        elif labelled.kind == "typo in surname":
            assert osa_distance(query.surname, original.surname) == 1
            assert query.given_names == original.given_names
        elif labelled.kind == "day and month swapped":
            assert same_names
            assert date == (original.birth_year, original.birth_day, original.birth_month)
        elif labelled.kind == "1 January placeholder":
            assert same_names
            assert (
                date
                == (original.birth_year, 1, 1)
                != (
                    original.birth_year,
                    original.birth_month,
                    original.birth_day,
                )
            )
        elif labelled.kind == "no date":
            assert same_names
            assert date == (None, None, None)
        elif labelled.kind == "surname only":
            assert query == Query(original.surname, "", original.surname_prefix)
        elif labelled.kind == "prefix merged":
            assert " " not in query.surname
            assert not query.surname_prefix
        elif labelled.kind == "accents dropped":
            assert query.surname.isascii()
            assert query.given_names.isascii()
            assert not same_names
