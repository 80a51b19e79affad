"""Small builders for preparedness tests, through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from accounts.models import Municipality
from preparedness.models import KeyFigure
from preparedness.services import KeyFigureData, key_figure_create
from tests.personas import World


def key_figure(
    world: World, *, municipality: Municipality | None = None, **overrides: Any
) -> KeyFigure:
    values: dict[str, Any] = {
        "name": "Aziz Testfiguur",
        "contact_details": "06-00000000 (fictief)",
        "community": "Moskeevereniging Testwijk",
        "trust_notes": "Goed contact via de wijkagent.",
        "last_contact_on": date(2026, 1, 10),
        "next_contact_on": date(2026, 4, 10),
    }
    values.update(overrides)
    return key_figure_create(
        actor=world.actor(world.lead),
        municipality=municipality or world.wijkstad,
        data=KeyFigureData(**values),
    )
