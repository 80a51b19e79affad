"""Whether a person's name answers what was typed in the search box, and why.

The identity matcher (``persons.matching``) decides field by field whether two names agree:
the same after normalisation, with the prefix written joined or apart or missing, a close
spelling (one letter off in a name of at least 4 letters, two in one of over 8), a
transliteration variant of a given name, initials. Its full check (``compare``) asks more
than a search box gives — a date of birth, or given names *and* surname — so the search
uses its field comparisons with a rule of its own:

- the surname agrees in one of the matcher's ways, or the person's surname begins with what
  was typed (at least ``BEGINS_MIN_LETTERS`` letters: "Voorb" finds "Voorbeeld"); and
- when given names were typed, they agree in one of the matcher's ways.

No number per person is computed or shown: a match has its reasons, nothing else, and the
results are ordered by name (see search.gates), never by how well or how much.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from persons.matching import Reason, compare_given_names, compare_surnames
from persons.names import SplitSurname, split_surname
from search.terms import NameSplit

# Fewer letters find too many people to be a search for someone.
BEGINS_MIN_LETTERS = 3
BEGINS_REASON = _("surname: begins with what you typed")


@dataclass(frozen=True)
class NameRow:
    """The identity fields of one person, as read from the database."""

    subject_id: int
    given_names: str
    surname_prefix: str
    surname: str


@dataclass(frozen=True)
class PreparedSplit:
    """A reading of the typed words with its surname normalised once for every person."""

    given_names: str
    surname: SplitSurname


def prepare(splits: tuple[NameSplit, ...]) -> tuple[PreparedSplit, ...]:
    return tuple(
        PreparedSplit(split.given_names, split_surname("", split.surname))
        for split in splits
        if split.surname.strip()
    )


def _begins_with(typed: SplitSurname, stored: SplitSurname) -> bool:
    if len(typed.core) < BEGINS_MIN_LETTERS:
        return False
    if stored.core.startswith(typed.core):
        return True
    return stored.joined.startswith(typed.joined)


def _surname_reason(typed: SplitSurname, stored: SplitSurname) -> str | None:
    agreement = compare_surnames(typed, stored)
    if agreement is not None:
        return Reason(agreement).description
    if _begins_with(typed, stored):
        return str(BEGINS_REASON)
    return None


def reasons_for(splits: tuple[PreparedSplit, ...], row: NameRow) -> tuple[str, ...] | None:
    """Why the person answers the first reading that fits, in the active language; None
    when no reading fits."""
    stored = split_surname(row.surname_prefix, row.surname)
    for split in splits:
        surname = _surname_reason(split.surname, stored)
        if surname is None:
            continue
        if not split.given_names:
            return (surname,)
        given = compare_given_names(split.given_names, row.given_names)
        if given is not None:
            return (surname, given.description)
    return None
