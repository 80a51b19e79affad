"""Gates for the logged-in user's own account (one function per object type)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from access.actor import actor_for_request
from access.policy import Actor
from accounts.models import User
from audit.models import Operation
from audit.services import log_processing


def get_own_account(request: Any, *, name: str) -> tuple[User, Actor]:
    """The user's own account; the read is logged. 404 without an active membership."""
    actor = actor_for_request(request)
    if actor is None:
        raise Http404
    user = User.objects.get(pk=actor.user_id)
    log_processing(
        activity="account",
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{user.pk}"],
        object_type="user",
        object_id=user.pk,
    )
    return user, actor
