"""The labelled queries of the held-out evaluation (register: ``bench.held_out``): each kind a
way a second report may name someone in the register, and queries about nobody with common
names. Like the register, made apart from the matcher: nothing here imports ``persons``.

Each kind returns None when the person does not allow it (no prefix to drop, no accents to
lose, no day of 12 or less to swap, ...); the next person of the reserve is tried then.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from bench.held_out import (
    GIVEN_FAMILY,
    NOBODY,
    SURNAME_FAMILY,
    Generator,
    Person,
    Query,
    other_spellings,
    seeded,
    split_prefix,
    without_accents,
    written,
)


def _keyboard() -> dict[str, str]:
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    near: dict[str, str] = {}
    for number, row in enumerate(rows):
        for column, key in enumerate(row):
            keys = {row[c] for c in (column - 1, column + 1) if 0 <= c < len(row)}
            for other in (number - 1, number + 1):
                if 0 <= other < len(rows):
                    keys |= {
                        rows[other][c] for c in (column - 1, column) if 0 <= c < len(rows[other])
                    }
            near[key] = "".join(sorted(keys))
    return near


KEYBOARD = _keyboard()


def typo(word: str, rng: random.Random) -> str:
    """One slip anywhere in the word: a neighbouring key instead, a letter dropped, an extra
    (neighbouring or doubled) letter, or two neighbours swapped."""
    while True:
        letters = list(word)
        position = rng.randrange(len(letters))
        kind = rng.choice(("substitute", "delete", "insert", "transpose"))
        lower = letters[position].lower()
        keys = KEYBOARD.get(lower, "aeiou")
        if kind == "substitute":
            new = rng.choice(keys)
            letters[position] = new.upper() if letters[position].isupper() else new
        elif kind == "delete":
            del letters[position]
        elif kind == "insert":
            letters.insert(position + 1, rng.choice((lower, *keys)))
        elif position < len(letters) - 1:
            letters[position], letters[position + 1] = letters[position + 1], letters[position]
        result = "".join(letters)
        if result != word:
            return result


def _from(person: Person, **changes: object) -> Query:
    return replace(person.registered(), **changes)  # type: ignore[arg-type]


def _with_parts(person: Person, parts: tuple[tuple[str, str], ...]) -> Query:
    return replace(person, parts=parts).registered()


def _full_date(person: Person) -> bool:
    return person.day is not None and (person.month, person.day) != (1, 1)


def _exact(person: Person, rng: random.Random) -> Query | None:
    return person.registered()


def _given_typo(person: Person, rng: random.Random) -> Query | None:
    first, *others = person.given
    if len(first) < 3:
        return None
    return _from(person, given_names=" ".join([typo(first, rng), *others]))


def _surname_typo(person: Person, rng: random.Random) -> Query | None:
    prefix, core = person.parts[0]
    words = core.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    if len(words[longest]) < 3:
        return None
    words[longest] = typo(words[longest], rng)
    return _with_parts(person, ((prefix, " ".join(words)), *person.parts[1:]))


def _initial(person: Person, rng: random.Random) -> Query | None:
    if rng.random() < 0.5 or len(person.given) == 1:
        initials = f"{person.given[0][0]}."
    else:
        initials = "".join(f"{name[0]}." for name in person.given)
    return _from(person, given_names=initials.upper())


def _transliterated(person: Person, rng: random.Random) -> Query | None:
    first, *others = person.given
    given_options = other_spellings(first, GIVEN_FAMILY)
    prefix, core = person.parts[0]
    surname_options = other_spellings(written(prefix, core), SURNAME_FAMILY)
    if given_options and (not surname_options or rng.random() < 0.6):
        return _from(person, given_names=" ".join([rng.choice(given_options), *others]))
    if surname_options:
        new = split_prefix(rng.choice(surname_options))
        return _with_parts(person, (new, *person.parts[1:]))
    return None


def _accents_dropped(person: Person, rng: random.Random) -> Query | None:
    registered = person.registered()
    plain = Query(
        without_accents(registered.surname),
        without_accents(registered.given_names),
        registered.surname_prefix,
        person.year,
        person.month,
        person.day,
    )
    return plain if plain != registered else None


def _swapped(person: Person, rng: random.Random) -> Query | None:
    if (
        not _full_date(person)
        or person.day is None
        or person.day > 12
        or person.day == person.month
    ):
        return None
    return _from(person, birth_month=person.day, birth_day=person.month)


def _placeholder(person: Person, rng: random.Random) -> Query | None:
    return _from(person, birth_month=1, birth_day=1) if _full_date(person) else None


def _year_only(person: Person, rng: random.Random) -> Query | None:
    return _from(person, birth_month=None, birth_day=None) if person.month is not None else None


def _no_date(person: Person, rng: random.Random) -> Query | None:
    if person.year is None:
        return None
    return _from(person, birth_year=None, birth_month=None, birth_day=None)


def _surname_only(person: Person, rng: random.Random) -> Query | None:
    registered = person.registered()
    return Query(registered.surname, "", registered.surname_prefix)


def _prefix_missing(person: Person, rng: random.Random) -> Query | None:
    prefix, core = person.parts[0]
    return _with_parts(person, (("", core), *person.parts[1:])) if prefix else None


def _prefix_merged(person: Person, rng: random.Random) -> Query | None:
    """ "Elamrani", "Vandenberg": the prefix written as part of the surname, one word."""
    prefix, core = person.parts[0]
    if not prefix:
        return None
    merged = (prefix + core).replace(" ", "").replace("'", "").capitalize()
    return _with_parts(person, (("", merged), *person.parts[1:]))


def _order_swapped(person: Person, rng: random.Random) -> Query | None:
    registered = person.registered()
    surname = written(registered.surname_prefix, registered.surname)
    return _from(person, given_names=surname, surname_prefix="", surname=person.given[0])


def _double_shortened(person: Person, rng: random.Random) -> Query | None:
    if len(person.parts) < 2:
        return None
    kept = person.parts[0] if rng.random() < 0.7 else person.parts[1]
    return _with_parts(replace(person, prefix_style="apart"), (kept,))


Variation = Callable[[Person, random.Random], Query | None]
KINDS: dict[str, Variation] = {
    "exact copy": _exact,
    "typo in given name": _given_typo,
    "typo in surname": _surname_typo,
    "given name an initial": _initial,
    "transliteration": _transliterated,
    "accents dropped": _accents_dropped,
    "day and month swapped": _swapped,
    "1 January placeholder": _placeholder,
    "year of birth only": _year_only,
    "no date": _no_date,
    "surname only": _surname_only,
    "prefix missing": _prefix_missing,
    "prefix merged": _prefix_merged,
    "name order swapped": _order_swapped,
    "double surname shortened": _double_shortened,
}


@dataclass(frozen=True)
class Labelled:
    kind: str
    subject_id: int | None  # the person asked about (the reserve's key); None: nobody
    query: Query


def labelled_queries(
    reserve: dict[int, Person],
    *,
    per_kind: int,
    nobody: int,
    generator: Generator,
    taken: set[int],
    seed: int,
) -> list[Labelled]:
    """``per_kind`` queries of each kind about people of the reserve (each person at most
    once per kind), and ``nobody`` queries whose ``Query.telling_identity`` hashes to none
    in ``taken``, the hashes of every ``coarse_identities`` of the register."""
    queries: list[Labelled] = []
    for number, (kind, variation) in enumerate(KINDS.items()):
        rng = seeded(seed + number)
        order = sorted(reserve)
        rng.shuffle(order)
        made = 0
        for index in order:
            query = variation(reserve[index], rng)
            if query is not None:
                queries.append(Labelled(kind, index, query))
                made += 1
                if made == per_kind:
                    break
    found = 0
    while found < nobody:
        query = generator.nobody()
        if hash(query.telling_identity()) not in taken:
            queries.append(Labelled(NOBODY, None, query))
            found += 1
    return queries
