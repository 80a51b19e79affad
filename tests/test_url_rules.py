"""Every URL pattern has a declared access rule, and a stranger is refused by each.

This walks the whole URLconf, so a later issue cannot add an ungated URL: a pattern without
a rule fails here, every pattern that is not public is requested by an anonymous visitor, and
every pattern with an id is requested with the id of a REAL object of another municipality
(tests/foreign_world.py) by the outsider and by people of another municipality or region in
each role the pattern admits. They must get the answer an id of nobody gets (404, or 405 for
a method the view does not serve). An id of nobody alone proves nothing: a view without a
gate answers it 404 too. Two planted leaks (tests/planted_urls.py) show that the walk sees
what such an id cannot.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Membership, Role
from lib.access_rules import AccessRule, Kind, is_api_view, rule_for_view
from tests.foreign_world import (
    FIELDS,
    ForeignWorld,
    build_foreign_world,
    field_for,
    insiders,
    strangers,
)
from tests.personas import World, sign_in

# Public URLs are doors: each one is listed here on purpose, with the reason in its view.
EXPECTED_PUBLIC = {
    "accounts:login",
    "portal:accessibility",
    "set_language",
}

# Reaching a foreign object on purpose: (URL name, role) -> why it is not a leak.
ACROSS_THE_BORDER = {
    ("privacy:register_revise", Role.PRIVACY_OFFICER): (
        "the register of processing activities is the installation's; it has no municipality"
    ),
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

    @property
    def is_api(self) -> bool:
        return is_api_view(self.callback)


def collect(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from collect(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(prefix + str(pattern.pattern), name, pattern.callback)


ROUTES = list(collect(get_resolver().url_patterns))

# --- Request paths: with ids of nobody, or of the foreign world. ---

PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
# (pattern, parameter name, converter) -> the value to put in the path
Values = Callable[[str, str, str], str]

_SAMPLES = {
    "int": "987654",
    "id": "987654",
    "str": "onbekend",
    "slug": "onbekend",
    "uuid": str(uuid.UUID(int=0xFEED)),
    "path": "onbekend/pad",
}


def nobody(pattern: str, name: str, converter: str) -> str:
    """Ids that belong to nobody."""
    return _SAMPLES.get(converter, "onbekend")


def foreign_values(foreign: ForeignWorld) -> Values:
    def value(pattern: str, name: str, converter: str) -> str:
        field = field_for(pattern, name)
        if field is None:
            raise LookupError(f"{pattern}: no foreign object for <{name}>")
        return foreign.value(field)

    return value


def concrete(pattern: str, values: Values = nobody) -> str:
    """A request path for a pattern, with ids of nobody unless other values are given."""

    def sample(match: re.Match[str]) -> str:
        return values(pattern, match.group(2), match.group(1) or "str")

    return "/" + PARAMETER.sub(sample, pattern)


def parameters(route: Route) -> list[str]:
    return [match.group(2) for match in PARAMETER.finditer(route.path)]


# --- The walk. ---

REFUSED = {404, 405}
# What POST and PATCH send: a version far ahead of any object's. It makes a form that asks
# only for the version (a delete) valid, for an invalid one answers 404 and would hide a
# missing gate; a write that checks the version finds it stale and changes nothing.
STALE_VERSION = 987654


def send(client: Client, route: Route, method: str, path: str) -> int:
    if method == "get":
        return client.get(path).status_code
    request = getattr(client, method)
    if route.is_api:
        body = {"version": STALE_VERSION}
        return request(path, body, content_type="application/json").status_code
    return request(path, {"version": str(STALE_VERSION)}).status_code


@dataclass(frozen=True)
class Finding:
    """A stranger's answer for a foreign object that is not the refusal an id of nobody gets."""

    route: Route
    persona: str
    method: str
    status: int
    missing_status: int

    def __str__(self) -> str:
        return (
            f"{self.method.upper()} /{self.route.path} ({self.route.name}) as {self.persona}: "
            f"{self.status} for the foreign object, {self.missing_status} for an id of nobody"
        )


