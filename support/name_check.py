"""The name-and-number check of texts that leave Schakel (the press line; later the council
report's text in outline): does a text name a person of the case, or count people?

A press line never gives out names or numbers of individual cases (seed §2.5). This module
finds, in plain text, the given names and surnames of the people it is given (with and
without prefixes such as "van der" or "el", case-insensitive, accents folded) and numbers of
people ("drie jongeren", "12 minderjarigen", "two families"). It only finds; the caller
decides what a finding means. Matching is on whole words, and a given name or surname of two
letters or less is never searched alone, so common words do not set it off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    NAME = "name"
    NUMBER = "number"


# A note in a name field: "Adam (broer)", "Abu X (schuilnaam)".
ANNOTATION = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass(frozen=True)
class PersonName:
    """A person's name as recorded: the subject's fields, or a network person's one field."""

    given_names: str = ""
    surname_prefix: str = ""
    surname: str = ""

    @classmethod
    def from_full_name(cls, name: str) -> PersonName:
        """A network person's single name field ("Youssef el Oefenberg", "Samira"): the first
        word is taken as the given name, known prefixes before the last word as the prefix.
        A note in brackets ("Adam (broer)", "(schuilnaam)") is a note, not part of the name."""
        words = ANNOTATION.sub(" ", name).split()
        if len(words) <= 1:
            return cls(given_names=" ".join(words))
        rest = words[1:]
        prefix: list[str] = []
        while len(rest) > 1 and fold(rest[0]) in PREFIX_WORDS:
            prefix.append(rest.pop(0))
        return cls(given_names=words[0], surname_prefix=" ".join(prefix), surname=" ".join(rest))


@dataclass(frozen=True)
class Finding:
    """Something the check found: its kind, the words as written, and where (the caller's
    name for the text, and the character offset in it)."""

    kind: FindingKind
    found: str
    where: str
    start: int


# Dutch and Arabic-Dutch surname prefixes (tussenvoegsels) that are searched with the surname
# but never alone.
PREFIX_WORDS = frozenset(
    {
        "van",
        "der",
        "den",
        "de",
        "het",
        "ten",
        "ter",
        "te",
        "op",
        "in",
        "'t",
        "el",
        "al",
        "ben",
        "bin",
        "abu",
        "von",
        "le",
        "la",
        "du",
        "da",
        "di",
    }
)
MIN_ALONE = 3  # a name part shorter than this is never searched on its own

_DUTCH_NUMBERS = "twee drie vier vijf zes zeven acht negen tien elf twaalf"
_ENGLISH_NUMBERS = "two three four five six seven eight nine ten eleven twelve"
WRITTEN_NUMBERS = frozenset(f"{_DUTCH_NUMBERS} {_ENGLISH_NUMBERS}".split())
_DUTCH_PEOPLE = (
    "personen persoon mensen jongeren jongere jongens meisjes minderjarigen minderjarige "
    "kinderen kind gezinnen gezin families familie vrouwen mannen inwoners uitreizigers "
    "terugkeerders verdachten broers zussen"
)
_ENGLISH_PEOPLE = (
    "people persons person youths youth youngsters minors minor children child families "
    "family women men residents travellers returnees suspects brothers sisters"
)
PEOPLE_WORDS = frozenset(f"{_DUTCH_PEOPLE} {_ENGLISH_PEOPLE}".split())
_NUMBER = r"(?:\d+|" + "|".join(sorted(WRITTEN_NUMBERS, key=len, reverse=True)) + r")"
_PEOPLE = r"(?:" + "|".join(sorted(PEOPLE_WORDS, key=len, reverse=True)) + r")"
# A number, at most one word between (an adjective: "drie minderjarige kinderen", "two young
# people"), then a word for people.
NUMBER_OF_PEOPLE = re.compile(
    rf"(?<!\w){_NUMBER}(?:[\s-]+(?P<between>[^\W\d]+))?\s+{_PEOPLE}(?!\w)"
)
YEAR = re.compile(r"(?:19|20)\d\d")


def fold(text: str) -> str:
    """Lower case without accents: "Özil" and "ozil" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, per folded character, the offset of the original character it
    came from, so a finding points at the text as written."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in fold(char):
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"\s+", fold(value).strip()) if w]


def name_variants(person: PersonName) -> set[str]:
    """The folded forms searched for one person: the full name, the surname with and without
    its prefix (spaced or hyphenated), each part of a hyphenated double surname, and each given
    name of more than two letters."""
    given = _words(person.given_names)
    prefix = _words(person.surname_prefix)
    surname = _words(person.surname)
    # A prefix written inside the surname field ("el Oefenberg") counts as a prefix too.
    while len(surname) > 1 and surname[0] in PREFIX_WORDS:
        prefix.append(surname.pop(0))
    variants: set[str] = set()
    if surname:
        bare = " ".join(surname)
        if len(bare) >= MIN_ALONE:
            variants.add(bare)
        # The parts of a double surname are written with a hyphen ("Bakker-Oefenberg"); words
        # with spaces between them are searched together: a network person is often named by
        # a description ("Vriendin uit de klas"), whose single words are not names.
        for part in bare.split("-"):
            part = part.strip()
            if len(part) >= MIN_ALONE and part not in PREFIX_WORDS:
                variants.add(part)
        if prefix:
            variants.add(" ".join(prefix) + " " + bare)
            variants.add("-".join(prefix) + "-" + bare)
        if given:
            variants.add(" ".join([*given, *prefix, *surname]))
            variants.add(" ".join([given[0], *prefix, *surname]))
    for name in given:
        if len(name) >= MIN_ALONE:
            variants.add(name)
    return {v for v in variants if v.strip()}


def _name_pattern(variants: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(variants), key=len, reverse=True)
    if not ordered:
        return None
    # Whitespace in a name matches any run of whitespace in the text.
    alternatives = [r"\s+".join(re.escape(part) for part in v.split()) for v in ordered]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _numbers(folded: str) -> Iterable[re.Match[str]]:
    for match in NUMBER_OF_PEOPLE.finditer(folded):
        number = match.group(0).split()[0]
        # "sinds 2024 zijn jongeren": a year is a number of people only right before the word.
        if YEAR.fullmatch(number) and match.group("between"):
            continue
        yield match


def check_text(text: str, where: str, people: Iterable[PersonName]) -> list[Finding]:
    """Every name of ``people`` and every number of people in ``text``, in text order."""
    folded, origin = _folded_with_map(text)
    findings: list[Finding] = []
    spans: list[tuple[FindingKind, int, int]] = []
    variants: set[str] = set()
    for person in people:
        variants |= name_variants(person)
    pattern = _name_pattern(variants)
    if pattern is not None:
        spans += [(FindingKind.NAME, m.start(), m.end()) for m in pattern.finditer(folded)]
    spans += [(FindingKind.NUMBER, m.start(), m.end()) for m in _numbers(folded)]
    for kind, start, end in sorted(spans, key=lambda s: s[1]):
        first, last = origin[start], origin[end - 1]
        findings.append(Finding(kind, text[first : last + 1], where, first))
    return findings


def check_texts(texts: Mapping[str, str], people: Iterable[PersonName]) -> list[Finding]:
    """The check over several texts, keyed by where they are (e.g. "core messages")."""
    known = list(people)
    return [finding for where, text in texts.items() for finding in check_text(text, where, known)]
