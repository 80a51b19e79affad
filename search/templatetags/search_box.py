"""Whether the header shows the search box: the rule in access.search, for the session's role."""

from __future__ import annotations

from django import template

from access.actor import actor_for_membership
from access.search import may_search
from accounts.models import Membership

register = template.Library()


@register.filter
def may_search_as(membership: Membership | None) -> bool:
    """``{% if active_membership|may_search_as %}``: False without an active membership (not
    logged in, or the second factor still due)."""
    if membership is None:
        return False
    return may_search(actor_for_membership(membership))
