"""The lists people work through all day: filters kept in the session, sortable columns with
keyset paging, a count, and the links a page needs for all of it.

A list is described once (``ListSpec``): its name, its sortable columns and its default order.
Filters and the order are kept in the session per list, so coming back to a list shows it as
it was left; ``?wissen=1`` forgets the filters. Only the filter form's own values are kept
(choices, ids, dates): no list here filters on a name or other personal data.

Paging is by keyset on (sort column, id), never OFFSET: a page costs the same however deep it
lies, and a row added meanwhile never shifts the next page. The cursor names its order and is
signed, so a cursor of another order, list or installation is refused and the first page
shown. Sort columns are non-null fields (the keyset comparison needs a value on every row).

Everything here works on a queryset the gate already limited; nothing here widens it, and the
count is the count of that queryset, so it reveals nothing the rows would not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)
F = TypeVar("F", bound=forms.Form)

SORT_PARAM = "sorteer"
DIRECTION_PARAM = "volgorde"
ASCENDING = "op"
DESCENDING = "af"
CURSOR_PARAM = "na"
CLEAR_PARAM = "wissen"
# The filter form's submit button carries this name, so that submitting an empty form (every
# filter on "all") replaces the filters kept in the session.
APPLY_PARAM = "filteren"
MAX_CURSOR_LENGTH = 400
SESSION_PREFIX = "schakel_list_"


class InvalidCursor(ValueError):  # noqa: N818 - names what the client sent
    """A page cursor that this list did not hand out for this order."""


@dataclass(frozen=True)
class SortColumn:
    key: str  # the value in the URL (?sorteer=<key>)
    label: str | Promise
    field: str  # an ORM path to a non-null value


@dataclass(frozen=True)
class ListSpec:
    name: str
    columns: tuple[SortColumn, ...]
    default_key: str
    default_descending: bool
    filter_fields: tuple[str, ...] = ()
    page_size: int = 25

    def column(self, key: str) -> SortColumn | None:
        return next((column for column in self.columns if column.key == key), None)

    @property
    def default(self) -> Ordering:
        column = self.column(self.default_key)
        assert column is not None, f"{self.name}: the default sort column is not a column"
        return Ordering(column=column, descending=self.default_descending)


@dataclass(frozen=True)
class Ordering:
    column: SortColumn
    descending: bool

    def order_by(self) -> list[str]:
        sign = "-" if self.descending else ""
        return [f"{sign}{self.column.field}", f"{sign}pk"]

    @property
    def direction(self) -> str:
        return DESCENDING if self.descending else ASCENDING


@dataclass
class ListState:
    """What the user asked of a list: filters, order and the page (a cursor)."""

    spec: ListSpec
    filters: dict[str, str]
    ordering: Ordering
    cursor: str
    from_request: bool  # the filters came with this request (else from the session)

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters)

    def filter_data(self) -> QueryDict | None:
        """The filters as bound data for the list's filter form (None: no filter at all)."""
        if not self.filters:
            return None
        data = QueryDict(mutable=True)
        data.update(self.filters)
        return data


def _session_key(spec: ListSpec) -> str:
    return f"{SESSION_PREFIX}{spec.name}"


def _stored(request: HttpRequest, spec: ListSpec) -> Mapping[str, Any]:
    stored = request.session.get(_session_key(spec))
    return stored if isinstance(stored, dict) else {}


def _stored_filters(stored: Mapping[str, Any], spec: ListSpec) -> dict[str, str]:
    filters = stored.get("filters")
    if not isinstance(filters, dict):
        return {}
    return {
        key: value
        for key, value in filters.items()
        if key in spec.filter_fields and isinstance(value, str) and value
    }


def _ordering(request: HttpRequest, spec: ListSpec, stored: Mapping[str, Any]) -> Ordering:
    key = request.GET.get(SORT_PARAM)
    direction = request.GET.get(DIRECTION_PARAM)
    if key is None:
        key, direction = stored.get("sort"), stored.get("direction")
    column = spec.column(key) if isinstance(key, str) else None
    if column is None:
        return spec.default
    if direction not in (ASCENDING, DESCENDING):
        return Ordering(column=column, descending=spec.default_descending)
    return Ordering(column=column, descending=direction == DESCENDING)


