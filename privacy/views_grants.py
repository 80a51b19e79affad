"""The privacy officer's list of grants of roles, with their granter and approver."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from access import roles as access_roles
from lib.access_rules import roles
from privacy.grants import (
    SHOW_ACTIVE,
    SHOW_ALL,
    SHOW_ENDED,
    SHOW_PENDING,
    SHOW_REFUSED,
    grant_officer,
    grants_in_scope,
    log_grants_shown,
)

GRANTS_PER_PAGE = 50


class GrantFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[
            (SHOW_ALL, _("all grants")),
            (SHOW_PENDING, _("awaiting approval")),
            (SHOW_ACTIVE, _("current")),
            (SHOW_ENDED, _("ended")),
            (SHOW_REFUSED, _("refused")),
        ],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the filters offered.")},
    )


@roles(access_roles.PRIVACY_OFFICER)
@require_GET
def grant_list_view(request: HttpRequest) -> HttpResponse:
    actor = grant_officer(request)
    form = GrantFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "privacy/grants.html", {"form": form, "page": None}, status=400)
    show = form.cleaned_data.get("show", SHOW_ALL) if form.is_bound else SHOW_ALL
    page = Paginator(grants_in_scope(actor, show=show), GRANTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    grants = list(page.object_list)
    log_grants_shown(actor, grants)
    context = {"form": form, "page": page, "grants": grants, "show": show}
    return render(request, "privacy/grants.html", context)
