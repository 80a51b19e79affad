"""The "already known?" check: find people who may be the person in a new signal.

An identity lookup, not a judgement (DESIGN §7): the matcher returns candidates with the
reasons they were found (which fields agreed, and how) and a strength category derived from
those reasons by the rule below. It never returns or stores a number per person. Internally
rapidfuzz measures spelling distance to decide whether a name field "agrees"; that distance
is not exposed.

How a check runs
----------------
1. Blocking: only people who share a stored key with the query are read from the database
   (indexes ``subject_match_surname`` and ``subject_match_given``): the surname key (or one
   of its written-joined/apart forms, see ``persons.names.surname_query_keys``) *or* the
   canonical first given name, each with a year of birth within one year of the query's
   (or unknown). A query without a year of birth looks up the surname keys in every year.
   A BSN in the query also reads the person with that BSN.
2. Comparison in Python, field by field (``compare_surnames``, ``compare_given_names``,
   ``compare_dates``).

When a person is a candidate
----------------------------
- Both sides have a BSN and they differ: never (a BSN belongs to one person).
- The BSN is the same: always, and the candidate is **strong**.
- Otherwise the surname and the given names must both agree (in any of the ways below) and
  the date of birth must not disagree. A query without given names is compared on the other
  fields. When the date agrees only loosely (only the year, or one side has no date at
  all), the surname must be the same (or differ only in being written joined) and all given
  names the same or transliteration variants; one side listing fewer given names is not
  enough then, because many people share a name and a year. When the given names agree only
  weakly (see below), the date must agree on more than the year: the same, day and month
  swapped, or the year off by one.

Levels of agreement
-------------------
- exact names: surname the same after normalisation or with the prefix written joined;
  given names the same or known transliteration variants, also when one side lists fewer
  given names ("Mohammed" and "Mohamed Amin").
- close names: surname the same apart from its prefix, or a close spelling; a given name a
  close spelling (the others agreeing). "Close spelling": both at least 4 letters and an
  optimal-string-alignment distance (rapidfuzz OSA: insert, delete, substitute or swap two
  neighbours) of at most 1, or at most 2 when the longer is over 8 letters.
- weak given names: only the initials agree; only a given name other than the first; or
  the first agrees but the further given names conflict ("Hamza Osman", "Hamza Oguz").
- known dates: the same, day and month swapped, one side 1 January (a common placeholder),
  the year off by one with the same day and month, or the same as far as both are known
  (a partial date: year only, or month and year).
- loose dates: only the year agrees, or one side has no year of birth.

Strength: **strong** when the BSN is the same, or when the date is known and both names
agree with at most one of them only close and neither weak; **possible** otherwise.

Order: strong before possible, then surname, given names and id; never by similarity.
"""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any, NamedTuple

from django.db import models
from django.db.models import BigIntegerField, F, Func, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rapidfuzz.distance import OSA

from accounts.models import Municipality
from persons.models import Subject
from persons.names import (
    UNKNOWN_YEAR,
    GivenName,
    SplitSurname,
    display_name,
    fold,
    given_key,
    given_names,
    split_surname,
    surname_query_keys,
    surname_without_joined_prefix,
)

# Close spelling (see the module docstring): a shorter name is too easily another name.
CLOSE_MIN_LENGTH = 4
CLOSE_LONG_NAME = 8
CLOSE_DISTANCE_SHORT = 1
CLOSE_DISTANCE_LONG = 2
# Neighbouring years of birth read in the block: typos in the last digit of the year.
YEAR_WINDOW = 1


class MatchField(models.TextChoices):
    SURNAME = "surname", _("surname")
    GIVEN_NAMES = "given_names", _("given names")
    DATE_OF_BIRTH = "date_of_birth", _("date of birth")
    BSN = "bsn", _("BSN")


