"""Filter fields that several lists share (lib.listing): "all" or one of a set of choices,
and a municipality among those of the rows the user already sees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def choice_filter(label: StrOrPromise, choices: Any, message: StrOrPromise) -> forms.ChoiceField:
    """An optional choice with "All" first; ``message`` when the value is not one of them."""
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("All")), *choices],
        error_messages={"invalid_choice": message},
    )


def municipality_filter() -> forms.ModelChoiceField:
    """An optional municipality; its choices are set per request by ``limit_municipalities``."""
    return forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=_("All"),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )


def municipalities_of(rows: QuerySet[Any]) -> QuerySet[Municipality]:
    """The municipalities of a set of rows (signals, cases, meetings), to filter on: never
    more than the rows the user sees."""
    return Municipality.objects.filter(pk__in=rows.values("municipality_id")).order_by("name")


def limit_municipalities(form: forms.Form, rows: QuerySet[Any], name: str = "municipality") -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = municipalities_of(rows)
