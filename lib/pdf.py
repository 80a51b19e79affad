"""HTML to PDF through WeasyPrint, for the documents Schakel hands out as files (the council
report, the print of a case).

The HTML is rendered for WeasyPrint only and never served to a browser; its layout comes from
static stylesheets (files, or strings kept in code), so no inline style exists anywhere.
WeasyPrint is imported on first use: it is heavy and only these downloads need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def html_to_pdf(html: str, *, stylesheets: Sequence[Path | str], base_url: Path) -> bytes:
    """The PDF of ``html``; each stylesheet is a CSS file (a Path) or CSS text (a str), applied
    in order. ``base_url`` resolves relative references; nothing is fetched from the network
    because the templates reference nothing outside it."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]  # heavy: only for a PDF

    sheets = [
        CSS(filename=str(sheet)) if isinstance(sheet, Path) else CSS(string=sheet)
        for sheet in stylesheets
    ]
    pdf: bytes = HTML(string=html, base_url=str(base_url)).write_pdf(stylesheets=sheets)
    return pdf
