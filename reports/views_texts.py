"""Pages of a council report's texts (issue 14, point 8): the lead's text in outline, a
partner's explanation of their organisation, the list of reports a partner is invited to
explain, and making the report final.

Each report is reached through reports.gates (404 for "missing" and "not yours"); the
services in reports.texts check and log. A partner reaches the one explanation of their own
organisation, never the report's figures or the other texts.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from accounts.models import Organisation
from lib.access_rules import object_gate, roles
from lib.versioned_edit import VersionedEdit, versioned_edit
from reports import gates, texts
from reports.forms import CouncilTextForm
from reports.models import CouncilReport, CouncilText
from reports.views import detail_context
from support.name_check import Finding


def _form(data: QueryDict | None, existing: CouncilText | None, version: int) -> CouncilTextForm:
    # The reason is not filled in again: a reason belongs to the words it was given for, and
    # the page shows the recorded one beside the form.
    initial = {"text": existing.text if existing is not None else "", "version": version}
    return CouncilTextForm(data, initial=initial)


def _saved(request: HttpRequest, findings: list[Finding], done: str, back: str) -> HttpResponse:
    if findings:
        messages.warning(request, texts.findings_warning(findings))
    else:
        messages.success(request, done)
    return redirect(back)


def _text_edit(
    request: HttpRequest,
    *,
    report: CouncilReport,
    organisation: Organisation | None,
    template: str,
    back: str,
) -> HttpResponse:
    actor = request_actor(request)
    existing = texts.current_text(report, organisation=organisation)

    def page(form: CouncilTextForm, status: int, conflict: bool) -> HttpResponse:
        current = texts.current_text(report, organisation=organisation)
        context = {
            "report": report,
            "form": form,
            "conflict": conflict,
            "current": current,
            "organisation": organisation,
            "editable": report.status == "draft",
        }
        return render(request, template, context, status=status)

    def save(form: CouncilTextForm) -> tuple[CouncilText, list[Finding]]:
        data = texts.TextInput(
            text=form.cleaned_data["text"],
            despite_check=form.cleaned_data.get("despite_check") or "",
        )
        common = {
            "actor": actor,
            "user": request_user(request),
            "report": report,
            "data": data,
            "version": form.cleaned_data["version"],
        }
        if organisation is None:
            return texts.council_outline_write(**common)
        return texts.council_section_write(organisation=organisation, **common)

    return versioned_edit(
        request,
        VersionedEdit(
            form=lambda data: _form(
                data, existing, texts.text_version(report, organisation=organisation)
            ),
            current_version=lambda: texts.text_version(report, organisation=organisation),
            save=save,
            page=page,
            done=lambda result: _saved(request, result[1], _("The text has been saved."), back),
        ),
    )


@require_http_methods(["GET", "POST"])
@object_gate
def outline_edit_view(request: HttpRequest, report_id: int) -> HttpResponse:
    report = gates.get_report_to_write_outline(request_actor(request), report_id)
    return _text_edit(
        request,
        report=report,
        organisation=None,
        template="reports/outline_form.html",
        back=reverse("reports:detail", args=[report.pk]),
    )


@require_http_methods(["GET", "POST"])
@object_gate
def section_edit_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_actor(request)
    report = gates.get_report_to_explain(actor, report_id)
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    return _text_edit(
        request,
        report=report,
        organisation=organisation,
        template="reports/section_form.html",
        back=reverse("reports:explain", args=[report.pk]),
    )


@require_GET
@roles(access_roles.PARTNERS)
def explain_list_view(request: HttpRequest) -> HttpResponse:
    """Draft council reports the partner's organisation is invited to explain."""
    reports = list(gates.reports_to_explain(request_actor(request)))
    return render(request, "reports/explain_list.html", {"reports": reports})


@require_POST
@object_gate
def finalise_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_actor(request)
    report = gates.get_report_to_finalise(actor, report_id)
    try:
        texts.council_report_finalise(actor=actor, user=request_user(request), report=report)
    except ValidationError as error:
        context = detail_context(actor, report)
        context["finalise_errors"] = error.messages
        return render(request, "reports/detail.html", context, status=400)
    messages.success(request, _("The council report is final."))
    return redirect("reports:detail", report_id=report.pk)