class Agreement(models.TextChoices):
    """How one field agreed; the label is the reason a user reads."""

    SURNAME_SAME = "surname_same", _("surname: same after normalisation")
    SURNAME_PREFIX_JOINED = (
        "surname_prefix_joined",
        _("surname: same, with the prefix written joined or apart"),
    )
    SURNAME_PREFIX_DIFFERS = (
        "surname_prefix_differs",
        _("surname: same, but the prefix differs or is missing"),
    )
    SURNAME_CLOSE = "surname_close", _("surname: close spelling (one or two letters differ)")
    GIVEN_SAME = "given_same", _("given names: same after normalisation")
    GIVEN_VARIANT = "given_variant", _("given name: transliteration variant of %(name)s")
    GIVEN_FEWER = (
        "given_fewer",
        _("given names: same as far as both are known (one side lists fewer)"),
    )
    GIVEN_FEWER_VARIANT = (
        "given_fewer_variant",
        _(
            "given names: transliteration variant of %(name)s; "
            "otherwise the same as far as both are known (one side lists fewer)"
        ),
    )
    GIVEN_FIRST_ONLY = (
        "given_first_only",
        _("given names: the first agrees, but a further given name differs"),
    )
    GIVEN_CLOSE = (
        "given_close",
        _("given names: close spelling (one or two letters differ)"),
    )
    GIVEN_OTHER_NAME = "given_other_name", _("given names: one of the other given names agrees")
    GIVEN_INITIALS = "given_initials", _("given names: the initials agree")
    DATE_SAME = "date_same", _("date of birth: same")
    DATE_SWAPPED = "date_swapped", _("date of birth: day and month swapped")
    DATE_PLACEHOLDER = (
        "date_placeholder",
        _("date of birth: same year; one side is 1 January, often a placeholder"),
    )
    DATE_PARTIAL = "date_partial", _("date of birth: agrees as far as both are known")
    DATE_YEAR_OFF_BY_ONE = (
        "date_year_off_by_one",
        _("date of birth: same day and month, the year differs by one"),
    )
    DATE_YEAR_ONLY = "date_year_only", _("date of birth: only the year agrees")
    BSN_SAME = "bsn_same", _("BSN: same")


class Strength(models.TextChoices):
    STRONG = "strong", _("strong")
    POSSIBLE = "possible", _("possible")


class DateComparison(enum.Enum):
    """How two (possibly partial) dates of birth relate."""

    EXACT = "exact"
    SWAPPED = "swapped"
    PLACEHOLDER = "placeholder"
    PARTIAL = "partial"
    YEAR_OFF_BY_ONE = "year_off_by_one"
    YEAR_ONLY = "year_only"
    DISAGREE = "disagree"
    UNKNOWN = "unknown"


class _Level(enum.Enum):
    """How firmly a name field agrees (see the module docstring); a category, not a number."""

    EXACT = "exact"
    CLOSE = "close"
    WEAK = "weak"


_FIELD_OF: dict[str, MatchField] = {
    **{kind: MatchField.SURNAME for kind in Agreement.values if kind.startswith("surname_")},
    **{kind: MatchField.GIVEN_NAMES for kind in Agreement.values if kind.startswith("given_")},
    **{kind: MatchField.DATE_OF_BIRTH for kind in Agreement.values if kind.startswith("date_")},
    Agreement.BSN_SAME.value: MatchField.BSN,
}
_CLOSE = {Agreement.SURNAME_PREFIX_DIFFERS, Agreement.SURNAME_CLOSE, Agreement.GIVEN_CLOSE}
# Loose dates need names that agree completely: many people share a name and a year.
_STRICT = {
    Agreement.SURNAME_SAME,
    Agreement.SURNAME_PREFIX_JOINED,
    Agreement.GIVEN_SAME,
    Agreement.GIVEN_VARIANT,
}
_WEAK = {Agreement.GIVEN_FIRST_ONLY, Agreement.GIVEN_OTHER_NAME, Agreement.GIVEN_INITIALS}
_DATE_REASON = {
    DateComparison.EXACT: Agreement.DATE_SAME,
    DateComparison.SWAPPED: Agreement.DATE_SWAPPED,
    DateComparison.PLACEHOLDER: Agreement.DATE_PLACEHOLDER,
    DateComparison.PARTIAL: Agreement.DATE_PARTIAL,
    DateComparison.YEAR_OFF_BY_ONE: Agreement.DATE_YEAR_OFF_BY_ONE,
    DateComparison.YEAR_ONLY: Agreement.DATE_YEAR_ONLY,
}
# Dates that agree on more than the year: what weak given-name evidence needs beside it.
_PRECISE_DATES = {DateComparison.EXACT, DateComparison.SWAPPED, DateComparison.YEAR_OFF_BY_ONE}
_KNOWN_DATES = {
    DateComparison.EXACT,
    DateComparison.SWAPPED,
    DateComparison.PLACEHOLDER,
    DateComparison.PARTIAL,
    DateComparison.YEAR_OFF_BY_ONE,
}


