"""The "already known?" page of the intake (see signals.known)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from access import roles as access_roles
from access.actor import request_actor
from lib.access_rules import roles
from lib.dates import validate_birth_year
from lib.forms import BoundedForm
from persons.matching import PersonQuery
from signals.known import already_known, may_check_now

THROTTLED = _(
    "You have run many checks in a short time. Try again in a few minutes; if it is urgent, "
    "contact the radicalisation lead of your municipality."
)


class KnownCheckForm(BoundedForm):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    surname_prefix = forms.CharField(label=_("Surname prefix"), max_length=30, required=False)
    surname = forms.CharField(
        label=_("Surname"),
        max_length=200,
        error_messages={"required": _("Enter at least the surname.")},
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        validators=[validate_birth_year],
        error_messages={
            "invalid": _("Enter the year as a number, such as 2010."),
            "min_value": _("The year of birth must lie between 1900 and this year."),
            "max_value": _("The year of birth must lie between 1900 and this year."),
        },
    )
    birth_month = forms.IntegerField(
        label=_("Month of birth"),
        required=False,
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": _("The month of birth is a number from 1 to 12."),
            "min_value": _("The month of birth is a number from 1 to 12."),
            "max_value": _("The month of birth is a number from 1 to 12."),
        },
    )
    birth_day = forms.IntegerField(
        label=_("Day of birth"),
        required=False,
        min_value=1,
        max_value=31,
        error_messages={
            "invalid": _("The day of birth is a number from 1 to 31."),
            "min_value": _("The day of birth is a number from 1 to 31."),
            "max_value": _("The day of birth is a number from 1 to 31."),
        },
    )

    def query(self) -> PersonQuery:
        data = self.cleaned_data
        return PersonQuery(
            surname=data["surname"],
            given_names=data.get("given_names") or "",
            surname_prefix=data.get("surname_prefix") or "",
            birth_year=data.get("birth_year"),
            birth_month=data.get("birth_month"),
            birth_day=data.get("birth_day"),
        )


@roles(access_roles.SIGNAL_REPORTERS)
@require_http_methods(["GET", "POST"])
def already_known_view(request: HttpRequest) -> HttpResponse:
    """POST, so the name asked about never appears in a URL or an access log."""
    actor = request_actor(request)
    form = KnownCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and not may_check_now(actor):
        form.is_valid()  # shows what was typed; the check itself does not run
        form.add_error(None, THROTTLED)
        return render(request, "signals/already_known.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        result = already_known(actor, form.query())
    status = 400 if form.errors else 200
    return render(
        request, "signals/already_known.html", {"form": form, "result": result}, status=status
    )
