"""Every URL pattern has a declared access rule, and an outsider is refused by each.

This walks the whole URLconf, so a later issue cannot add an ungated URL: a pattern without
a rule fails here, and every pattern that is not public is requested by an anonymous visitor
and by a logged-in user without the right role or object (who must get 404).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from lib.access_rules import AccessRule, Kind, is_api_view, rule_for_view
from tests.personas import World, sign_in

# Public URLs are doors: each one is listed here on purpose, with the reason in its view.
EXPECTED_PUBLIC = {
    "accounts:login",
    "portal:accessibility",
    "set_language",
}


@dataclass(frozen=True)
class Route:
    path: str
    name: str
    callback: Any

    @property
    def rule(self) -> AccessRule | None:
        return rule_for_view(self.callback, self.name)

    @property
    def has_parameters(self) -> bool:
        return "<" in self.path


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(prefix + str(pattern.pattern), name, pattern.callback)


ROUTES = list(_walk(get_resolver().url_patterns))

_SAMPLES = {
    "int": "987654",
    "str": "onbekend",
    "slug": "onbekend",
    "uuid": str(uuid.UUID(int=0xFEED)),
    "path": "onbekend/pad",
}


def concrete(path: str) -> str:
    """A request path for a pattern, with ids that belong to nobody."""

    def sample(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return _SAMPLES.get(converter, "onbekend")

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", sample, path)


def test_the_urlconf_has_routes():
    assert len(ROUTES) >= 10


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.path)
def test_every_url_declares_an_access_rule(route: Route):
    assert route.rule is not None, f"{route.path} ({route.name}) has no declared access rule"


def test_the_public_urls_are_exactly_the_expected_ones():
    public = {r.name for r in ROUTES if r.rule is not None and r.rule.kind is Kind.PUBLIC}
    assert public == EXPECTED_PUBLIC


def test_every_public_url_says_why():
    for route in ROUTES:
        rule = route.rule
        if rule is not None and rule.kind is Kind.PUBLIC:
            assert rule.why, route.name


NON_PUBLIC = [r for r in ROUTES if r.rule is not None and r.rule.kind is not Kind.PUBLIC]


@pytest.mark.parametrize("route", NON_PUBLIC, ids=lambda r: r.name or r.path)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_refused(route: Route, method: str, client: Client, db: None):
    response = getattr(client, method)(concrete(route.path))
    if is_api_view(route.callback):
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def _persona_without_role(world: World, roles: frozenset[str]) -> Any:
    for membership in (world.outsider, world.privacy_officer, world.admin, world.lead):
        if membership.role not in roles:
            return membership
    raise AssertionError("every persona has the role")


GATED = [
    r
    for r in NON_PUBLIC
    if r.rule is not None
    and (r.rule.kind is Kind.ROLES or (r.rule.kind is Kind.OBJECT and r.has_parameters))
]


@pytest.mark.parametrize("route", GATED, ids=lambda r: r.name or r.path)
def test_outsider_gets_not_found(route: Route, client: Client, world: World):
    rule = route.rule
    assert rule is not None
    persona = (
        _persona_without_role(world, rule.roles) if rule.kind is Kind.ROLES else world.outsider
    )
    sign_in(client, persona)
    path = concrete(route.path)
    statuses = {client.get(path).status_code, client.post(path).status_code}
    # The method the view serves must answer 404; the other may say 405, which is the same
    # for every id and so reveals nothing.
    assert 404 in statuses, f"{route.path} as {persona.role}: {statuses}"
    assert statuses <= {404, 405}, f"{route.path} as {persona.role}: {statuses}"


def test_unknown_url_is_not_found_with_the_dutch_page(client: Client, db: None):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()


def test_a_refused_role_is_recorded_as_a_security_event(client: Client, world: World):
    from audit.models import Operation, ProcessingRecord

    sign_in(client, world.partner)
    assert client.get("/beheer/").status_code == 404
    record = ProcessingRecord.objects.get(operation=Operation.DENIED)
    assert record.actor_id == world.partner.user_id
    assert record.organisation_id == world.police.pk
    assert record.object_id == "administration:index"
