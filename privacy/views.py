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
from django.views.decorators.http import require_http_methods, require_POST

from access import roles as access_roles
from access.facts import Actor
from accounts.models import User
from audit.anchors import AnchorProblem, Verification
from audit.chain import ChainProblem
from audit.models import ProcessingRecord
from lib.access_rules import roles
from lib.listing import HttpResponseSeeOther, ListView, list_state, list_view, remember
from lib.spreadsheet import checked_format, download
from privacy.forms import ActivityRevisionForm, LogSearchForm, log_search_initial
from privacy.gates import (
    EXPORT_LIMIT,
    LOG_LIST,
    ExportTooLargeError,
    LogFilters,
    LogPage,
    get_activity_for_revision,
    get_chain_report,
    get_log_export,
    get_log_page,
    get_privacy_officer,
    get_register,
)
from privacy.log_export import FILE_STEM, log_sheet
from privacy.services import register_entry_revise

# --- The processing log ---


@dataclass(frozen=True)
class ChainSummary:
    intact: bool
    message: str
    anchors: str = ""  # whether the anchors outside the database were checked, and held


def _chain_problem(problem: ChainProblem) -> str:
    # audit.chain describes problems in English for the command line; the page says the
    # same in the interface language.
    descriptions = {
        "missing": _("record #%(number)d is missing"),
        "altered": _("record #%(number)d was altered (its hash does not match its content)"),
        "broken_link": _("record #%(number)d does not link to the hash of record #%(previous)d"),
        "unknown_key": _("record #%(number)d was made with a chain key that is not configured"),
        "unkeyed": _("record #%(number)d is unkeyed but follows keyed records"),
        "key_change": _(
            "record #%(number)d changes the chain key without a rotation record signed by "
            "the previous key"
        ),
        "unsealed": _(
            "the chain ends in unkeyed record #%(number)d: keyed records after it were "
            "removed, or the chain was rewritten"
        ),
    }
    template = descriptions.get(problem.kind)
    if template is None:
        return problem.describe()
    return template % {"number": problem.sequence, "previous": problem.sequence - 1}


def _anchor_problem(problem: AnchorProblem) -> str:
    anchor = problem.anchor
    if anchor is None:
        return _("the anchor file cannot be read or holds an invalid line")
    descriptions = {
        "unknown_key": _("anchor line %(line)d was signed with a chain key that is not configured"),
        "bad_signature": _("anchor line %(line)d has a bad signature"),
        "beyond_chain": _(
            "the chain ends at record #%(length)d, but anchor line %(line)d (%(time)s) recorded "
            "record #%(number)d: newer records were removed or an older backup was restored"
        ),
        "mismatch": _(
            "record #%(number)d does not have the hash anchored on line %(line)d (%(time)s)"
        ),
    }
    template = descriptions.get(problem.kind)
    if template is None:
        return problem.describe()
    return template % {
        "line": problem.line,
        "length": problem.chain_length,
        "time": anchor.anchored_at,
        "number": anchor.sequence,
    }


def _anchor_summary(result: Verification) -> str:
    anchors = result.anchors
    if anchors is None:
        return _("Anchors were not checked: there is no anchor file.")
    if anchors.problem is None:
        return _("Anchors outside the database checked: %(count)d; all hold.") % {
            "count": anchors.checked
        }
    return _("The anchors outside the database do not hold: %(problem)s.") % {
        "problem": _anchor_problem(anchors.problem)
    }


def _chain_summary(result: Verification) -> ChainSummary:
    report = result.chain
    if report.problem is not None:
        return ChainSummary(
            intact=False,
            message=_(
                "The chain is broken: %(problem)s. The %(count)d records before it are intact."
            )
            % {"problem": _chain_problem(report.problem), "count": report.checked},
        )
    return ChainSummary(
        intact=result.intact,
        message=_("The chain is intact: %(count)d records, head hash %(hash)s.")
        % {"count": report.checked, "hash": report.head_hash},
        anchors=_anchor_summary(result),
    )


# The search is kept in the session, not in the URL: a data subject's e-mail address or
# reference in a query string would end up in access logs, browser history and Referer
# headers. Only resolved values are kept (the subject's pseudonym, ids, ISO dates); logging
# out flushes the session and with it the search.
LOG_SEARCH_SESSION_KEY = "schakel_privacy_log_search"


