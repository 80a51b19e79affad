"""Oversight of how accounts use Schakel: which accounts the privacy officer oversees.

The usage page counts refusals and "already known?" checks per account. It is about the
users' use of the system, never about the persons in it, and it stays within the officer's
region: the organisations of their own municipality and the regional chain partners that work
for it (police, safety house, care). Another municipality's own staff are that municipality's
privacy officer's business.
"""

from __future__ import annotations

from django.db.models import Q

from access.facts import Actor
from accounts.models import Role


def may_oversee_usage(actor: Actor) -> bool:
    return actor.role == Role.PRIVACY_OFFICER


def is_within_reach(actor: Actor, *, municipality_id: int | None, region_id: int) -> bool:
    """An organisation of the actor's own municipality, or a regional organisation (no
    municipality) of the actor's region: the reach of oversight, for usage and for grants."""
    if region_id != actor.region_id:
        return False
    if municipality_id is None:
        return True
    return municipality_id == actor.municipality_id


def may_oversee_organisation(actor: Actor, *, municipality_id: int | None, region_id: int) -> bool:
    """Whether the actor oversees the use of Schakel by this organisation's accounts."""
    if not may_oversee_usage(actor):
        return False
    return is_within_reach(actor, municipality_id=municipality_id, region_id=region_id)


def usage_organisation_scope(actor: Actor) -> Q:
    """Organisations (as a filter on accounts.Organisation) whose accounts the actor oversees:
    the scope beside may_oversee_organisation."""
    if not may_oversee_usage(actor) or actor.region_id is None:
        return Q(pk__in=[])
    regional_partners = Q(municipality__isnull=True, region_id=actor.region_id)
    if actor.municipality_id is None:
        # A privacy officer of a regional organisation oversees the regional partners only.
        return regional_partners
    return Q(municipality_id=actor.municipality_id) | regional_partners
