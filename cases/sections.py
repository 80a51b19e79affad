"""The sections of the case page, each gathered by the module that owns its data.

Each function receives a case that already passed the gate and returns template context;
it filters and logs what it shows itself (entries by category, for instance).
"""

from __future__ import annotations

from access.policy import Actor
from cases.models import Case


def entries_section(actor: Actor, case: Case) -> dict[str, object]:
    """Entries and the merged timeline (filled by cases/views_entries.py)."""
    return {}


def plan_section(actor: Actor, case: Case) -> dict[str, object]:
    """Plan goals, open actions, last conference (filled by cases/views_plan.py)."""
    return {}


def tasks_section(actor: Actor, case: Case) -> dict[str, object]:
    """Open tasks and upcoming deadlines of the case (filled by the tasks work)."""
    return {}
