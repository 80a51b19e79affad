"""The print and the PDF of a case: every section the reader may see on the case page, each
through its own section function (so through the same filters), rendered with print
templates; the network as tables.

Both are logged before anything is produced: one processing record per subject shown (the
case's subject and the network persons in the tables), PRINT for the print page and EXPORT
for the PDF. If the record cannot be written, AuditUnavailable propagates and the request
ends in 503 with nothing produced.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from audit.models import Operation
from audit.services import log_processing
from cases import sections
from cases.gates import ACTIVITY, GatedCase, read_name
from cases.models import Case
from lib.pdf import html_to_pdf

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "case_print.css"
# For WeasyPrint only: the classification element of the page becomes a running element, so
# the top margin of every page shows it in the reader's language (browsers ignore running()).
PDF_CSS = """
@page { @top-center { content: element(classification); } }
.schakel-classification { position: running(classification); font-family: sans-serif;
  font-size: 9pt; }
"""


def print_context(gated: GatedCase) -> tuple[dict[str, object], list[str]]:
    """The print's template context and the log subjects it shows, the case's subject first."""
    case = gated.case
    entries = sections.entries_section(gated)
    extra = sections.print_sections(gated)
    subjects = [f"subject:{case.subject_id}"]
    subjects += list(dict.fromkeys(s for part in extra for s in part.subjects))
    context: dict[str, object] = {
        # Section templates shared with the case page leave out their links and offers.
        "printing": True,
        "case": case,
        "team": case.team.filter(removed_at__isnull=True).select_related("organisation"),
        "entry_rows": entries["entry_rows"],
        "timeline": entries["timeline"],
        **sections.plan_section(gated),
        **sections.tasks_section(gated),
        "print_sections": [(part.template, part.context) for part in extra],
    }
    return context, subjects


def log_print(gated: GatedCase, subjects: list[str], *, operation: Operation, name: str) -> None:
    log_processing(
        activity=ACTIVITY,
        name=read_name(gated.actor, gated.facts, name),
        operation=operation,
        actor=gated.actor,
        subjects=subjects,
        object_type="case",
        object_id=gated.case.pk,
    )


def pdf_filename(case: Case) -> str:
    """The case number and today's date; never a person's name (a file name travels in mail
    attachments and download folders)."""
    return f"casus-{case.pk}-{timezone.localdate():%Y%m%d}.pdf"


def case_pdf(context: dict[str, object]) -> bytes:
    html = render_to_string("cases/case_pdf.html", context)
    return html_to_pdf(html, stylesheets=[PRINT_CSS, PDF_CSS], base_url=PRINT_CSS.parent)
