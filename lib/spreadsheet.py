"""A table as a file to download: CSV (semicolons, for a Dutch Excel) or XLSX (openpyxl).

Safe for a spreadsheet: no text a user wrote (a name, an organisation, a title) ever runs as
a formula. In CSV a cell that starts with = + - @ (or a tab or carriage return) is prefixed
with a quote (CSV injection); in XLSX every text is stored as a text cell, never a formula.
CSV is UTF-8 with a byte order mark, so Excel reads the accents right. Dates stay dates in
XLSX (shown dd-mm-jjjj), so a spreadsheet sorts them as dates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

Cell = str | int | date | datetime | None

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DATE_FORMAT = "dd-mm-yyyy"
MOMENT_FORMAT = "dd-mm-yyyy hh:mm:ss"
# Excel's own limit on a sheet's name.
SHEET_TITLE_LENGTH = 31


@dataclass(frozen=True)
class Sheet:
    """A table: its title (the sheet's name), column headers and rows of cells."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def safe_cell(value: object) -> str:
    """The value as text that a spreadsheet shows and never evaluates."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _local(moment: datetime) -> datetime:
    # Spreadsheets have no time zones: a moment is written as Dutch local time.
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{_local(value):%d-%m-%Y %H:%M:%S}"
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    return safe_cell(value)


def as_csv(sheet: Sheet) -> bytes:
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_cell(header) for header in sheet.headers)
    for row in sheet.rows:
        writer.writerow(_csv_text(value) for value in row)
    return out.getvalue().encode("utf-8")


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, datetime):
        return _local(value).replace(tzinfo=None)
    if isinstance(value, str):
        # Control characters are not allowed in the XML of a sheet; they carry no meaning.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def as_xlsx(sheet: Sheet) -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None  # a new workbook always has one sheet
    worksheet.title = ILLEGAL_CHARACTERS_RE.sub("", sheet.title)[:SHEET_TITLE_LENGTH] or "Schakel"
    widths = [len(header) for header in sheet.headers]
    for column, header in enumerate(sheet.headers, start=1):
        cell = worksheet.cell(row=1, column=column, value=_xlsx_value(header))
        cell.data_type = "s"
    for row_number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = worksheet.cell(row=row_number, column=column, value=_xlsx_value(value))
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
                widths[column - 1] = max(widths[column - 1], min(len(value), 60))
            elif isinstance(value, datetime):
                cell.number_format = MOMENT_FORMAT
                widths[column - 1] = max(widths[column - 1], len(MOMENT_FORMAT))
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
                widths[column - 1] = max(widths[column - 1], len(DATE_FORMAT))
    for column, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = width + 2
    worksheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def checked_format(value: str) -> str:
    """The requested file format; anything else is a request Schakel did not offer (400)."""
    if value not in FORMATS:
        raise BadRequest("unknown export format")
    return value


def download(sheet: Sheet, *, stem: str, fmt: str) -> HttpResponse:
    """The sheet as an attachment named ``<stem>-<date>.<fmt>``."""
    body = as_xlsx(sheet) if fmt == XLSX else as_csv(sheet)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
