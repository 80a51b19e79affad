"""Normalising Dutch names for the "already known?" check: pure functions, no database.

Two spellings of one name should fold to the same text: case, diacritics, hyphens, odd
apostrophes and spacing do not matter, a surname prefix typed into the surname field is split
off ("van der Berg" -> prefix "van der", surname "berg"), and known transliteration variants
of a given name share one canonical spelling ("Mohamed" -> "mohammed"). The blocking keys that
``Subject.save`` stores (see ``match_keys``) come from here, so that the model can use them
without importing the matcher and its queries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from persons.variants import ARTICLES, SURNAME_PREFIXES, TRANSLITERATIONS

# Raise when folding or the keys change: stored keys must then be recomputed (a migration)
# and the benchmark regenerates its database.
KEY_VERSION = 1

# Letters that Unicode decomposition leaves alone but that Dutch registers write plainly.
_PLAIN_LETTERS = str.maketrans(
    {
        "\u0131": "i",  # dotless i (Turkish)
        "\u00f8": "o",
        "\u00e6": "ae",
        "\u0153": "oe",
        "\u0142": "l",
        "\u0111": "d",
        "\u00f0": "d",
        "\u00fe": "th",
        # Apostrophe look-alikes: typed, pasted from a word processor or transliterated.
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bc": "'",
        "\u02bb": "'",
    }
)
# Everything but letters, digits and the apostrophe separates words: hyphens, dots, commas.
_SEPARATORS = re.compile(r"[^\w']+|_")
_MAX_WORDS_JOINED = 3


def _strip_marks(text: str) -> str:
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case, without diacritics, words separated by one space; apostrophes kept.

    Apostrophes stay because they tell the prefix 't apart from a surname; the keys drop them.
    """
    # Marks are stripped both before and after casefolding: some capitals only decompose
    # after casefolding (İ -> i + dot), and a second pass keeps fold() idempotent.
    text = _strip_marks(_strip_marks(text).casefold()).translate(_PLAIN_LETTERS)
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _squash(text: str) -> str:
    """A folded text as one key: no spaces, no apostrophes."""
    return text.replace(" ", "").replace("'", "")


_PREFIXES_LONGEST_FIRST: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (tuple(fold(prefix).split()) for prefix in SURNAME_PREFIXES),
        key=len,
        reverse=True,
    )
)
# Prefixes as people write them joined to the surname ("Elamrani", "Vandenberg").
_JOINED_PREFIXES: tuple[str, ...] = tuple(
    sorted({_squash(" ".join(words)) for words in _PREFIXES_LONGEST_FIRST}, key=len, reverse=True)
)
_MIN_CORE_AFTER_JOINED_PREFIX = 3


class SplitSurname(NamedTuple):
    """A surname folded and split: ``prefix`` ("van der", "el") and ``core`` ("berg")."""

    prefix: str
    core: str

    @property
    def joined(self) -> str:
        """Prefix and core written as one word: "vanderberg", "elamrani"."""
        return _squash(self.prefix) + self.core


@lru_cache(maxsize=65_536)
def split_surname(prefix: str, surname: str) -> SplitSurname:
    """Splits prefix and surname, also when the prefix was typed into the surname field.

    Accepts the register style "Berg, van der" too. The core has no spaces or apostrophes,
    so "De Wit-Jansen" and "de witjansen" agree.
    """
    if "," in surname:
        surname, _comma, trailing_prefix = surname.partition(",")
        prefix = f"{prefix} {trailing_prefix}"
    words = fold(f"{prefix} {surname}").split()
    prefix_words: list[str] = []
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for candidate in _PREFIXES_LONGEST_FIRST:
            if len(candidate) < len(words) and tuple(words[: len(candidate)]) == candidate:
                prefix_words.extend(candidate)
                words = words[len(candidate) :]
                stripped = True
                break
    return SplitSurname(prefix=_squash_prefix(prefix_words), core=_squash(" ".join(words)))