def _stored_search(request: HttpRequest) -> LogFilters | None:
    return LogFilters.from_session_data(request.session.get(LOG_SEARCH_SESSION_KEY))


def _kept_pseudonym(stored: LogFilters | None) -> str:
    return stored.subject_pseudonym if stored is not None else ""


def _search_form(stored: LogFilters | None) -> LogSearchForm:
    if stored is None:
        return LogSearchForm()
    return LogSearchForm(
        initial=log_search_initial(stored), kept_subject_pseudonym=stored.subject_pseudonym
    )


def _render_log(
    request: HttpRequest,
    *,
    form: LogSearchForm,
    stored: LogFilters | None,
    log_page: LogPage | None = None,
    listing: ListView[ProcessingRecord] | None = None,
    chain: ChainSummary | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "stored_search": stored,
        "log_page": log_page,
        "listing": listing,
        "chain": chain,
    }
    return render(request, "privacy/log.html", context, status=status)


@roles(access_roles.PRIVACY_OFFICER)
@require_http_methods(["GET", "POST"])
def log_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    stored = _stored_search(request)
    if request.method == "POST":
        form = LogSearchForm(request.POST, kept_subject_pseudonym=_kept_pseudonym(stored))
        if not form.is_valid():
            # Nothing is stored or searched: the earlier search, if any, stays as it was.
            return _render_log(request, form=form, stored=stored, status=400)
        request.session[LOG_SEARCH_SESSION_KEY] = form.filters().as_session_data()
        return HttpResponseSeeOther(reverse("privacy:log"))
    if stored is None:
        # No search yet: the form only. Nothing is searched, so nothing is logged.
        return _render_log(request, form=LogSearchForm(), stored=None)
    # Only the order and a signed page cursor come from the URL (lib.listing); a cursor that
    # is not this list's gives the first page.
    state = list_state(request, LOG_LIST)
    remember(request, state)
    log_page = get_log_page(actor, filters=stored, state=state)
    return _render_log(
        request,
        form=_search_form(stored),
        stored=stored,
        log_page=log_page,
        listing=list_view(state, log_page.page, export_url=reverse("privacy:log_export")),
    )


@roles(access_roles.PRIVACY_OFFICER)
@require_POST
def log_clear_view(request: HttpRequest) -> HttpResponse:
    get_privacy_officer(request)
    request.session.pop(LOG_SEARCH_SESSION_KEY, None)
    messages.success(request, _("The search was cleared."))
    return HttpResponseSeeOther(reverse("privacy:log"))


@roles(access_roles.PRIVACY_OFFICER)
@require_POST
def log_export_view(request: HttpRequest) -> HttpResponse:
    """The stored search as a CSV or XLSX file, in the order the officer chose. POST: the
    search itself stays in the session, and an export is an act that is logged, not a page
    to be fetched again by a link or a crawler."""
    actor = get_privacy_officer(request)
    fmt = checked_format(request.POST.get("formaat", ""))
    stored = _stored_search(request)
    if stored is None:
        messages.error(request, _("Search first; the export holds the records of your search."))
        return HttpResponseSeeOther(reverse("privacy:log"))
    try:
        rows = get_log_export(actor, filters=stored, state=list_state(request, LOG_LIST))
    except ExportTooLargeError as too_large:
        messages.error(
            request,
            _(
                "This search finds %(count)d records; an export holds at most %(limit)d. "
                "Narrow the search, for example to a shorter period."
            )
            % {"count": too_large.count, "limit": EXPORT_LIMIT},
        )
        return HttpResponseSeeOther(reverse("privacy:log"))
    return download(log_sheet(rows), stem=FILE_STEM, fmt=fmt)


@roles(access_roles.PRIVACY_OFFICER)
@require_POST
def log_verify_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    report = get_chain_report(actor)
    stored = _stored_search(request)
    return _render_log(
        request, form=_search_form(stored), stored=stored, chain=_chain_summary(report)
    )


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


@roles(access_roles.PRIVACY_OFFICER)
def register_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    return _render_register(request, actor)


@roles(access_roles.PRIVACY_OFFICER)
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
