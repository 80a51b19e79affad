"""From a request or a membership to the Actor the policy reasons about."""

from __future__ import annotations

from django.http import HttpRequest

from access.policy import Actor
from accounts.models import Membership
from accounts.session import active_membership


def actor_for_membership(membership: Membership) -> Actor:
    organisation = membership.organisation
    return Actor(
        user_id=membership.user_id,
        membership_id=membership.pk,
        role=membership.role,
        organisation_id=organisation.pk,
        organisation_kind=organisation.kind,
        municipality_id=organisation.municipality_id,
        region_id=organisation.region_id,
    )


def actor_for_request(request: HttpRequest) -> Actor | None:
    membership = active_membership(request)
    if membership is None:
        return None
    return actor_for_membership(membership)