def _squash_prefix(words: list[str]) -> str:
    return " ".join(word.replace("'", "") for word in words)


def surname_key(prefix: str, surname: str) -> str:
    """The blocking key of a stored surname: the core without prefix."""
    return split_surname(prefix, surname).core


@lru_cache(maxsize=65_536)
def surname_without_joined_prefix(core: str) -> frozenset[str]:
    """What remains of a surname written with its prefix joined ("elamrani" -> "amrani").

    Guesses: "dekker" yields "kker" too; that only costs one lookup that finds nobody.
    """
    return frozenset(
        core[len(joined) :]
        for joined in _JOINED_PREFIXES
        if core.startswith(joined) and len(core) - len(joined) >= _MIN_CORE_AFTER_JOINED_PREFIX
    )


def surname_query_keys(prefix: str, surname: str) -> frozenset[str]:
    """Every stored surname key under which this surname may have been recorded.

    The core itself; the prefix joined to it ("El Amrani" stored as "Elamrani"); without a
    prefix written joined ("Elamrani" stored as "El Amrani"); and with the other Arabic
    article ("El Amrani" stored as "Al Amrani").
    """
    split = split_surname(prefix, surname)
    keys = {split.core, split.joined}
    if not split.prefix:
        keys |= surname_without_joined_prefix(split.core)
    bare_cores = {split.core} if split.prefix in ARTICLES else set()
    if not split.prefix:
        bare_cores |= {
            split.core[len(article) :]
            for article in ARTICLES
            if split.core.startswith(article)
            and len(split.core) - len(article) >= _MIN_CORE_AFTER_JOINED_PREFIX
        }
    keys |= {article + core for core in bare_cores for article in ARTICLES}
    return frozenset(key for key in keys if key)


# Folded, squashed variant -> folded canonical spelling; canonical -> display spelling.
_CANONICAL: dict[str, str] = {}
_DISPLAY: dict[str, str] = {}
for _display, _variants in TRANSLITERATIONS.items():
    _canonical = _squash(fold(_display))
    _DISPLAY[_canonical] = _display
    for _spelling in (_display, *_variants):
        _CANONICAL.setdefault(_squash(fold(_spelling)), _canonical)


class GivenName(NamedTuple):
    """One given name: how it was spelled (folded) and its canonical spelling."""

    spelling: str
    canonical: str


@lru_cache(maxsize=65_536)
def given_names(text: str) -> tuple[GivenName, ...]:
    """The given names, folded, each with its canonical spelling.

    Names the table writes as several words ("Abd el Kader") are taken together first.
    """
    words = [word.replace("'", "") for word in fold(text).split()]
    words = [word for word in words if word]
    names: list[GivenName] = []
    index = 0
    while index < len(words):
        for size in range(min(_MAX_WORDS_JOINED, len(words) - index), 0, -1):
            spelling = "".join(words[index : index + size])
            canonical = _CANONICAL.get(spelling)
            if canonical is not None or size == 1:
                names.append(GivenName(spelling, canonical or spelling))
                index += size
                break
    return tuple(names)


def display_name(canonical: str) -> str:
    """How to show a canonical spelling in a reason: "Mohammed"."""
    return _DISPLAY.get(canonical, canonical.capitalize())


def given_key(text: str) -> str:
    """The blocking key of the given names: the canonical spelling of the first name."""
    names = given_names(text)
    return names[0].canonical if names else ""


class MatchKeys(NamedTuple):
    """The indexed keys ``Subject`` stores to find a person again."""

    surname: str
    given: str
    birth_year: int


# Stored for an unknown year, so that one IN (...) on the index also finds those people.
UNKNOWN_YEAR = 0


def match_keys(
    *, given_names: str, surname_prefix: str, surname: str, birth_year: int | None
) -> MatchKeys:
    return MatchKeys(
        surname=surname_key(surname_prefix, surname),
        given=given_key(given_names),
        birth_year=birth_year if birth_year is not None else UNKNOWN_YEAR,
    )
