"""Declared access rules for every URL.

Each view declares who may reach it with one of the decorators below (or, for views of other
packages, an entry in ``THIRD_PARTY_RULES``). ``access.middleware.AccessRuleMiddleware``
enforces the rule on every request and refuses a view without one, and
``tests/test_url_rules.py`` walks the URLconf and sends an outsider to every pattern, so no
URL can be added without a rule and a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


class Kind(StrEnum):
    PUBLIC = "public"  # anyone, logged in or not (login, accessibility statement)
    SECOND_FACTOR = "second_factor"  # password given, second factor still due
    AUTHENTICATED = "authenticated"  # fully logged in, any role (own account, start page)
    ROLES = "roles"  # fully logged in with one of the given roles in the active membership
    OBJECT = "object"  # fully logged in; the view fetches its object through a gate (404)


@dataclass(frozen=True)
class AccessRule:
    kind: Kind
    roles: frozenset[str] = frozenset()
    why: str = ""

    def describe(self) -> str:
        if self.kind is Kind.ROLES:
            return f"roles: {', '.join(sorted(self.roles))}"
        return self.kind.value


ATTRIBUTE = "access_rule"


def _declare(rule: AccessRule) -> Callable[[ViewT], ViewT]:
    def decorate(view: ViewT) -> ViewT:
        setattr(view, ATTRIBUTE, rule)
        return view

    return decorate


def public(*, why: str) -> Callable[[ViewT], ViewT]:
    """Reachable without logging in. The reason is required and shows up in the URL report."""
    return _declare(AccessRule(Kind.PUBLIC, why=why))


def second_factor(view: ViewT) -> ViewT:
    return _declare(AccessRule(Kind.SECOND_FACTOR))(view)


def authenticated(view: ViewT) -> ViewT:
    return _declare(AccessRule(Kind.AUTHENTICATED))(view)


def roles(*role_sets: str | frozenset[str]) -> Callable[[ViewT], ViewT]:
    """Fully logged in with one of these roles: role sets from ``access.roles`` (or single
    role names), so the door and the menu read the same definition."""
    names = frozenset(
        name for item in role_sets for name in ((item,) if isinstance(item, str) else item)
    )
    if not names:
        raise ValueError("roles() needs at least one role.")
    return _declare(AccessRule(Kind.ROLES, roles=names))


def object_gate(view: ViewT) -> ViewT:
    """The view itself fetches its object through a gate, which answers 404 to outsiders."""
    return _declare(AccessRule(Kind.OBJECT))(view)


# Views of other packages, by URL name. Kept short and reviewed: each is a door.
THIRD_PARTY_RULES: dict[str, AccessRule] = {
    "set_language": AccessRule(Kind.PUBLIC, why="language switch; sets a cookie only"),
    "oidc_authentication_init": AccessRule(Kind.PUBLIC, why="starts single sign-on"),
    "oidc_authentication_callback": AccessRule(Kind.PUBLIC, why="single sign-on callback"),
    "oidc_logout": AccessRule(Kind.SECOND_FACTOR),
}


def rule_for_view(view: Callable[..., Any], url_name: str | None) -> AccessRule | None:
    rule = getattr(view, ATTRIBUTE, None)
    if rule is None:
        view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
        rule = getattr(view_class, ATTRIBUTE, None)
    if rule is None and url_name:
        rule = THIRD_PARTY_RULES.get(url_name)
    return rule if isinstance(rule, AccessRule) else None


def is_api_view(view: Callable[..., Any]) -> bool:
    """DRF views authenticate inside the view; their rule is enforced by access.api."""
    return getattr(view, "cls", None) is not None