def list_state(request: HttpRequest, spec: ListSpec) -> ListState:
    """The list's state from the request, or else as the session kept it."""
    stored = _stored(request, spec)
    # A link may carry filters too (the start page's counts link to a filtered list).
    sent = APPLY_PARAM in request.GET or any(key in request.GET for key in spec.filter_fields)
    from_request = sent or CLEAR_PARAM in request.GET
    if CLEAR_PARAM in request.GET:
        filters: dict[str, str] = {}
    elif sent:
        filters = {key: request.GET[key] for key in spec.filter_fields if request.GET.get(key)}
    else:
        filters = _stored_filters(stored, spec)
    return ListState(
        spec=spec,
        filters=filters,
        ordering=_ordering(request, spec, stored),
        cursor=request.GET.get(CURSOR_PARAM, ""),
        from_request=from_request,
    )


def remember(request: HttpRequest, state: ListState) -> None:
    """Keeps valid filters and the order for the next visit (call after validating)."""
    request.session[_session_key(state.spec)] = {
        "filters": state.filters,
        "sort": state.ordering.column.key,
        "direction": state.ordering.direction,
    }


def forget_filters(request: HttpRequest, state: ListState) -> ListState:
    """Filters kept in the session that no longer validate (a municipality one no longer
    sees): dropped, so the list does not stay stuck on an error."""
    state.filters = {}
    remember(request, state)
    return state


def bound_filters(
    request: HttpRequest, state: ListState, make_form: Callable[[QueryDict | None], F]
) -> tuple[F, bool]:
    """The list's filter form bound to the state, and whether the list can be shown.

    Filters the user just sent that do not validate: (form with errors, False), for a 400
    page that keeps the earlier filters. Filters kept in the session that no longer validate
    (a municipality no longer visible): forgotten, the list shown without them. Valid filters
    and the order are kept for the next visit.
    """
    form = make_form(state.filter_data())
    if form.is_bound and not form.is_valid():
        if state.from_request:
            return form, False
        forget_filters(request, state)
        form = make_form(None)
    remember(request, state)
    return form, True


class HttpResponseSeeOther(HttpResponseRedirect):
    """After a POST, the browser fetches the result page with GET."""

    status_code = 303


def export_too_large(request: HttpRequest, *, limit: int, list_url: str) -> HttpResponse:
    """Back to the list with the reason: a file is made of a narrowed list, never cut off."""
    messages.error(
        request,
        _(
            "This list holds more than %(limit)d rows, the most one file holds. "
            "Narrow it with the filters first."
        )
        % {"limit": limit},
    )
    return HttpResponseSeeOther(list_url)


# --- Keyset pages. ---


def _tagged(value: object) -> list[str | int]:
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"cannot page on a value of type {type(value).__name__}")
    return ["i", value] if isinstance(value, int) else ["s", value]


def _untagged(tagged: object) -> object:
    if not isinstance(tagged, list) or len(tagged) != 2:
        raise InvalidCursor
    kind, raw = tagged
    try:
        if kind == "t" and isinstance(raw, str):
            return datetime.fromisoformat(raw)
        if kind == "d" and isinstance(raw, str):
            return date.fromisoformat(raw)
    except ValueError as error:
        raise InvalidCursor from error
    if (kind == "i" and isinstance(raw, int)) or (kind == "s" and isinstance(raw, str)):
        return raw
    raise InvalidCursor


def _salt(spec: ListSpec) -> str:
    return f"schakel.lists.{spec.name}"


def sort_value(row: Model, ordering: Ordering) -> object:
    """The row's value in the sort column (the field path walked as attributes)."""
    return reduce(getattr, ordering.column.field.split("__"), row)


def encode_cursor(spec: ListSpec, ordering: Ordering, row: Model) -> str:
    payload = [
        ordering.column.key,
        ordering.direction,
        _tagged(sort_value(row, ordering)),
        row.pk,
    ]
    return signing.dumps(payload, salt=_salt(spec), compress=True)


