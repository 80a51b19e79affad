"""Gates for the logged-in user's own account (one function per object type)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from access.actor import request_actor
from access.facts import Actor
from accounts.models import ApiToken, User
from audit.models import Operation
from audit.services import log_processing


def get_own_account(request: Any, *, name: str) -> tuple[User, Actor]:
    """The user's own account; the read is logged. 404 without an active membership."""
    actor = request_actor(request)
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


def get_own_token(request: Any, token_id: int) -> tuple[ApiToken, Actor]:
    """One of the user's own API tokens; anyone else's (or none) is the same 404."""
    actor = request_actor(request)
    token = ApiToken.objects.filter(pk=token_id).select_related("membership").first()
    if token is None:
        raise Http404
    if token.membership.user_id != actor.user_id:
        raise Http404
    return token, actor
