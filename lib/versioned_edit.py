"""One shape for every versioned edit (optimistic locking), in pages and in the API.

A page that edits a versioned object does the same five things: a GET shows the form on the
current version; a POST whose version is outdated is a conflict *before anything else is
judged* (an outdated page is a 409 even when its change would also be an invalid transition);
an invalid form comes back with its errors (400); the service's own refusal shows on the form
(400); a StaleEdit from the service (someone saved in between) is the same conflict. The
conflict page shows the form again with what the user typed, on the current version, so they
can check what changed and send it again. ``versioned_edit`` does this; views give it their
form, their service call and their page.

The API's shape is ``api_service_call``: StaleEdit is 409 problem+json, a service's refusal 400.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict

from lib.concurrency import StaleEdit
from lib.forms import add_service_errors
from lib.ids import parse_id

FormT = TypeVar("FormT", bound=forms.BaseForm)
ResultT = TypeVar("ResultT")
ModelT = TypeVar("ModelT", bound=Model)


def posted_version(data: Mapping[str, Any], key: str) -> int | None:
    """The version the user's page carried, or None when it is missing or not a number
    (read by the project's one strict parser: ASCII digits within 64 bits)."""
    return parse_id(data.get(key, ""))


def kept_form(form: FormT, data: QueryDict, *, version_field: str, version: int) -> FormT:
    """An unbound ``form`` showing what the user typed (so no error is shown for it), on the
    current ``version``."""
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        # The widget reads its own value, so an unticked checkbox (absent from the POST) is
        # kept as unticked and a list of choices as the list the user sent.
        value = field.widget.value_from_datadict(data, {}, key)
        if value is None and key not in data:
            continue  # not on the page the user sent: keep the current value
        form.initial[name] = value
    form.initial[version_field] = version
    return form


def version_now(record: Model) -> int:
    """The record's version in the database now (0 when it is gone: any version is stale)."""
    found = type(record)._default_manager.filter(pk=record.pk)
    return found.values_list("version", flat=True).first() or 0


def current_state(request: HttpRequest, record: ModelT) -> ModelT:
    """The record an unbound form starts from. A GET shows it as just read through the gate;
    on a POST only the conflict page asks for it, and someone else changed it since, so it is
    read again (404 when it was removed meanwhile)."""
    if request.method == "POST":
        try:
            record.refresh_from_db()
        except ObjectDoesNotExist:
            raise Http404 from None
    return record


@dataclass(frozen=True)
class VersionedEdit(Generic[FormT, ResultT]):
    """What a view knows about its edit; ``versioned_edit`` does the rest.

    - ``form(data)``: the form, bound to ``data`` or (with None) unbound on the current state;
    - ``current_version()``: the object's version now, read fresh;
    - ``save(form)``: calls the service with the valid form's data (raises StaleEdit or
      ValidationError, never saves itself);
    - ``page(form, status, conflict)``: renders the page;
    - ``done(result)``: the answer after a successful save (a redirect with a message).
    """

    form: Callable[[QueryDict | None], FormT]
    current_version: Callable[[], int]
    save: Callable[[FormT], ResultT]
    page: Callable[[FormT, int, bool], HttpResponse]
    done: Callable[[ResultT], HttpResponse]
    version_field: str = "version"


def versioned_edit(request: HttpRequest, edit: VersionedEdit[FormT, ResultT]) -> HttpResponse:
    if request.method != "POST":
        return edit.page(edit.form(None), 200, False)
    form = edit.form(request.POST)
    posted = posted_version(request.POST, form.add_prefix(edit.version_field))
    if posted is not None and posted != edit.current_version():
        return _conflict(request, edit)
    if not form.is_valid():
        return edit.page(form, 400, False)
    try:
        result = edit.save(form)
    except StaleEdit:
        return _conflict(request, edit)
    except ValidationError as error:
        add_service_errors(form, error)
        return edit.page(form, 400, False)
    return edit.done(result)


def _conflict(request: HttpRequest, edit: VersionedEdit[FormT, ResultT]) -> HttpResponse:
    form = kept_form(
        edit.form(None),
        request.POST,
        version_field=edit.version_field,
        version=edit.current_version(),
    )
    return edit.page(form, 409, True)


@contextmanager
def api_service_call(
    conflict: Callable[[], Exception], refusal: Callable[[ValidationError], Exception]
) -> Iterator[None]:
    """Runs an API view's service call: StaleEdit becomes ``conflict()`` (409) and a
    service's ValidationError becomes ``refusal(error)`` (400), both as problem+json."""
    try:
        yield
    except StaleEdit:
        raise conflict() from None
    except ValidationError as error:
        raise refusal(error) from None
