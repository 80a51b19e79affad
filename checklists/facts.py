"""Facts that fulfil checklist items (issue 14): the catalogue names a fact kind per item, as
data; the app that records the fact says how to find it and link to it.

An item of the catalogue says *what* fulfils it (``TemplateItem.fulfilled_by``, one of
``FactKind``, with an optional parameter such as a measure type's code). A provider per kind
says *where* that fact is: ``find`` looks for it in a case, ``link`` gives the address of the
record when the viewer may open it, and ``triggers`` name the models whose saving may create
the fact. The kinds recorded by earlier apps (cases, conferences, measures) are registered by
this app; network and support register theirs from their own ``apps.py`` (this app may not
import them). A kind without a provider simply stays a hand-ticked item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from access.facts import Actor, CaseFacts
    from accounts.models import User
    from cases.models import Case


class FactKind(models.TextChoices):
    PRESS_LINE_AGREED = "press_line_agreed", _("press line agreed")
    NETWORK_RELATION = "network_relation", _("network with at least one relation")
    PLAN_AGREED = "plan_agreed", _("plan of approach agreed since the event date")
    MEASURE_REQUESTED = "measure_requested", _("measure of the given type requested or in force")
    CONFERENCE_HELD = "conference_held", _("case conference held since the event date")
    FAMILY_CONTACT = "family_contact", _("family support contact since the event date")
    REINTEGRATION_PLAN = "reintegration_plan", _("reintegration plan drawn up")


# The kinds that need a parameter, and what it names (shown in the catalogue form).
NEEDS_PARAMETER: dict[str, str] = {FactKind.MEASURE_REQUESTED: "measure type code"}


@dataclass(frozen=True)
class Fact:
    """A record that fulfils an item: what (object type, id, a short detail without personal
    data), when, and by whom."""

    object_type: str
    object_id: int
    at: datetime
    actor: User | None
    detail: str = ""


# find(case, parameter, since) -> the earliest fact that fulfils the item, or None.
Finder = Callable[["Case", str, date], Fact | None]
# link(actor, case, facts, object_id) -> the record's address if the actor may open it.
Linker = Callable[["Actor", "Case", "CaseFacts", int], str | None]
# cases_of(instance) -> the ids of the cases a saved instance may fulfil an item of.
CasesOf = Callable[[Any], Iterable[int]]


@dataclass(frozen=True)
class FactProvider:
    kind: str
    find: Finder
    link: Linker
    triggers: tuple[tuple[type[models.Model], CasesOf], ...] = field(default_factory=tuple)


_PROVIDERS: dict[str, FactProvider] = {}


def register_fact_provider(provider: FactProvider) -> None:
    """Called from an app's ``ready()``; registering the same kind twice keeps the last."""
    if provider.kind not in FactKind.values:
        raise ValueError(f"Unknown fact kind {provider.kind!r}: add it to FactKind first.")
    _PROVIDERS[provider.kind] = provider
    # The receivers are connected as the providers arrive (a model may be named twice).
    from checklists.receivers import connect_triggers

    connect_triggers(provider)


def provider_for(kind: str) -> FactProvider | None:
    return _PROVIDERS.get(kind)


def registered_kinds() -> set[str]:
    return set(_PROVIDERS)


def case_of_attribute(instance: Any) -> list[int]:
    """The usual ``cases_of``: the instance's own ``case_id``."""
    case_id = getattr(instance, "case_id", None)
    return [case_id] if case_id is not None else []