@dataclass(frozen=True)
class Reason:
    """One field that agreed, and how. ``name`` is the canonical name of a variant."""

    agreement: Agreement
    name: str = ""

    @property
    def field(self) -> MatchField:
        return _FIELD_OF[self.agreement.value]

    @property
    def description(self) -> str:
        """The reason in the active language, e.g. "given name: transliteration variant of
        Mohammed"."""
        label = str(self.agreement.label)
        return label % {"name": self.name} if self.name else label


@dataclass(frozen=True)
class Candidate:
    """A person who may be the one asked about: which fields agreed, and the category."""

    subject_id: int
    reasons: tuple[Reason, ...]
    strength: Strength


@dataclass(frozen=True)
class PersonQuery:
    """The identity asked about; the same fields as a Subject, all but the surname optional."""

    surname: str
    given_names: str = ""
    surname_prefix: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    bsn: str = ""

    @classmethod
    def from_subject(cls, subject: Subject) -> PersonQuery:
        return cls(
            surname=subject.surname,
            given_names=subject.given_names,
            surname_prefix=subject.surname_prefix,
            birth_year=subject.birth_year,
            birth_month=subject.birth_month,
            birth_day=subject.birth_day,
            bsn=subject.bsn,
        )


class PartialDate(NamedTuple):
    year: int | None
    month: int | None = None
    day: int | None = None


def close_spelling(first: str, second: str) -> bool:
    """Whether two folded names are a likely typo of each other (threshold documented above)."""
    if min(len(first), len(second)) < CLOSE_MIN_LENGTH:
        return False
    limit = (
        CLOSE_DISTANCE_LONG
        if max(len(first), len(second)) > CLOSE_LONG_NAME
        else CLOSE_DISTANCE_SHORT
    )
    return OSA.distance(first, second, score_cutoff=limit) <= limit


def compare_surnames(first: SplitSurname, second: SplitSurname) -> Agreement | None:
    if first.core == second.core:
        if first.prefix == second.prefix:
            return Agreement.SURNAME_SAME
        return Agreement.SURNAME_PREFIX_DIFFERS
    if first.joined == second.joined:
        return Agreement.SURNAME_PREFIX_JOINED
    first_cores = {first.core, *surname_without_joined_prefix(first.core)}
    second_cores = {second.core, *surname_without_joined_prefix(second.core)}
    # "Elamrani" and "Al Amrani": the same core once the joined article is taken off.
    if (not first.prefix and second.core in first_cores) or (
        not second.prefix and first.core in second_cores
    ):
        return Agreement.SURNAME_PREFIX_DIFFERS
    if close_spelling(first.core, second.core) or close_spelling(first.joined, second.joined):
        return Agreement.SURNAME_CLOSE
    return None


def _is_initials(text: str) -> bool:
    words = fold(text).replace("'", "").split()
    return bool(words) and all(len(word) == 1 for word in words)


def _initials(text: str) -> str:
    return "".join(word[0] for word in fold(text).replace("'", "").split() if word)


