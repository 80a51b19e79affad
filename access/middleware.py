"""Enforces the declared access rule of every view (see access.rules)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from access.actor import actor_for_request
from access.facts import Actor
from access.refusal import ROLE_DENIED, SECURITY_ACTIVITY
from access.roles import has_role
from accounts.session import is_fully_authenticated
from audit.models import Operation, Result
from audit.services import log_processing
from lib.access_rules import Kind, is_api_view, rule_for_view


class AccessRuleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        rule = rule_for_view(view_func, match.view_name if match else None)
        if rule is None:
            # Deny by default: a view nobody declared a rule for does not exist.
            raise Http404
        if is_api_view(view_func) or rule.kind is Kind.PUBLIC:
            # API views authenticate tokens themselves; access.api enforces the same rule.
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule.kind is Kind.SECOND_FACTOR:
            return None
        if not is_fully_authenticated(request):
            return redirect("accounts:second_factor")
        if rule.kind is not Kind.ROLES:
            return None
        actor = actor_for_request(request)
        if actor is None or not has_role(actor, rule.roles):
            record_denied(request, actor)
            # Same answer as a page that does not exist: a role check reveals nothing.
            raise Http404
        return None


def record_denied(request: Any, actor: Actor | None) -> None:
    """A logged-in user reached for a page or API operation of another role: a security
    event. Takes a Django or a REST framework request."""
    match = request.resolver_match
    log_processing(
        activity=SECURITY_ACTIVITY,
        name=ROLE_DENIED,
        operation=Operation.DENIED,
        result=Result.REFUSED,
        actor=actor,
        actor_user_id=request.user.pk,
        subjects=[f"user:{request.user.pk}"],
        object_type="url",
        object_id=(match.view_name if match else request.path)[:64],
    )
