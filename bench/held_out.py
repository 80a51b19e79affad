"""A held-out evaluation set for the identity matcher: a fictional register and labelled queries.

Made apart from the matcher on purpose (issue 22): nothing here imports ``persons``; names,
prefixes, transliteration families, typos and folding are the bench's own
(``bench.held_out_names``), so the matcher is measured on spellings it was not built from.

The register: people of Dutch, Dutch-Moroccan, Dutch-Turkish, Somali and Eritrean origin whose
given names and surnames are drawn with Zipf-Mandelbrot weights (the k-th most common name
has weight 1 / (k + q)^s), from short lists of common names followed by a long tail of
made-up names, so that names repeat about as much as in a Dutch city: some per cent of
Turkish-Dutch people are called Yilmaz, one Moroccan-Dutch or Somali man in six is called
Mohamed, and a Somali or Eritrean surname is a father's given name. Registers are untidy as
real ones are: prefixes kept apart or typed into the surname ("El Amrani", "El-Amrani"),
double surnames, transliterations and dropped accents, 1 January for an unknown day (common
for people born in Somalia or Eritrea), a year only, now and then a name in capitals.
Every person is a random combination of given name, surname and date: fictional.

The queries (``bench.held_out_queries``) are each a labelled way a second report may name
someone in the register, plus queries about nobody with common names. Everything depends on
the seed only.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from faker.providers.person.nl_NL import Provider as DutchNames

from bench import held_out_names as names

FIRST_YEAR = 1940
LAST_YEAR = 2012
NOBODY = "about nobody (common names)"


def seeded(seed: int) -> random.Random:
    """A reproducible generator for fictional data (never for anything secret)."""
    return random.Random(seed)  # noqa: S311 - reproducibility is the point here


# ---------------------------------------------------------------------------------------
# Folding, the bench's own: only to tell whether two records are the very same identity.

_PLAIN = str.maketrans({"ı": "i", "ø": "o", "ß": "ss"})  # noqa: RUF001 - Turkish dotless i


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def squashed(text: str) -> str:
    """Lower case, no accents, letters only: "El-Amrani" and "el amrani" give "elamrani"."""
    return "".join(char for char in without_accents(text).casefold() if char.isalpha())


# ---------------------------------------------------------------------------------------
# The register


@dataclass(frozen=True)
class Query:
    """A registration or a query: the fields of ``persons.matching.PersonQuery`` (no BSN)."""

    surname: str
    given_names: str = ""
    surname_prefix: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None

    def identity(self) -> tuple[object, ...]:
        """First given name, surname and date, folded: two records the same here cannot be
        told apart by name and date (a query about nobody may not be one of them)."""
        return (
            squashed(self.given_names.split(" ")[0]),
            squashed(f"{self.surname_prefix}{self.surname}"),
            self.birth_year,
            self.birth_month,
            self.birth_day,
        )

    def coarse_identities(self) -> list[tuple[object, ...]]:
        """The identity, and the same names with only the year and with no date."""
        given, surname, year, _month, _day = self.identity()
        return [
            self.identity(),
            (given, surname, year, None, None),
            (given, surname, None, None, None),
        ]

    def telling_identity(self) -> tuple[object, ...]:
        """What a query about nobody must not share with anyone: the whole identity when
        the date is full, else the names and the year (a 1 January date or a year alone
        cannot tell apart people of one name and year), or the names alone."""
        given, surname, year, month, day = self.identity()
        if day is not None and (month, day) != (1, 1):
            return self.identity()
        return (given, surname, year, None, None)


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the register holds them, with the structure the queries vary."""

    given: tuple[str, ...]
    parts: tuple[tuple[str, str], ...]  # (prefix, core) per surname; two for a double one
    prefix_style: str  # "apart" (own field), "in surname" ("El Amrani"), "hyphen" ("El-Amrani")
    joiner: str  # between the parts of a double surname
    year: int | None
    month: int | None
    day: int | None
    municipality: int
    upper: bool = False

    def registered(self) -> Query:
        first_prefix, first_core = self.parts[0]
        rest = "".join(self.joiner + written(p, c) for p, c in self.parts[1:])
        prefix_field, surname = "", first_core + rest
        if first_prefix and self.prefix_style == "apart":
            prefix_field = first_prefix
        elif first_prefix and self.prefix_style == "hyphen":
            surname = f"{first_prefix.capitalize()}-{surname}"
        elif first_prefix:
            surname = f"{first_prefix.capitalize()} {surname}"
        given = " ".join(self.given)
        if self.upper:
            given, surname = given.upper(), surname.upper()
        return Query(surname, given, prefix_field, self.year, self.month, self.day)


def written(prefix: str, core: str) -> str:
    return f"{prefix} {core}" if prefix else core


