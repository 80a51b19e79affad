"""Hostile input never gives a server error and never changes anything.

The walk of tests/test_url_rules.py, with Wijkstad's own people (who get past every gate with
the ids of tests/foreign_world.py), sends what probing once turned into a 500: Unicode and
superscript digits, numbers past 64 bits, dates of year 1 and 9999, NUL bytes, over-long
text, numbers where text is expected and JSON nested 100,000 deep. It sends them

- in every id of every path (the ``<id:...>`` converter: no match, so 404);
- in every query parameter a view reads (found by recording what the view asks of
  ``request.GET`` on a plain visit, so a new ``int(request.GET["x"])`` is found too);
- in every field of every form a page shows, one field at a time, the other fields as the
  page filled them (so a value that slips through reaches the service);
- in every property of every request body of the OpenAPI schema, and as whole bodies too
  deep or too large.

After each route the database must be as it was (the processing log, login throttling and
sessions grow by design and are left out). Beside the walk, every form and serializer of the
project is checked to derive from lib.forms' and lib.serializers' bounded bases.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlencode, urlsplit

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework import serializers

from accounts.models import Membership
from lib.access_rules import Kind
from lib.forms import BOUNDED_FORMS
from lib.ids import MAX_INT
from lib.parsers import MAX_DEPTH
from lib.serializers import BoundedSerializer
from tests.foreign_world import build_foreign_world, insiders
from tests.personas import World
from tests.test_url_rules import REFUSED, ROUTES, Route, concrete, foreign_values, signed_in

# Each example walks every route, so few examples; no shrinking or replay, since a failing
# example has already changed the database the replay would start from.
WALK = hypothesis_settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Routes the walk leaves alone: they change the session itself (the walk's own sign-in) or
# are the public login flow, which tests/test_bad_input.py already feeds arbitrary input.
SKIPPED = {
    "accounts:login",
    "accounts:second_factor",
    "accounts:enrol",
    "accounts:logout",
    "accounts:choose_membership",
    "set_language",
    "api-schema",  # builds the whole schema per request; it reads no input
    "api-docs",
}
# Known gaps, each with the reason; the walk skips them until they are closed.
KNOWN_GAPS: dict[str, str] = {}
# Tables that grow by design while the walk runs: the processing log and security events,
# login throttling, sessions.
UNWATCHED_APPS = {"audit", "axes", "sessions"}


# --- Hostile values. ---

TOO_BIG = [str(2**63), str(2**64), "13260528190180839915520", "9" * 40]
# Digits that str.isdigit() accepts but that are not a number in ASCII, or a huge one.
ODD_DIGITS = ["²", "¹²³", "٣" * 25, "١٣٢٦٠٥٢٨١٩٠١٨٠٨٣٩٩١٥٥٢٠", "\U0001d7d7" * 20]
EXTREME_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"]
EXTREME_MOMENTS = ["0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00:00+14:00"]


def numbers() -> st.SearchStrategy[str]:
    huge = st.integers(min_value=MAX_INT + 1, max_value=10**40).map(str)
    negative = st.integers(max_value=-(MAX_INT + 2), min_value=-(10**40)).map(str)
    return st.one_of(st.sampled_from(TOO_BIG + ODD_DIGITS), huge, negative)


def dates() -> st.SearchStrategy[str]:
    return st.sampled_from(EXTREME_DATES + ODD_DIGITS)


def moments() -> st.SearchStrategy[str]:
    return st.sampled_from(EXTREME_MOMENTS + EXTREME_DATES)


def texts() -> st.SearchStrategy[str]:
    nul = st.text(max_size=20).map(lambda text: text + "\x00")
    too_long = st.integers(min_value=10_001, max_value=20_000).map(lambda n: "x" * n)
    return st.one_of(nul, too_long)


def anything() -> st.SearchStrategy[str]:
    """For a query parameter: the walk does not know what the view expects."""
    return st.one_of(numbers(), dates(), texts())


# --- The database must not change. ---


def _watched_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label not in UNWATCHED_APPS and model._meta.managed
    )


def fingerprint() -> str:
    """A hash of every row of every watched table: any insert, update or delete shows."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in _watched_tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


# --- What a view reads from the query string. ---


@contextmanager
def recorded_keys() -> Iterator[set[str]]:
    """Records every key a view asks of a QueryDict (``request.GET``, ``query_params``)."""
    keys: set[str] = set()
    real_get, real_item, real_list = QueryDict.get, QueryDict.__getitem__, QueryDict.getlist

    def get(self: QueryDict, key: str, default: Any = None) -> Any:
        keys.add(key)
        return real_get(self, key, default)

    def item(self: QueryDict, key: str) -> Any:
        keys.add(key)
        return real_item(self, key)

    def getlist(self: QueryDict, key: str, default: Any = None) -> Any:
        keys.add(key)
        return real_list(self, key, default)

    with (
        mock.patch.object(QueryDict, "get", get),
        mock.patch.object(QueryDict, "__getitem__", item),
        mock.patch.object(QueryDict, "getlist", getlist),
    ):
        yield keys