def decode_cursor(spec: ListSpec, ordering: Ordering, cursor: str) -> tuple[object, int]:
    """The (sort value, id) a cursor points after, if it belongs to this list and order."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor
    try:
        payload = signing.loads(cursor, salt=_salt(spec))
    except signing.BadSignature as error:
        raise InvalidCursor from error
    if not isinstance(payload, list) or len(payload) != 4:
        raise InvalidCursor
    key, direction, tagged, pk = payload
    if key != ordering.column.key or direction != ordering.direction:
        raise InvalidCursor  # a cursor of another order: its position means nothing here
    if isinstance(pk, bool) or not isinstance(pk, int):
        raise InvalidCursor
    return _untagged(tagged), pk


def after(queryset: QuerySet[M], ordering: Ordering, value: object, pk: int) -> QuerySet[M]:
    """The rows after (value, pk) in the ordering."""
    comparison = "lt" if ordering.descending else "gt"
    name = ordering.column.field
    return queryset.filter(
        Q(**{f"{name}__{comparison}": value}) | Q(**{name: value, f"pk__{comparison}": pk})
    )


@dataclass(frozen=True)
class ListPage(Generic[M]):
    rows: list[M]
    count: int
    next_cursor: str
    is_first: bool
    cursor_refused: bool = False


def keyset_page(queryset: QuerySet[M], state: ListState) -> ListPage[M]:
    """One page of the (filtered, gated) queryset in the state's order, with its count."""
    spec, ordering = state.spec, state.ordering
    ordered = queryset.order_by(*ordering.order_by())
    refused = False
    position = None
    if state.cursor:
        try:
            position = decode_cursor(spec, ordering, state.cursor)
        except InvalidCursor:
            refused = True
    if position is not None:
        ordered = after(ordered, ordering, *position)
    rows = list(ordered[: spec.page_size + 1])
    page = rows[: spec.page_size]
    has_more = len(rows) > spec.page_size
    return ListPage(
        rows=page,
        count=queryset.count(),
        next_cursor=encode_cursor(spec, ordering, page[-1]) if has_more else "",
        is_first=position is None,
        cursor_refused=refused,
    )


def ordered_rows(queryset: QuerySet[M], state: ListState, *, limit: int) -> list[M]:
    """Every row in the state's order up to ``limit`` + 1 (one more tells "too many")."""
    return list(queryset.order_by(*state.ordering.order_by())[: limit + 1])


# --- What the template needs. ---


@dataclass(frozen=True)
class HeaderLink:
    key: str
    label: str | Promise
    href: str
    sorted: str  # "", "ascending" or "descending" (the aria-sort value)


@dataclass(frozen=True)
class ListView(Generic[M]):
    """Everything a list template shows besides its rows."""

    state: ListState
    page: ListPage[M]
    headers: dict[str, HeaderLink] = field(default_factory=dict)
    next_href: str = ""
    first_href: str = ""
    clear_href: str = ""
    export_url: str = ""


def _query(**params: str) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return f"?{query.urlencode()}"


def header_links(state: ListState) -> dict[str, HeaderLink]:
    """A link per sortable column: the sorted column reverses, another starts in the list's
    default direction."""
    current = state.ordering
    links = {}
    for column in state.spec.columns:
        is_sorted = column.key == current.column.key
        descending = not current.descending if is_sorted else state.spec.default_descending
        links[column.key] = HeaderLink(
            key=column.key,
            label=column.label,
            href=_query(
                **{SORT_PARAM: column.key, DIRECTION_PARAM: DESCENDING if descending else ASCENDING}
            ),
            sorted=("descending" if current.descending else "ascending") if is_sorted else "",
        )
    return links


def list_view(state: ListState, page: ListPage[M], *, export_url: str = "") -> ListView[M]:
    return ListView(
        state=state,
        page=page,
        headers=header_links(state),
        next_href=_query(**{CURSOR_PARAM: page.next_cursor}) if page.next_cursor else "",
        first_href="?" if not page.is_first else "",
        clear_href=_query(**{CLEAR_PARAM: "1"}) if state.is_filtered else "",
        export_url=export_url,
    )


def subjects_of(rows: Sequence[Any], attribute: str = "subject_id") -> list[str]:
    """The data subjects of a page or an export, for its processing record."""
    return sorted({f"subject:{getattr(row, attribute)}" for row in rows})