def split_prefix(name: str) -> tuple[str, str]:
    """("van den", "Berg") for "van den Berg", with the bench's own list of prefixes."""
    lowered = name.lower()
    for prefix in names.PREFIXES:  # longest first
        if lowered.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return prefix, name[len(prefix) + 1 :]
    return "", name


class Pool:
    """Names with Zipf-Mandelbrot weights: the k-th has weight 1 / (k + q) ** s."""

    def __init__(self, items: Sequence[str], *, s: float, q: float) -> None:
        self.names = list(dict.fromkeys(items))
        self.weights = [1 / (rank + q) ** s for rank in range(1, len(self.names) + 1)]
        self.cumulative = list(itertools.accumulate(self.weights))

    def pick(self, rng: random.Random) -> str:
        position = bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.names[min(position, len(self.names) - 1)]

    def top(self, count: int) -> Pool:
        """The ``count`` most common names, weighted as before (for queries about nobody)."""
        pool = Pool.__new__(Pool)
        pool.names, pool.weights = self.names[:count], self.weights[:count]
        pool.cumulative = list(itertools.accumulate(pool.weights))
        return pool


@dataclass(frozen=True)
class Origin:
    name: str
    share: float
    male: Pool
    female: Pool
    surnames: Pool
    given_counts: tuple[float, float, float]  # cumulative shares of 1, 2 and 3 given names
    double_surname: float  # share with two surnames
    joiner: str
    placeholder_date: float  # share recorded with 1 January for an unknown day


def _dutch_tail() -> list[str]:
    made_up = [stem + end for stem in names.DUTCH_PLACE_STEMS for end in names.DUTCH_PLACE_ENDINGS]
    made_up += [s + e for s in names.DUTCH_PERSON_STEMS for e in names.DUTCH_PERSON_ENDINGS]
    made_up += [
        f"{prefix} {stem}"
        for prefix in names.DUTCH_SURNAME_PREFIXES_TAIL
        for stem in names.DUTCH_PLACE_STEMS
    ]
    made_up += ["Ver" + stem.lower() for stem in names.DUTCH_PLACE_STEMS]
    # Faker's list has historical names ("Adriaensdr", "Aelftrud van Wessex"): keep plain ones.
    faker = [
        name
        for name in DutchNames.last_names
        if all(w.isalpha() for w in split_prefix(name)[1].split())
        and " " not in split_prefix(name)[1]
    ]
    return faker + made_up


def _moroccan_tail() -> list[str]:
    made_up = [root + end for root in names.MOROCCAN_ROOTS for end in names.MOROCCAN_ENDINGS]
    made_up += ["El " + root + end for root in names.MOROCCAN_ROOTS for end in ("i", "aoui")]
    made_up += ["Bou" + root.lower() for root in names.MOROCCAN_ROOTS]
    return made_up


def _origins(rng: random.Random) -> list[Origin]:
    def tail(items: list[str]) -> list[str]:
        rng.shuffle(items)  # which made-up name is rare depends on the seed, not the alphabet
        return items

    faker_given_male = [n for n in DutchNames.first_names_male if n.isalpha()]
    faker_given_female = [n for n in DutchNames.first_names_female if n.isalpha()]
    turkish_tail = [a + b for a in names.TURKISH_FIRST_PARTS for b in names.TURKISH_SECOND_PARTS]
    return [
        Origin(
            "Dutch",
            0.70,
            Pool([*names.DUTCH_GIVEN_MALE_COMMON, *tail(faker_given_male)], s=1.0, q=8),
            Pool([*names.DUTCH_GIVEN_FEMALE_COMMON, *tail(faker_given_female)], s=1.0, q=8),
            Pool([*names.DUTCH_SURNAMES_COMMON, *tail(_dutch_tail())], s=1.0, q=30),
            (0.35, 0.75, 1.0),
            0.03,
            "-",
            0.01,
        ),
        Origin(
            "Dutch-Moroccan",
            0.12,
            Pool(names.MOROCCAN_GIVEN_MALE, s=1.1, q=1),
            Pool(names.MOROCCAN_GIVEN_FEMALE, s=1.0, q=2),
            Pool([*names.MOROCCAN_SURNAMES_COMMON, *tail(_moroccan_tail())], s=1.0, q=15),
            (0.85, 1.0, 1.0),
            0.02,
            " ",
            0.08,
        ),
        Origin(
            "Dutch-Turkish",
            0.10,
            Pool(names.TURKISH_GIVEN_MALE, s=1.0, q=2),
            Pool(names.TURKISH_GIVEN_FEMALE, s=1.0, q=2),
            Pool([*names.TURKISH_SURNAMES_COMMON, *tail(turkish_tail)], s=1.0, q=5),
            (0.80, 1.0, 1.0),
            0.03,
            "-",
            0.06,
        ),
        Origin(
            "Somali",
            0.04,
            Pool(names.SOMALI_GIVEN_MALE, s=1.0, q=1),
            Pool(names.SOMALI_GIVEN_FEMALE, s=1.0, q=2),
            Pool(names.SOMALI_GIVEN_MALE, s=1.0, q=1),  # the father's given name
            (0.70, 1.0, 1.0),
            0.20,
            " ",
            0.35,
        ),
        Origin(
            "Eritrean",
            0.04,
            Pool(names.ERITREAN_GIVEN_MALE, s=0.9, q=3),
            Pool(names.ERITREAN_GIVEN_FEMALE, s=0.9, q=3),
            Pool(names.ERITREAN_FATHER_NAMES, s=0.9, q=3),
            (0.90, 1.0, 1.0),
            0.35,
            " ",
            0.30,
        ),
    ]


