"""Pages of council reports: the list, the form that makes one, the report, PDF and CSV.

Every report is reached through reports.gates (404 for "missing" and "not yours"). Making a
report, and downloading it as PDF or CSV, writes a processing record (without subjects: the
report counts, it names no one).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.facts import Actor
from access.municipality import may_make_council_report
from audit.models import Operation
from lib.access_rules import object_gate, roles
from lib.forms import add_service_errors
from reports import gates, services
from reports.exports import file_stem, report_csv, report_pdf
from reports.forms import CouncilReportForm
from reports.models import CouncilReport, TextKind


@require_GET
@roles(access_roles.COUNCIL_INFORMERS)
def report_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    reports = list(gates.reports_for(actor))
    may_make = any(
        may_make_council_report(actor, gates.municipality_facts(m))
        for m in gates.municipalities_for(actor)
    )
    return render(request, "reports/list.html", {"reports": reports, "may_make": may_make})


@require_http_methods(["GET", "POST"])
@roles(access_roles.NOTICE_READERS)
def report_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.own_municipality(actor, make=True)
    today = timezone.localdate()
    form = CouncilReportForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.council_report_create(
                actor=actor,
                user=request_user(request),
                municipality=municipality,
                period_code=form.cleaned_data["period"],
                classification=form.cleaned_data["classification"],
                channel=form.cleaned_data["channel"],
                today=today,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("reports:detail", report_id=report.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "municipality": municipality}
    return render(request, "reports/create.html", context, status=status)


def detail_context(actor: Actor, report: CouncilReport) -> dict[str, Any]:
    texts = list(report.texts.select_related("organisation"))
    return {
        "report": report,
        "published": services.report_published(report),
        "outline": next((t for t in texts if t.kind == TextKind.OUTLINE), None),
        "sections": [t for t in texts if t.kind == TextKind.PARTNER],
        "contributors": list(report.contributors.order_by("name")),
        "may_write_outline": gates.may_actor_write_outline(actor, report),
        "may_finalise": gates.may_actor_finalise(actor, report),
    }


@require_GET
@object_gate
def report_detail_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """Only published figures are stored, so showing a report reads no personal data; its
    texts name no one by design (reports.texts checks them before the report is final)."""
    actor = request_actor(request)
    report = gates.get_report(actor, report_id)
    return render(request, "reports/detail.html", detail_context(actor, report))


@require_GET
@object_gate
def report_pdf_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_actor(request)
    report = gates.get_report(actor, report_id)
    pdf = report_pdf(report)
    services.log_report(
        actor=actor, name="reports.council.pdf", operation=Operation.PRINT, object_id=report.pk
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(report)}.pdf"'
    return response


@require_GET
@object_gate
def report_csv_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_actor(request)
    report = gates.get_report(actor, report_id)
    body = report_csv(report)
    services.log_report(
        actor=actor, name="reports.council.csv", operation=Operation.EXPORT, object_id=report.pk
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(report)}.csv"'
    return response
