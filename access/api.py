"""The access rule of an API view, enforced in Django REST framework."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from access.actor import actor_for_request
from access.middleware import record_denied
from access.roles import has_role
from accounts.session import is_fully_authenticated
from lib.access_rules import Kind, rule_for_view


class DeclaredRulePermission(BasePermission):
    """Allows a request only when the view's declared rule does; 404 for a wrong role."""

    def has_permission(self, request: Request, view: Any) -> bool:
        rule = rule_for_view(view, None)
        if rule is None:
            raise NotFound
        if rule.kind is Kind.PUBLIC:
            return True
        if not is_fully_authenticated(request):
            raise NotAuthenticated
        if rule.kind is not Kind.ROLES:
            return True
        actor = actor_for_request(request)
        if actor is None or not has_role(actor, rule.roles):
            record_denied(request, actor)
            raise NotFound
        return True