def _family_index(families: Sequence[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    return {squashed(member): tuple(family) for family in families for member in family}


GIVEN_FAMILY = _family_index(names.GIVEN_FAMILIES)
SURNAME_FAMILY = _family_index(names.SURNAME_FAMILIES)


def other_spellings(name: str, families: dict[str, tuple[str, ...]]) -> list[str]:
    """The family's other spellings that differ in more than accents."""
    family = families.get(squashed(name), ())
    return [m for m in family if squashed(m) != squashed(name)]


class Generator:
    """Draws the fictional register; the same seed gives the same people."""

    def __init__(self, *, seed: int, municipalities: int) -> None:
        self.rng = seeded(seed)
        self.municipalities = municipalities
        self.origins = _origins(seeded(seed + 1))
        self.cumulative = list(itertools.accumulate(o.share for o in self.origins))

    def _origin(self) -> Origin:
        return self.rng.choices(self.origins, cum_weights=self.cumulative)[0]

    def person(self) -> Person:
        rng = self.rng
        origin = self._origin()
        given_pool = origin.male if rng.random() < 0.5 else origin.female
        count = 1 + bisect.bisect_right(origin.given_counts, rng.random())
        given = list(dict.fromkeys(given_pool.pick(rng) for _ in range(min(count, 3))))
        if origin.name == "Somali" and len(given) > 1:
            given[1] = origin.male.pick(rng)  # the second name is the father's
        given = [self._register_spelling(n, GIVEN_FAMILY) for n in given]
        surnames = origin if rng.random() > 0.03 else self._origin()  # mixed families
        parts = [surnames.surnames.pick(rng)]
        if rng.random() < origin.double_surname:
            parts.append(surnames.surnames.pick(rng))
        split = tuple(split_prefix(self._register_spelling(p, SURNAME_FAMILY)) for p in parts)
        if origin.name == "Dutch-Turkish" and rng.random() < 0.15:
            # Registered without Turkish letters, as many Dutch registers did.
            given = [without_accents(n) for n in given]
            split = tuple((p, without_accents(c)) for p, c in split)
        year, month, day = self._birth_date(origin)
        return Person(
            given=tuple(dict.fromkeys(given)),
            parts=split,
            prefix_style=self._prefix_style(split[0][0]),
            joiner=origin.joiner,
            year=year,
            month=month,
            day=day,
            municipality=rng.randrange(self.municipalities),
            upper=rng.random() < 0.02,
        )

    def nobody(self) -> Query:
        """A query about someone who is not in the register, with common names."""
        rng = self.rng
        origin = self._origin()
        given_pool = (origin.male if rng.random() < 0.5 else origin.female).top(8)
        prefix, core = split_prefix(origin.surnames.top(8).pick(rng))
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        # Written as the queries about someone are: not every report knows the full date.
        draw = rng.random()
        if draw < 0.5:
            return Query(core, given_pool.pick(rng), prefix, year, month, day)
        if draw < 0.7:
            return Query(core, given_pool.pick(rng), prefix, year, 1, 1)
        if draw < 0.9:
            return Query(core, given_pool.pick(rng), prefix, year)
        return Query(core, given_pool.pick(rng), prefix)

    def _register_spelling(self, name: str, families: dict[str, tuple[str, ...]]) -> str:
        """Mostly the usual spelling; now and then another of the family (Maxamed, Ahmad)."""
        others = other_spellings(name, families)
        return self.rng.choice(others) if others and self.rng.random() < 0.3 else name

    def _prefix_style(self, prefix: str) -> str:
        draw = self.rng.random()
        if prefix in ("el", "al"):
            return "apart" if draw < 0.45 else "in surname" if draw < 0.85 else "hyphen"
        return "apart" if draw < 0.85 else "in surname"

    def _birth_date(self, origin: Origin) -> tuple[int | None, int | None, int | None]:
        rng = self.rng
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        draw = rng.random()
        if draw < 0.005:
            return None, None, None
        if draw < 0.025:
            return year, None, None
        if draw < 0.025 + origin.placeholder_date:
            return year, 1, 1
        month = rng.randint(1, 12)
        return year, month, rng.randint(1, calendar.monthrange(year, month)[1])