# --- The forms a page shows. ---


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> value as the page filled it
    kinds: dict[str, str] = field(default_factory=dict)  # name -> number, date, moment, text


class FormReader(HTMLParser):
    """The POST forms of a page with their fields, filled as a browser would send them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.forms.append(Form(action=a.get("action") or self.page))
            else:
                self.forms.append(Form(action=""))  # a GET form: its fields are query keys
            return
        if not self.forms or not self.forms[-1].action:
            return
        form = self.forms[-1]
        if tag == "option" and self._select is not None:
            if "selected" in a or not form.fields[self._select]:
                form.fields[self._select] = a.get("value", "")
            return
        if "name" not in a:
            return
        name = a["name"]
        if tag == "input":
            self._input(form, name, a)
        elif tag == "select":
            self._select = name
            form.kinds[name] = "choice"
            form.fields.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            form.kinds[name] = "text"
            form.fields[name] = ""

    def _input(self, form: Form, name: str, a: dict[str, str]) -> None:
        kind = a.get("type", "text")
        if kind in {"submit", "button", "file"} or name == "csrfmiddlewaretoken":
            return
        if kind in {"checkbox", "radio"}:
            if "checked" in a:
                form.fields[name] = a.get("value", "on")
            return
        value = a.get("value", "")
        form.fields[name] = value
        form.kinds[name] = {
            "number": "number",
            "date": "date",
            "datetime-local": "moment",
        }.get(
            kind, "number" if kind == "hidden" and value.isascii() and value.isdigit() else "text"
        )

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms and self.forms[-1].action:
            self.forms[-1].fields[self._textarea] += data


def post_forms(page: str, html: str) -> list[Form]:
    reader = FormReader(page)
    reader.feed(html)
    return [form for form in reader.forms if form.action and form.kinds]


def hostile_for(kind: str) -> st.SearchStrategy[str]:
    return {"number": numbers(), "date": dates(), "moment": moments()}.get(kind, texts())


# --- Who walks where. ---


@dataclass
class Walker:
    world: World
    clients: dict[str, Client]
    people: dict[str, Membership]
    paths: dict[str, str]  # route name -> path with the foreign world's ids
    visits: list[Visit] = field(default_factory=list)

    def admitted(self, route: Route) -> list[str]:
        rule = route.rule
        assert rule is not None
        return [
            persona
            for persona, membership in self.people.items()
            if rule.kind is not Kind.ROLES or membership.role in rule.roles
        ]

    def visit(self, route: Route) -> tuple[Client, Any, set[str]] | None:
        """The first of Wijkstad's people the route lets in, their page and the query keys
        the view read; None when no one gets a page (a POST-only route)."""
        for persona in self.admitted(route):
            client = self.clients[persona]
            with recorded_keys() as keys:
                response = client.get(self.paths[route.name])
            assert response.status_code < 500, f"GET {route.name}: {response.status_code}"
            if response.status_code not in REFUSED:
                return client, response, keys
        return None


WALKED = [r for r in ROUTES if r.rule is not None and r.name and r.name not in SKIPPED]


@dataclass
class Visit:
    route: Route
    client: Client
    keys: set[str]  # what the view read from the query string
    forms: list[Form]  # the POST forms the page shows


def survey(walker: Walker) -> list[Visit]:
    """One plain visit to every route a page answers, before any hostile value is sent."""
    visits = []
    for route in WALKED:
        visited = walker.visit(route)
        if visited is None:
            continue
        client, response, keys = visited
        page = response.content.decode() if "html" in response.get("Content-Type", "") else ""
        forms = [f for f in post_forms(walker.paths[route.name], page) if _is_route(f.action)]
        visits.append(Visit(route, client, keys, forms))
    return visits


@pytest.fixture
def walker(world: World) -> Walker:
    foreign = build_foreign_world(world)
    people = insiders(world)
    values = foreign_values(foreign)
    return Walker(
        world=world,
        clients={persona: signed_in(membership) for persona, membership in people.items()},
        people=people,
        paths={route.name: concrete(route.path, values) for route in WALKED},
    )


@pytest.fixture
def surveyed(walker: Walker) -> Walker:
    walker.visits = survey(walker)
    return walker


def unchanged(before: str, what: str) -> None:
    assert fingerprint() == before, f"{what} changed the database"


# --- Paths. ---

PATH_VALUES = [str(2**63), "13260528190180839915520", "²", "١٣", "-1", "0x10"]
WITH_IDS = [r for r in WALKED if "<id:" in r.path]


@pytest.mark.parametrize("value", PATH_VALUES)
def test_a_path_id_that_is_no_64_bit_ascii_number_is_not_found(walker: Walker, value: str):
    before = fingerprint()
    client = walker.clients["lead"]
    for route in WITH_IDS:
        path = concrete(route.path, lambda pattern, name, converter: value)
        # The URL does not match whatever the method: GET says it for all.
        assert client.get(path).status_code == 404, path
    unchanged(before, "a hostile id")


def test_a_huge_case_number_in_the_api_is_not_found(walker: Walker):
    response = walker.clients["lead"].get("/api/v1/cases/13260528190180839915520/entries/1")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


# --- Query strings. ---


@WALK
@given(data=st.data())
def test_hostile_query_parameters_give_no_server_error(surveyed: Walker, data: st.DataObject):
    walker = surveyed
    before = fingerprint()
    asked = [visit for visit in walker.visits if visit.keys]
    for visit in asked:
        query = {
            key: data.draw(anything(), label=f"{visit.route.name}?{key}") for key in visit.keys
        }
        path = f"{walker.paths[visit.route.name]}?{urlencode(query)}"
        status = visit.client.get(path).status_code
        assert status < 500, f"GET {visit.route.name} with {sorted(visit.keys)}: {status}"
    unchanged(before, "a hostile query")
    assert len(asked) >= 10, "the walk found hardly any query parameters"


# --- Form posts. ---


# Numbers and dates are sent one field at a time, the rest of the form as the page filled it,
# so a value a form lets through reaches the service. Text is refused by the field itself
# (NUL bytes, max_length), so all text fields of a form go in one post.
ONE_BY_ONE = {"number", "date", "moment", "choice"}


@WALK
@given(data=st.data())
def test_hostile_form_fields_are_refused_without_error_or_change(
    surveyed: Walker, data: st.DataObject
):
    walker = surveyed
    before = fingerprint()
    posted = 0
    for visit in walker.visits:
        for form in visit.forms:
            if visit.route.name in KNOWN_GAPS or _view_name(form.action) in KNOWN_GAPS:
                continue
            for changes in _hostile_posts(form, data):
                status = visit.client.post(form.action, {**form.fields, **changes}).status_code
                posted += 1
                shown = {name: value[:40] for name, value in changes.items()}
                assert status < 500, f"POST {form.action} {shown}: {status}"
                unchanged(before, f"POST {form.action} {shown}")
    assert posted >= 50, "the walk found hardly any form fields"


def _hostile_posts(form: Form, data: st.DataObject) -> Iterator[dict[str, str]]:
    label = form.action
    for name, kind in form.kinds.items():
        if kind == "choice":
            yield {name: data.draw(st.one_of(numbers(), texts()), label=f"{label} {name}")}
        elif kind in ONE_BY_ONE:
            yield {name: data.draw(hostile_for(kind), label=f"{label} {name}")}
    text = [name for name, kind in form.kinds.items() if kind not in ONE_BY_ONE]
    if text:
        yield {name: data.draw(texts(), label=f"{label} {name}") for name in text}


def _view_name(action: str) -> str:
    return resolve(urlsplit(action).path).view_name


def _is_route(action: str) -> bool:
    path = urlsplit(action).path
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name not in SKIPPED


# --- The API's request bodies. ---


def api_operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(path template, method, schema of the JSON body) for each write of the API."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            found.append((path, method, _resolved(body["schema"], components)))
    return found


def _resolved(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def api_path(walker: Walker, template: str) -> str:
    """The schema's ``{case_id}`` filled with the foreign world's ids, as the URLconf's
    ``<id:case_id>`` is in Walker.paths."""
    for route in WALKED:
        if route.is_api and "/" + route.path.replace("<id:", "{").replace(">", "}") == template:
            return walker.paths[route.name]
    raise LookupError(template)


def hostile_property(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind, form = schema.get("type"), schema.get("format")
    if kind == "string" and form == "date":
        return dates()
    if kind == "string" and form == "date-time":
        return moments()
    if kind == "string" and "enum" not in schema:
        # A number, a boolean, a NUL byte or text past any limit.
        return st.one_of(st.integers(min_value=-(10**6), max_value=10**6), st.booleans(), texts())
    if kind == "integer":
        return st.one_of(
            st.integers(min_value=MAX_INT + 1, max_value=10**30),
            st.sampled_from([True, "٣", "²", 1.5, "1e5"]),
            st.sampled_from(TOO_BIG),
        )
    return st.one_of(numbers(), texts())


def _writer(walker: Walker, path: str) -> Client:
    route = resolve(path)
    assert route.view_name
    for candidate in WALKED:
        if candidate.name == route.view_name:
            visited = walker.visit(candidate)
            if visited is not None:
                return visited[0]
    return walker.clients["lead"]


def _invalid_names(response: Any) -> set[str]:
    body = json.loads(response.content)
    return {param["name"].split(".")[0] for param in body.get("invalid_params", [])}


@WALK
@given(data=st.data())
def test_hostile_api_bodies_are_refused_field_by_field(walker: Walker, data: st.DataObject):
    before = fingerprint()
    operations = api_operations()
    assert len(operations) >= 10
    for template, method, schema in operations:
        path = api_path(walker, template)
        client = _writer(walker, path)
        send = getattr(client, method)
        for name, prop in schema.get("properties", {}).items():
            if prop.get("readOnly"):
                continue
            value = data.draw(hostile_property(prop), label=f"{method} {template} {name}")
            response = send(path, {name: value}, content_type="application/json")
            what = f"{method.upper()} {template} {name}={str(value)[:40]!r}"
            assert response.status_code < 500, f"{what}: {response.status_code}"
            if response.status_code == 400:
                assert name in _invalid_names(response), f"{what}: accepted"
        unchanged(before, f"a hostile body to {method.upper()} {template}")


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        "{" * 100_000,
        '{"a":' * 50_000,
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        json.dumps({"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}),
        "1" * 100_000,
        '{"text": "\\ud800"',
    ],
    ids=["arrays", "objects", "keys", "one-too-deep", "too-large", "long-number", "broken"],
)
def test_every_json_endpoint_refuses_a_body_too_deep_or_too_large(walker: Walker, body: str):
    before = fingerprint()
    for template, method, _schema in api_operations():
        path = api_path(walker, template)
        response = getattr(_writer(walker, path), method)(
            path, body, content_type="application/json"
        )
        assert response.status_code == 400, f"{method.upper()} {template}"
        assert response["Content-Type"] == "application/problem+json"
    unchanged(before, "a hostile body")


def test_nesting_as_deep_as_allowed_is_parsed(walker: Walker):
    nested: Any = "x"
    for _level in range(MAX_DEPTH - 1):
        nested = [nested]
    path = walker.paths["api-signals"]
    response = walker.clients["lead"].post(
        path, {"description": nested}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "description" in _invalid_names(response)


def test_a_form_post_past_the_size_limit_is_a_400_page(walker: Walker):
    client = walker.clients["lead"]
    text = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(walker.paths["signals:create"], {"description": text})
    assert response.status_code == 400
    too_many = {f"field{number}": "1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}
    assert client.post(walker.paths["signals:create"], too_many).status_code == 400


# --- Every form and serializer is bounded. ---

PROJECT_APPS = [
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).parent == Path(settings.BASE_DIR)
]


def _project_modules() -> None:
    """Imports every module that may hold a form or a serializer (forms, serializers, API and
    view modules of the project's apps), so that every such class exists."""
    kinds = ("forms", "serializers", "api", "views")
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.iter_modules(package.__path__, f"{app}."):
            if module.name.rsplit(".", 1)[1].startswith(kinds):
                importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _ours(cls: type) -> bool:
    return cls.__module__.split(".")[0] in PROJECT_APPS


BOUNDED_KINDS = (forms.DateField, forms.DateTimeField, forms.IntegerField)
# administration/forms.py is being changed elsewhere (membership approval); its forms move to
# lib.forms.BoundedModelForm with that change (issue 19). Until then they are listed here.
NOT_YET_BOUNDED: set[str] = set()


def test_every_form_with_dates_or_numbers_is_bounded():
    _project_modules()
    unbounded = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _subclasses(forms.BaseForm)
        if _ours(cls)
        and any(isinstance(f, BOUNDED_KINDS) for f in getattr(cls, "base_fields", {}).values())
        and not issubclass(cls, BOUNDED_FORMS)
    )
    assert set(unbounded) == NOT_YET_BOUNDED, "derive these from lib.forms.BoundedForm"


def test_every_serializer_is_bounded():
    _project_modules()
    unbounded = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _subclasses(serializers.Serializer)
        if _ours(cls) and not issubclass(cls, BoundedSerializer)
    )
    assert not unbounded, "derive these from lib.serializers.BoundedSerializer"


def test_every_text_of_a_request_body_has_a_maximum_length():
    """The OpenAPI schema is the contract: a string without maxLength takes any length."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    unlimited = [
        f"{name}.{prop_name}"
        for name, component in components.items()
        if name.endswith("Request")
        for prop_name, prop in component.get("properties", {}).items()
        if prop.get("type") == "string"
        and "enum" not in prop
        and "format" not in prop
        and "maxLength" not in prop
    ]
    assert not unlimited


def test_a_date_out_of_range_is_refused_with_the_range():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from lib.dates import DateRange

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        # The year before the range starts (not today's day in year 1: 29 February has none).
        DateRange(past_only=True)(date(1899, 12, 31))
    assert refused.value.messages[0].startswith("Enter a date from")
