"""Rules about press lines (issue 14, point 5 and the mayor's part of point 4).

A press line of a case is recorded by those who direct the case (access.cases.
may_direct_press); a press line of the municipality itself (unrest in a neighbourhood, a
general statement, no case) by the municipality's lead and its mayor's office, who prepare
what the local triangle agrees. The mayor's office reads the press lines of its own
municipality's cases too, without any other access to those cases.

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from django.db.models import Q

from access import roles
from access.cases import case_scope, may_view_case
from access.facts import Actor, CaseFacts, MunicipalityFacts
from accounts.models import Role

# Who keeps the municipality's own press lines (the door of their pages and the menu).
MUNICIPAL_PRESS_KEEPERS = roles.LEAD | roles.MAYOR_OFFICE


def is_mayor_office_of(actor: Actor, municipality_id: int) -> bool:
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == municipality_id


def may_keep_municipal_press(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Reading, drawing up, changing and agreeing the press lines of the municipality itself:
    its lead and its mayor's office; nobody of another municipality, no partner."""
    if actor.municipality_id != municipality.municipality_id:
        return False
    return actor.role in MUNICIPAL_PRESS_KEEPERS


def may_read_case_press(actor: Actor, case: CaseFacts) -> bool:
    """A case's press lines: whoever may see the case, and the mayor's office of the case's
    municipality (read only: the triangle agrees the line the mayor will speak to)."""
    if may_view_case(actor, case):
        return True
    return is_mayor_office_of(actor, case.municipality_id)


def press_case_scope(actor: Actor) -> Q:
    """The cases whose press lines ``may_read_case_press`` lets the actor read, as a filter on
    Case (use .distinct()). A property of the two held together is tested."""
    if actor.role == Role.MAYOR_OFFICE and actor.municipality_id is not None:
        return Q(municipality_id=actor.municipality_id)
    return case_scope(actor)
