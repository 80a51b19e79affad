"""Who may use the search box (persons, signal numbers, case numbers).

Searching is an identity lookup, so only the roles that work with persons may knock
(``roles.SEARCHERS``). What a search shows is decided per object by the rules beside each
object type (``may_view_subject``, ``may_view_signal``, ``may_view_case``) through the list
scopes; this rule decides only who gets the box.
"""

from __future__ import annotations

from access import roles
from access.facts import Actor


def may_search(actor: Actor) -> bool:
    return roles.has_role(actor, roles.SEARCHERS)