def signed_in(membership: Membership) -> Client:
    # A crash is an answer too: the walk reports it as a 500 instead of stopping.
    client = Client(raise_request_exception=False)
    sign_in(client, membership)
    return client


def methods(route: Route) -> tuple[str, ...]:
    return ("get", "post", "patch") if route.is_api else ("get", "post")


def tempted(route: Route, people: Mapping[str, Membership]) -> list[str]:
    """Who is sent to a route: the outsider always; for a role rule, also everyone holding
    one of its roles (the rest are refused by the rule before any id is looked at)."""
    rule = route.rule
    assert rule is not None
    chosen = []
    for persona, membership in people.items():
        if (route.name, membership.role) in ACROSS_THE_BORDER:
            continue
        if persona == "outsider" or rule.kind is not Kind.ROLES or membership.role in rule.roles:
            chosen.append(persona)
    return chosen


def walk(
    routes: Iterable[Route], values: Values, people: Mapping[str, Membership]
) -> list[Finding]:
    """Sends each stranger to each route (GET and POST, and PATCH on the API) with the ids
    ``values`` gives. 404 is the refusal; any other answer is a finding unless it is a 405
    that an id of nobody gets as well (a method the view does not serve, whatever the id)."""
    clients = {persona: signed_in(membership) for persona, membership in people.items()}
    findings = []
    for route in routes:
        path = concrete(route.path, values)
        missing_path = concrete(route.path)
        for persona in tempted(route, people):
            client = clients[persona]
            for method in methods(route):
                status = send(client, route, method, path)
                if status == 404:
                    continue  # the refusal itself: nothing to compare
                missing = send(client, route, method, missing_path)
                if status != missing or status not in REFUSED:
                    findings.append(Finding(route, persona, method, status, missing))
    return findings


def unreached(
    routes: Iterable[Route], values: Values, people: Mapping[str, Membership]
) -> list[str]:
    """The routes none of ``people`` with a role the route admits gets past the gate with
    the given ids (GET first; POST only where GET is not served). Empty means every id names
    an object that really exists under its parent."""
    clients = {persona: signed_in(membership) for persona, membership in people.items()}
    answers: dict[Route, dict[str, int]] = {}
    pending = list(routes)
    for method in ("get", "post"):
        still = []
        for route in pending:
            path = concrete(route.path, values)
            seen = answers.setdefault(route, {})
            rule = route.rule
            assert rule is not None
            admitted = [
                persona
                for persona, membership in people.items()
                if rule.kind is not Kind.ROLES or membership.role in rule.roles
            ]
            for persona in admitted:
                status = send(clients[persona], route, method, path)
                seen[f"{method.upper()} as {persona}"] = status
                if status not in REFUSED:
                    break
            else:
                still.append(route)
        pending = still
    return [f"/{route.path} ({route.name}): {answers[route]}" for route in pending]


def report(findings: Iterable[object]) -> str:
    return "\n".join(str(finding) for finding in findings)


# --- The declared rules. ---


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
WITH_IDS = [r for r in NON_PUBLIC if r.has_parameters]


@pytest.mark.parametrize("route", NON_PUBLIC, ids=lambda r: r.name or r.path)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_refused(route: Route, method: str, client: Client, db: None):
    response = getattr(client, method)(concrete(route.path))
    if route.is_api:
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


ROLE_PAGES = [
    r
    for r in NON_PUBLIC
    if r.rule is not None and r.rule.kind is Kind.ROLES and not r.has_parameters
]


