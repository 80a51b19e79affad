"""The one shape of a versioned edit: stale before anything else, the user's text kept on a
conflict, the form's and the service's refusals on the form."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory

from lib.concurrency import StaleEdit
from lib.versioned_edit import (
    VersionedEdit,
    api_service_call,
    posted_version,
    versioned_edit,
)


class NoteForm(forms.Form):
    text = forms.CharField(max_length=20)
    urgent = forms.BooleanField(required=False, initial=True)
    tags = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")], required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class Store:
    """A versioned object and a service over it, as the views' services behave."""

    def __init__(self) -> None:
        self.text, self.version, self.saves = "oud", 3, 0
        self.refuse = ""

    def save(self, form: NoteForm) -> str:
        if form.cleaned_data["version"] != self.version:
            raise StaleEdit
        if self.refuse:
            raise ValidationError({"text": self.refuse})
        self.text, self.version, self.saves = form.cleaned_data["text"], self.version + 1, 1
        return self.text


def edit_for(store: Store, pages: list[tuple[NoteForm, int, bool]]) -> VersionedEdit[Any, str]:
    def form(data: QueryDict | None) -> NoteForm:
        if data is None:
            return NoteForm(initial={"text": store.text, "version": store.version})
        return NoteForm(data)

    def page(form: NoteForm, status: int, conflict: bool) -> HttpResponse:
        pages.append((form, status, conflict))
        return HttpResponse(status=status)

    return VersionedEdit(
        form=form,
        current_version=lambda: store.version,
        save=store.save,
        page=page,
        done=lambda text: HttpResponse(text, status=302),
    )


def no_pages() -> list[tuple[NoteForm, int, bool]]:
    return []


def post(data: dict[str, Any]) -> Any:
    return RequestFactory().post("/", data)


def test_a_get_shows_the_current_version():
    store, pages = Store(), no_pages()
    response = versioned_edit(RequestFactory().get("/"), edit_for(store, pages))
    assert response.status_code == 200
    assert pages[0][0].initial == {"text": "oud", "version": 3}


def test_a_valid_post_on_the_current_version_saves():
    store, pages = Store(), no_pages()
    response = versioned_edit(post({"text": "nieuw", "version": "3"}), edit_for(store, pages))
    assert (response.status_code, store.text, store.version) == (302, "nieuw", 4)


def test_an_outdated_page_is_a_conflict_before_the_form_is_judged():
    store, pages = Store(), no_pages()
    # Too long for the form and outdated: the conflict wins, and nothing is saved.
    data = {"text": "x" * 30, "tags": ["a", "b"], "version": "2"}
    response = versioned_edit(post(data), edit_for(store, pages))
    assert response.status_code == 409
    form, status, conflict = pages[0]
    assert (status, conflict, store.saves) == (409, True, 0)
    assert not form.is_bound  # the user's text is shown without judging it
    # The checkbox the user unticked (absent from the POST) stays unticked.
    assert form.initial == {"text": "x" * 30, "urgent": False, "tags": ["a", "b"], "version": 3}


def test_a_stale_edit_found_by_the_service_is_the_same_conflict():
    store, pages = Store(), no_pages()
    edit = edit_for(store, pages)
    stale_save = edit.save

    def meanwhile(form: NoteForm) -> str:
        store.version += 1  # someone saved between the page's check and the service
        return stale_save(form)

    edit = VersionedEdit(edit.form, edit.current_version, meanwhile, edit.page, edit.done)
    response = versioned_edit(post({"text": "mijn tekst", "version": "3"}), edit)
    assert response.status_code == 409
    assert pages[0][0].initial == {"text": "mijn tekst", "urgent": False, "tags": [], "version": 4}


def test_an_invalid_form_and_a_service_refusal_show_on_the_form():
    store, pages = Store(), no_pages()
    assert (
        versioned_edit(post({"text": "", "version": "3"}), edit_for(store, pages)).status_code
        == 400
    )
    store.refuse = "Niet zo."
    assert (
        versioned_edit(post({"text": "ok", "version": "3"}), edit_for(store, pages)).status_code
        == 400
    )
    assert pages[-1][0].errors == {"text": ["Niet zo."]}
    assert store.saves == 0


@pytest.mark.parametrize("raw", ["", "²", "٣", "-1", "1e3", "9" * 19, " 3"])
def test_a_version_that_is_not_ascii_digits_within_range_is_no_version(raw: str):
    assert posted_version({"version": raw}, "version") is None


def test_the_api_call_maps_stale_to_conflict_and_a_refusal_to_its_error():
    class ConflictError(Exception):
        pass

    class RefusedError(Exception):
        pass

    with pytest.raises(ConflictError), api_service_call(ConflictError, RefusedError):
        raise StaleEdit
    with pytest.raises(RefusedError), api_service_call(ConflictError, RefusedError):
        raise ValidationError("nee")
