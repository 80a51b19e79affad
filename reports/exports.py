"""The council report as a CSV file and as a PDF (WeasyPrint), from published figures only.

The PDF's HTML is rendered only for WeasyPrint and never served to a browser; its layout,
including the classification in the margin of every page, comes from a static print
stylesheet (reports/static/reports/council_print.css), so no inline style exists anywhere.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lib.pdf import html_to_pdf
from reports.models import CouncilReport, TextKind
from reports.suppression import PublishedAggregates

PRINT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "council_print.css"


def file_stem(report: CouncilReport) -> str:
    published = PublishedAggregates.from_json(report.published)
    code = report.municipality.code or str(report.municipality.pk)
    return f"raadsrapportage-{code}-{published.current.start:%Y%m%d}-{published.current.end:%Y%m%d}"


def report_csv(report: CouncilReport) -> str:
    published = PublishedAggregates.from_json(report.published)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Municipality"), report.municipality.name])
    writer.writerow([_("Period"), published.current_label])
    writer.writerow([_("Previous period"), published.previous_label])
    writer.writerow([_("Classification"), report.get_classification_display()])
    writer.writerow([_("Threshold"), published.threshold])
    writer.writerow([])
    writer.writerow([_("Table"), _("Category"), _("This period"), _("Previous period")])
    for comparison in published.comparisons:
        title = comparison.table.title
        for row in (*comparison.rows, comparison.total):
            writer.writerow([title, row.label, row.now, row.before])
    return out.getvalue()


def pdf_context(report: CouncilReport) -> dict[str, Any]:
    """What the PDF shows: the published figures and the report's texts with their authors."""
    return {
        "report": report,
        "published": PublishedAggregates.from_json(report.published),
        "outline": report.texts.filter(kind=TextKind.OUTLINE).first(),
        "sections": list(report.texts.filter(kind=TextKind.PARTNER).select_related("organisation")),
    }


def report_pdf(report: CouncilReport) -> bytes:
    html = render_to_string("reports/council_pdf.html", pdf_context(report))
    return html_to_pdf(html, stylesheets=[PRINT_CSS], base_url=PRINT_CSS.parent)