@pytest.mark.parametrize("route", ROLE_PAGES, ids=lambda r: r.name or r.path)
def test_a_user_without_the_role_gets_not_found(route: Route, client: Client, world: World):
    rule = route.rule
    assert rule is not None
    persona = _persona_without_role(world, rule.roles)
    sign_in(client, persona)
    path = concrete(route.path)
    statuses = {client.get(path).status_code, client.post(path).status_code}
    # The method the view serves must answer 404; the other may say 405, which is the same
    # for everyone and so reveals nothing.
    assert 404 in statuses, f"{route.path} as {persona.role}: {statuses}"
    assert statuses <= REFUSED, f"{route.path} as {persona.role}: {statuses}"


# --- Real objects of another municipality. ---


def test_every_id_in_a_url_names_an_object_of_the_foreign_world():
    unknown = [
        f"/{route.path}: <{name}>"
        for route in WITH_IDS
        for name in parameters(route)
        if field_for(route.path, name) not in FIELDS
    ]
    assert not unknown, "map these in tests/foreign_world.PARAMETERS:\n" + "\n".join(unknown)


def test_the_foreign_ids_name_objects_their_own_people_reach(world: World):
    """The walk below means something only if its ids are real: Wijkstad's own people get
    past the gate of every route with them (nested objects under their own parents)."""
    foreign = build_foreign_world(world)
    missing = unreached(WITH_IDS, foreign_values(foreign), insiders(world))
    assert not missing, "no one gets past the gate with these ids:\n" + "\n".join(missing)


def test_strangers_get_for_a_foreign_object_what_they_get_for_a_missing_one(world: World):
    foreign = build_foreign_world(world)
    findings = walk(WITH_IDS, foreign_values(foreign), strangers(world))
    assert not findings, "a stranger reached a foreign object:\n" + report(findings)


PLANTED = {"planted_case", "planted_lead_case"}


def _planted_routes() -> list[Route]:
    planted = [r for r in collect(get_resolver().url_patterns) if r.name in PLANTED]
    assert {r.name for r in planted} == PLANTED
    assert all(r.rule is not None and r.rule.kind is Kind.OBJECT for r in planted)
    return planted


def _leaks(findings: list[Finding]) -> set[tuple[str, str, str, int, int]]:
    return {(f.route.name, f.persona, f.method, f.status, f.missing_status) for f in findings}


def test_the_walk_catches_a_view_without_a_gate(world: World, settings: Any):
    """tests/planted_urls.py adds a view that declares an object rule but fetches the case
    without a gate. With ids of nobody it answers 404 like every gated view, so only the
    foreign world shows the leak."""
    settings.ROOT_URLCONF = "tests.planted_urls"
    planted = [r for r in _planted_routes() if r.name == "planted_case"]
    foreign = build_foreign_world(world)
    people = {"outsider": world.outsider}

    assert walk(planted, nobody, people) == []
    findings = walk(planted, foreign_values(foreign), people)

    assert _leaks(findings) == {
        ("planted_case", "outsider", "get", 200, 404),
        ("planted_case", "outsider", "post", 200, 404),
    }
    response = signed_in(world.outsider).get(concrete(planted[0].path, foreign_values(foreign)))
    assert foreign.case.subject.surname in response.content.decode()


def test_the_walk_catches_a_gate_that_forgets_the_municipality(world: World, settings: Any):
    """The second planted view asks the role but not the municipality: the outsider is
    refused, the lead of Polderveen is not."""
    settings.ROOT_URLCONF = "tests.planted_urls"
    planted = [r for r in _planted_routes() if r.name == "planted_lead_case"]
    foreign = build_foreign_world(world)
    people = strangers(world)

    assert walk(planted, nobody, people) == []
    assert walk(planted, foreign_values(foreign), {"outsider": world.outsider}) == []
    findings = walk(planted, foreign_values(foreign), people)

    assert _leaks(findings) == {
        ("planted_lead_case", "polderveen lead", "get", 200, 404),
        ("planted_lead_case", "polderveen lead", "post", 200, 404),
    }


# --- Refusals elsewhere. ---


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
