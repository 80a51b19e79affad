"""From a request or a membership to the Actor the policy reasons about."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from access.facts import Actor
from accounts.models import Membership, User
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


def request_actor(request: Any) -> Actor:
    """The actor of a request that passed its access rule; 404 if it has no active membership.

    Takes a Django or a REST framework request.
    """
    actor = actor_for_request(request)
    if actor is None:
        raise Http404
    return actor


def request_user(request: Any) -> User:
    """The logged-in user of a request that passed its access rule."""
    user = request.user
    assert isinstance(user, User)  # the access rule lets only logged-in users in
    return user
