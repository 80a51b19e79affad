"""The catalogue of measure types, kept by the functional administrator (/beheer/maatregelen/).

The catalogue holds no personal data and no case data. Durations and terms are data, not
code, because the law changes; the administrator records when the figures were compared
with the law text. Changes go through measures.services_catalogue (logged there); bad input
re-renders with 400, a change on an outdated version with 409, keeping what was typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.municipality import may_administer
from lib.access_rules import roles
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, versioned_edit
from measures.forms_admin import MeasureTypeForm
from measures.models import MeasureType
from measures.services_catalogue import EDITABLE_FIELDS, measure_type_create, measure_type_update

FORM_TEMPLATE = "measures/measure_type_form.html"


def _admin(request: HttpRequest) -> Actor:
    """The acting administrator; the URL rule admits only them, the policy says so again."""
    actor = request_actor(request)
    if not may_administer(actor):
        raise Http404
    return actor


@roles(access_roles.ADMIN)
@require_GET
def measure_type_list_view(request: HttpRequest) -> HttpResponse:
    _admin(request)
    types = MeasureType.objects.order_by("-active", "regime", "name")
    return render(request, "measures/measure_type_list.html", {"measure_types": types})


def _fields(data: dict[str, object]) -> dict[str, object]:
    return {name: data[name] for name in EDITABLE_FIELDS}


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def measure_type_create_view(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    form = MeasureTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            measure_type = measure_type_create(
                actor=actor,
                code=data["code"],
                figures_checked=data["figures_checked"],
                **_fields(data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The measure type %(name)s has been added.") % {"name": measure_type}
            )
            return redirect("measures_admin:list")
    context = {"form": form, "heading": _("New measure type"), "measure_type": None}
    return render(request, FORM_TEMPLATE, context, status=400 if form.errors else 200)


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def measure_type_edit_view(request: HttpRequest, measure_type_id: int) -> HttpResponse:
    actor = _admin(request)
    measure_type = MeasureType.objects.filter(pk=measure_type_id).first()
    if measure_type is None:
        raise Http404
    heading = _("Edit measure type %(name)s") % {"name": measure_type.name}

    def current() -> MeasureType:
        return MeasureType.objects.get(pk=measure_type.pk)

    def form(data: QueryDict | None) -> MeasureTypeForm:
        # The form works on its own copy: a ModelForm writes the typed values into its instance.
        return MeasureTypeForm(data, instance=current())

    def save(form: MeasureTypeForm) -> MeasureType:
        data = form.cleaned_data
        return measure_type_update(
            actor=actor,
            measure_type=measure_type,
            version=data["version"],
            figures_checked=data["figures_checked"],
            **_fields(data),
        )

    def page(form: MeasureTypeForm, status: int, conflict: bool) -> HttpResponse:
        # A conflict lists the current values beside what the user typed.
        shown = current() if conflict else measure_type
        context = {"form": form, "heading": heading, "measure_type": shown, "conflict": conflict}
        return render(request, FORM_TEMPLATE, context, status=status)

    def done(_saved: MeasureType) -> HttpResponse:
        messages.success(
            request, _("The measure type %(name)s has been saved.") % {"name": measure_type}
        )
        return redirect("measures_admin:list")

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: current().version,
            save=save,
            page=page,
            done=done,
        ),
    )
