"""What was typed in the search box: a number, or a name split in the ways it may be meant.

Pure functions, no database. The text itself is never stored or logged (see search.gates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.ids import parse_id

# "12", "#12", "# 12": a signal or case number. ASCII digits only (str.isdigit() also takes
# "²" and Arabic-Indic digits); lib.ids.parse_id holds the number to 64 bits.
_NUMBER = re.compile(r"#?\s*([0-9]+)")
# A name of more words than this is not a name: each extra word doubles nothing but the
# ways to split it, so it is refused with a message rather than tried.
MAX_WORDS = 6


@dataclass(frozen=True)
class NameSplit:
    """One way to read the words: these are the given names, those the surname (which may
    start with its prefix, "van der Berg")."""

    given_names: str
    surname: str


@dataclass(frozen=True)
class SearchTerms:
    """A number search (``is_number``; ``number`` is None for digits past 64 bits, which
    name nothing) or a name search (``names``)."""

    is_number: bool
    number: int | None
    names: tuple[NameSplit, ...]


def name_splits(text: str) -> tuple[NameSplit, ...]:
    """Every reading of the words, the whole text as a surname first.

    "Voorbeeld, Lina" is surname-comma-given names (or a register-style "Berg, van der",
    which persons.names.split_surname reads from the surname itself). Without a comma the
    given names may come first ("Lina Voorbeeld") or last ("Voorbeeld Lina").
    """
    whole = " ".join(text.split())
    if "," in whole:
        surname, _comma, given = whole.partition(",")
        splits = [NameSplit("", whole), NameSplit(given.strip(), surname.strip())]
        return tuple(split for split in splits if split.surname)
    words = whole.split()
    splits = [NameSplit("", whole)]
    for size in range(1, len(words)):
        splits.append(NameSplit(" ".join(words[:size]), " ".join(words[size:])))
        splits.append(NameSplit(" ".join(words[-size:]), " ".join(words[:-size])))
    return tuple(splits)


def word_count(text: str) -> int:
    return len(text.replace(",", " ").split())


def search_terms(text: str) -> SearchTerms:
    match = _NUMBER.fullmatch(text.strip())
    if match is not None:
        return SearchTerms(is_number=True, number=parse_id(match.group(1)), names=())
    return SearchTerms(is_number=False, number=None, names=name_splits(text))
