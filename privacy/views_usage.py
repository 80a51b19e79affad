"""The privacy officer's usage page: accounts with many refusals or "already known?" checks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from access import roles as access_roles
from lib.access_rules import roles
from privacy.gates import get_privacy_officer
from privacy.usage import PERIODS, usage_for


class UsageFilterForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Period"),
        choices=(),
        coerce=int,
        initial=PERIODS[0],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the periods offered.")},
    )
    all_rows = forms.BooleanField(label=_("Also show days below the thresholds"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Labels made per request, so they are in the request's language.
        self.fields["days"].choices = [  # type: ignore[attr-defined]
            (days, gettext("last %(days)d days") % {"days": days}) for days in PERIODS
        ]

    def days_or_default(self) -> int:
        return self.cleaned_data.get("days") or PERIODS[0]


@roles(access_roles.PRIVACY_OFFICER)
@require_GET
def usage_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    form = UsageFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "privacy/usage.html", {"form": form, "usage": None}, status=400)
    days = form.days_or_default() if form.is_bound else PERIODS[0]
    all_rows = bool(form.is_bound and form.cleaned_data.get("all_rows"))
    usage = usage_for(actor, days=days, all_rows=all_rows)
    return render(request, "privacy/usage.html", {"form": form, "usage": usage})
