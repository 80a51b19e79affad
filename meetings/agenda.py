"""The agenda sources: how a meeting learns what is due without importing later apps.

Meetings come before signals and cases in the import order (DESIGN §6), so an app that has
things to discuss registers an ``AgendaSource`` for its item type, usually from its
``AppConfig.ready()``. A source answers three questions about its own items:

- ``due``: which items belong on this meeting's agenda now (and why);
- ``describe``: what a viewer may see of some items — items the viewer may not see are left
  out of the answer, and the source logs the reads of what it returns;
- ``decide``: record the session's decision on one item (weighing sessions only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from access.facts import Actor
from accounts.models import User
from meetings.models import Meeting
from meetings.weighing import WeighingInput


class ItemChanged(Exception):  # noqa: N818 - names the situation the user must resolve
    """The item changed after the user opened it; the decision was not recorded."""


@dataclass(frozen=True)
class DueItem:
    item_id: int
    # Stored on the agenda item as an English msgid and translated when shown.
    reason: str
    # Data subjects ("subject:12") whose data the agenda discloses to the attendees.
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionSummary:
    outcome: str
    outcome_label: str
    decided_on: date
    decided_by: str
    review_on: date | None
    retention_until: date | None
    referral_organisation: str
    record: WeighingInput


@dataclass(frozen=True)
class ItemSummary:
    """What one viewer may see of one agenda item."""

    title: str
    subject: str
    status: str
    description: str
    version: int
    # Due for a decision in this meeting and the viewer may record it.
    decidable: bool
    decision: DecisionSummary | None
    # (label, url) of the pages this item leads to that the viewer may open: the item's own
    # page and what its decision led to (a case).
    links: tuple[tuple[str, str], ...] = ()


class Describe(Protocol):
    def __call__(
        self, *, actor: Actor, meeting: Meeting, item_ids: Sequence[int], log_name: str
    ) -> dict[int, ItemSummary]: ...


class Decide(Protocol):
    def __call__(
        self,
        *,
        actor: Actor,
        user: User,
        meeting: Meeting,
        item_id: int,
        data: WeighingInput,
        version: int,
    ) -> DecisionSummary: ...


@dataclass(frozen=True)
class AgendaSource:
    item_type: str
    meeting_kind: str
    # The processing activity (register code) under which agenda changes are logged.
    activity: str
    due: Callable[[Meeting], Sequence[DueItem]]
    describe: Describe
    decide: Decide | None = None


_SOURCES: dict[str, AgendaSource] = {}


def register_agenda_source(source: AgendaSource) -> None:
    """Registers (or, on a reload, replaces) the source of one item type."""
    _SOURCES[source.item_type] = source


def source_for(item_type: str) -> AgendaSource | None:
    return _SOURCES.get(item_type)


def sources_for(meeting_kind: str) -> list[AgendaSource]:
    return [s for s in _SOURCES.values() if s.meeting_kind == meeting_kind]
