"""The privacy officer's pages: the processing log and the register of processing activities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.policy import Actor
from accounts.models import Role, User
from audit.chain import ChainReport
from lib.access_rules import roles
from privacy.forms import ActivityRevisionForm, LogSearchForm
from privacy.gates import (
    LogPage,
    get_activity_for_revision,
    get_chain_report,
    get_log_page,
    get_privacy_officer,
    get_register,
)
from privacy.services import register_entry_revise

# --- The processing log ---


@dataclass(frozen=True)
class ChainSummary:
    intact: bool
    message: str


def _chain_summary(report: ChainReport) -> ChainSummary:
    if report.problem is None:
        return ChainSummary(
            intact=True,
            message=_("The chain is intact: %(count)d records, head hash %(hash)s.")
            % {"count": report.checked, "hash": report.head_hash},
        )
    problem = report.problem
    # audit.chain describes problems in English for the command line; the page says the
    # same in the interface language.
    descriptions = {
        "missing": _("record #%(number)d is missing"),
        "altered": _("record #%(number)d was altered (its hash does not match its content)"),
        "broken_link": _("record #%(number)d does not link to the hash of record #%(previous)d"),
    }
    template = descriptions.get(problem.kind)
    description = (
        template % {"number": problem.sequence, "previous": problem.sequence - 1}
        if template
        else problem.describe()
    )
    return ChainSummary(
        intact=False,
        message=_("The chain is broken: %(problem)s. The %(count)d records before it are intact.")
        % {"problem": description, "count": report.checked},
    )


def _render_log(
    request: HttpRequest,
    *,
    form: LogSearchForm,
    log_page: LogPage | None = None,
    chain: ChainSummary | None = None,
    status: int = 200,
) -> HttpResponse:
    # Pagination links keep the filters; only the page number changes.
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "log_page": log_page,
        "filter_query": query.urlencode(),
        "chain": chain,
    }
    return render(request, "privacy/log.html", context, status=status)


@roles(Role.PRIVACY_OFFICER)
def log_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    if not request.GET:
        # The first visit shows the form only: nothing is searched, so nothing is logged.
        return _render_log(request, form=LogSearchForm())
    form = LogSearchForm(request.GET)
    if not form.is_valid():
        return _render_log(request, form=form, status=400)
    log_page = get_log_page(actor, filters=form.filters(), page_number=request.GET.get("page"))
    return _render_log(request, form=form, log_page=log_page)


@roles(Role.PRIVACY_OFFICER)
@require_POST
def log_verify_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    report = get_chain_report(actor)
    return _render_log(request, form=LogSearchForm(), chain=_chain_summary(report))


# --- The register of processing activities ---


def _render_register(
    request: HttpRequest,
    actor: Actor,
    *,
    invalid_form: ActivityRevisionForm | None = None,
    invalid_code: str = "",
    status: int = 200,
) -> HttpResponse:
    entries: list[dict[str, Any]] = []
    for entry in get_register(actor):
        code = entry.activity.code
        rejected = invalid_form is not None and code == invalid_code
        form = (
            invalid_form
            if rejected and invalid_form is not None
            else ActivityRevisionForm(prefix=code, current=entry.current)
        )
        entries.append({"entry": entry, "form": form, "rejected": rejected})
    context = {"entries": entries, "invalid_form": invalid_form}
    return render(request, "privacy/register.html", context, status=status)


@roles(Role.PRIVACY_OFFICER)
def register_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    return _render_register(request, actor)


@roles(Role.PRIVACY_OFFICER)
@require_POST
def register_revise_view(request: HttpRequest, code: str) -> HttpResponse:
    actor = get_privacy_officer(request)
    activity, current = get_activity_for_revision(code)
    form = ActivityRevisionForm(request.POST, prefix=activity.code, current=current)
    if form.is_valid():
        user = request.user
        assert isinstance(user, User)  # the access rule admits logged-in users only
        try:
            version = register_entry_revise(
                activity=activity, actor=actor, author=user.email, **form.cleaned_data
            )
        except ValidationError as error:
            # The model's own validation, should it ever disagree with the form's.
            form.add_error(None, forms.ValidationError(error.messages))
        else:
            messages.success(
                request,
                _("Version %(number)d of “%(name)s” is now in force.")
                % {"number": version.number, "name": version.name},
            )
            return redirect(f"{reverse('privacy:register')}#activity-{activity.code}")
    return _render_register(
        request, actor, invalid_form=form, invalid_code=activity.code, status=400
    )
