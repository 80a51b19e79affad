"""Forms after the NL Design System form patterns (issue 13, point 8), through the pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.forms import BaseForm
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from cases.models import Action
from cases.tests.test_actions import create_url
from cases.tests.test_cases import open_case
from checklists.forms import ItemForm
from conferences.tests.test_conferences import english
from lib.forms import is_conditionally_required
from signals.models import Signal
from signals.tests.builders import intake_post
from tests.personas import World, sign_in

pytestmark = pytest.mark.django_db


def rendered(form, name: str) -> str:
    with translation.override("en"):
        return render_to_string("includes/field.html", {"field": form[name]})


def test_a_conditionally_required_field_is_not_called_optional():
    form = ItemForm()
    assert is_conditionally_required(form.fields["reason"])
    html = rendered(form, "reason")
    assert "(optional)" not in html
    # The condition is in its hint, which the field points at.
    assert "Required when the item does not apply to this case." in html
    assert 'aria-describedby="id_reason_helptext id_reason_limit"' in html


def test_a_truly_optional_field_still_says_so():
    from privacy.forms import LogSearchForm

    html = rendered(LogSearchForm(), "actor")
    assert "(optional)" in html


def test_a_textarea_states_its_limit_and_the_browser_does_not_cut_it():
    html = rendered(ItemForm(), "reason")
    assert "maxlength" not in html.replace("data-maxlength", "")
    assert 'data-maxlength="2000"' in html
    assert "At most 2000 characters." in html


def test_a_failed_submit_shows_a_focusable_error_summary_that_links_to_the_fields(
    client: Client, world: World
):
    sign_in(client, world.privacy_officer)
    response = client.post(
        "/privacy/logboek/", {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'tabindex="-1" data-error-summary' in page
    assert '<h2 class="utrecht-heading-2 schakel-error-summary__heading"' in page
    assert 'href="#id_date_to"' in page
    assert 'class="utrecht-form-field__description utrecht-form-field-error-message"' in page


def test_the_page_loads_the_forms_script(client: Client, world: World):
    sign_in(client, world.privacy_officer)
    page = client.get("/privacy/logboek/").content.decode()
    assert '<script src="/static/js/forms.js" defer></script>' in page


def test_a_pasted_text_over_the_limit_is_refused_in_dutch_and_nothing_is_saved(
    client: Client, world: World
):
    sign_in(client, world.lead)
    before = Signal.objects.count()
    response = client.post("/meldingen/nieuw/", intake_post(world, description="x" * 10_000))
    assert response.status_code == 400
    with translation.override("nl"):
        message = translation.gettext("The description is at most 5000 characters.")
    assert message in response.content.decode()
    assert Signal.objects.count() == before
    # The field itself never carried a maxlength that would have cut the paste.
    assert 'maxlength="5000"' not in response.content.decode().replace("data-maxlength", "")


def test_an_action_deadline_in_2099_is_refused_with_a_clear_message(client: Client, world: World):
    case = open_case(world)
    english(client, world.lead)
    response = client.post(
        create_url(case),
        {"description": "Veel te laat", "owner": world.partner.pk, "due_on": "2099-12-31"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_due_on"' in page
    errors = response.context["form"].errors["due_on"]
    assert any("2099" not in error and "date" in error.lower() for error in errors), errors
    assert not Action.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [("nl", "7 december 2026", "07-12-2026"), ("en", "7 December 2026", "07-12-2026")],
)
def test_two_date_formats_one_definition(language: str, long: str, short: str):
    day = date(2026, 12, 7)
    with translation.override(language):
        assert date_format(day, "DATE_FORMAT") == long
        assert date_format(day, "SHORT_DATE_FORMAT") == short


ROOT = Path(__file__).resolve().parent.parent


def _all_subclasses(cls: type[BaseForm]) -> set[type[BaseForm]]:
    found: set[type[BaseForm]] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_form_with_a_text_area_states_its_limit_instead_of_cutting():
    # The URLconf imports every view module, and with it every form of the project.
    from django import forms
    from django.urls import get_resolver

    from lib.forms import BoundedForm, BoundedModelForm

    get_resolver().url_patterns  # noqa: B018 - imports the views
    ours = {
        form
        for form in _all_subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in {path.name for path in ROOT.iterdir()}
        and not form.__module__.startswith(("tests.", "lib."))
    }
    cutting = sorted(
        f"{form.__module__}.{form.__qualname__}"
        for form in ours
        if any(
            isinstance(f.widget, forms.Textarea)
            for f in getattr(form, "base_fields", {}).values()  # set by the form metaclass
        )
        and not issubclass(form, BoundedForm | BoundedModelForm)
    )
    assert ours
    assert cutting == []
