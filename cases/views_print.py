"""The print page and the PDF of a case (cases.printing gathers, logs and renders).

Whoever may see the case may print it; both go through the case's gate (404 for "missing"
and "not yours") and are logged per subject shown before anything is produced.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from access.actor import request_actor
from audit.models import Operation
from cases.gates import get_gated_case
from cases.printing import case_pdf, log_print, pdf_filename, print_context
from lib.access_rules import object_gate


@object_gate
@require_GET
def case_print_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The print of the case with every section the actor may see; logged as PRINT."""
    gated = get_gated_case(request_actor(request), case_id)
    context, subjects = print_context(gated)
    log_print(gated, subjects, operation=Operation.PRINT, name="cases.print")
    return render(request, "cases/case_print.html", context)


@object_gate
@require_GET
def case_pdf_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The same print as a PDF download; logged as EXPORT."""
    gated = get_gated_case(request_actor(request), case_id)
    context, subjects = print_context(gated)
    log_print(gated, subjects, operation=Operation.EXPORT, name="cases.pdf")
    response = HttpResponse(case_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(gated.case)}"'
    response["Cache-Control"] = "no-store"
    return response