def compare_given_names(first: str, second: str) -> Reason | None:
    """Whether the given names agree, and how; None when they do not or one is empty."""
    if _is_initials(first) or _is_initials(second):
        short, long = sorted((_initials(first), _initials(second)), key=len)
        if short and long.startswith(short):
            return Reason(Agreement.GIVEN_INITIALS)
        return None
    names_a, names_b = given_names(first), given_names(second)
    if not names_a or not names_b:
        return None
    pairs = list(zip(names_a, names_b, strict=False))
    how = [_name_agreement(a, b) for a, b in pairs]
    if how[0] is _NameAgreement.DIFFERS:
        if {n.canonical for n in names_a} & {n.canonical for n in names_b}:
            return Reason(Agreement.GIVEN_OTHER_NAME)
        return None
    if _NameAgreement.DIFFERS in how:
        # "Hamza Osman" and "Hamza Oguz": a conflicting further name speaks against.
        return Reason(Agreement.GIVEN_FIRST_ONLY)
    if _NameAgreement.CLOSE in how:
        return Reason(Agreement.GIVEN_CLOSE)
    varied = next(
        (a for (a, _b), h in zip(pairs, how, strict=True) if h is _NameAgreement.VARIANT), None
    )
    if len(names_a) != len(names_b):
        if varied is None:
            return Reason(Agreement.GIVEN_FEWER)
        return Reason(Agreement.GIVEN_FEWER_VARIANT, display_name(varied.canonical))
    if varied is None:
        return Reason(Agreement.GIVEN_SAME)
    return Reason(Agreement.GIVEN_VARIANT, display_name(varied.canonical))


class _NameAgreement(enum.Enum):
    SAME = "same"
    VARIANT = "variant"
    CLOSE = "close"
    DIFFERS = "differs"


def _name_agreement(first: GivenName, second: GivenName) -> _NameAgreement:
    if first.spelling == second.spelling:
        return _NameAgreement.SAME
    if first.canonical == second.canonical:
        return _NameAgreement.VARIANT
    if close_spelling(first.spelling, second.spelling) or close_spelling(
        first.canonical, second.canonical
    ):
        return _NameAgreement.CLOSE
    return _NameAgreement.DIFFERS


def compare_dates(first: PartialDate, second: PartialDate) -> DateComparison:
    """Compares two dates of birth, each possibly partial (year only, month and year)."""
    if first.year is None or second.year is None:
        return DateComparison.UNKNOWN
    first_full = first.month is not None and first.day is not None
    second_full = second.month is not None and second.day is not None
    if first.year != second.year:
        same_day = (first.month, first.day) == (second.month, second.day)
        if abs(first.year - second.year) == 1 and first_full and second_full and same_day:
            return DateComparison.YEAR_OFF_BY_ONE
        return DateComparison.DISAGREE
    if first_full and second_full:
        if (first.month, first.day) == (second.month, second.day):
            return DateComparison.EXACT
        if (first.month, first.day) == (second.day, second.month):
            return DateComparison.SWAPPED
        if (first.month, first.day) == (1, 1) or (second.month, second.day) == (1, 1):
            return DateComparison.PLACEHOLDER
        return DateComparison.YEAR_ONLY
    if first.month is None or second.month is None or first.month == second.month:
        return DateComparison.PARTIAL
    if (first_full and (first.month, first.day) == (1, 1)) or (
        second_full and (second.month, second.day) == (1, 1)
    ):
        return DateComparison.PLACEHOLDER
    return DateComparison.YEAR_ONLY


def _level(agreement: Agreement) -> _Level:
    if agreement in _WEAK:
        return _Level.WEAK
    if agreement in _CLOSE:
        return _Level.CLOSE
    return _Level.EXACT


def compare(query: PersonQuery, other: PersonQuery) -> tuple[tuple[Reason, ...], Strength] | None:
    """The reasons and strength when ``other`` is a candidate for ``query``, else None."""
    if query.bsn and other.bsn and query.bsn != other.bsn:
        return None
    same_bsn = bool(query.bsn) and query.bsn == other.bsn
    surname = compare_surnames(
        split_surname(query.surname_prefix, query.surname),
        split_surname(other.surname_prefix, other.surname),
    )
    if surname is None and not same_bsn:
        return None  # most of a block: the given-name part brings other surnames
    given = compare_given_names(query.given_names, other.given_names)
    dates = compare_dates(
        PartialDate(query.birth_year, query.birth_month, query.birth_day),
        PartialDate(other.birth_year, other.birth_month, other.birth_day),
    )
    reasons: list[Reason] = []
    if same_bsn:
        reasons.append(Reason(Agreement.BSN_SAME))
    if surname is not None:
        reasons.append(Reason(surname))
    if given is not None:
        reasons.append(given)
    if dates in _DATE_REASON:
        reasons.append(Reason(_DATE_REASON[dates]))
    if same_bsn:
        return tuple(reasons), Strength.STRONG
    assert surname is not None  # ruled out above, unless the BSN is the same
    # The rule of the module docstring, one condition a line.
    if dates == DateComparison.DISAGREE:
        return None
    if given is None and query.given_names.strip() and other.given_names.strip():
        return None
    surname_level = _level(surname)
    given_level = _level(given.agreement) if given is not None else _Level.WEAK
    strict_names = surname in _STRICT and given is not None and given.agreement in _STRICT
    if dates not in _KNOWN_DATES and not strict_names:
        return None
    if given_level == _Level.WEAK and dates not in _PRECISE_DATES:
        return None
    strong = (
        dates in _KNOWN_DATES
        and _Level.WEAK not in (surname_level, given_level)
        and (surname_level, given_level) != (_Level.CLOSE, _Level.CLOSE)
    )
    return tuple(reasons), Strength.STRONG if strong else Strength.POSSIBLE


# The columns the comparison needs; the benchmark reads the same block with them.
BLOCK_COLUMNS = (
    "id",
    "given_names",
    "surname_prefix",
    "surname",
    "birth_year",
    "birth_month",
    "birth_day",
    "bsn",
    "match_surname",
)


def block_parts(query: PersonQuery) -> list[Q]:
    """The blocks of the query (see the module docstring), one indexed lookup each."""
    surnames = sorted(surname_query_keys(query.surname_prefix, query.surname))
    parts: list[Q] = []
    if query.birth_year is None:
        parts.append(Q(match_surname__in=surnames))
    else:
        years = [*range(query.birth_year - YEAR_WINDOW, query.birth_year + YEAR_WINDOW + 1)]
        years.append(UNKNOWN_YEAR)
        parts.append(Q(match_surname__in=surnames, match_birth_year__in=years))
        given = given_key(query.given_names)
        # A single letter is an initial: as a key it would read a whole year's births.
        if len(given) > 1:
            parts.append(Q(match_given=given, match_birth_year__in=years))
    if query.bsn:
        # The unique BSN index is partial (non-empty BSNs); the extra term lets SQLite use it.
        parts.append(Q(bsn=query.bsn) & ~Q(bsn=""))
    return parts


class _WithoutIndex(Func):
    """SQL's unary plus: the same value, but the planner may not use an index for it.

    Without ANALYZE statistics SQLite would read a whole municipality through the
    municipality index rather than the small block; this keeps it on the block's indexes.
    """

    template = "+%(expressions)s"
    output_field = BigIntegerField()


def block_rows(
    query: PersonQuery, *, municipality: Municipality | None = None
) -> QuerySet[Subject, tuple[Any, ...]]:
    """The block as rows of ``BLOCK_COLUMNS``: one SELECT, each OR-part on its own index."""
    subjects = Subject.objects.filter(reduce(operator.or_, block_parts(query)))
    if municipality is not None:
        subjects = subjects.alias(
            municipality_unindexed=_WithoutIndex(F("municipality_id"))
        ).filter(municipality_unindexed=municipality.pk)
    return subjects.order_by().values_list(*BLOCK_COLUMNS)


def find_candidates(
    query: PersonQuery, *, municipality: Municipality | None = None
) -> list[Candidate]:
    """People who may be the person asked about, strong before possible, with reasons.

    Reads only the block (see ``block_rows``); ``municipality`` narrows it to one
    municipality. The caller gates and logs the check; this function reads no more than
    the identity fields of the block.
    """
    found: list[tuple[tuple[int, str, str, int], Candidate]] = []
    for row in block_rows(query, municipality=municipality):
        pk, given, prefix, surname, year, month, day, bsn, surname_key = row
        other = PersonQuery(
            surname=surname,
            given_names=given,
            surname_prefix=prefix,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            bsn=bsn,
        )
        outcome = compare(query, other)
        if outcome is None:
            continue
        reasons, strength = outcome
        order = (0 if strength == Strength.STRONG else 1, surname_key, fold(given), pk)
        found.append((order, Candidate(subject_id=pk, reasons=reasons, strength=strength)))
    found.sort(key=lambda item: item[0])
    return [candidate for _order, candidate in found]
