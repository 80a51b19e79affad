"""The processing log search as a CSV file for the privacy officer (opened in Excel).

Safe for a spreadsheet: a cell that starts with = + - @ (or a tab or carriage return) is
prefixed with a quote, so no text a user wrote into a name or an organisation can run as a
formula (CSV injection). UTF-8 with a byte order mark, so Excel reads the accents right,
and semicolons between the cells, the list separator of a Dutch Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from privacy.gates import LogRow

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text that a spreadsheet shows and never evaluates."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_filename(day: date) -> str:
    return f"verwerkingslogboek-{day:%Y-%m-%d}.csv"


def _moment(row: LogRow) -> str:
    local = timezone.localtime(row.record.started_at)
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M:%S}"


def log_csv(rows: Iterable[LogRow]) -> str:
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Sequence number"),
            _("Time"),
            _("Processing"),
            _("Code"),
            _("Operation"),
            _("Result"),
            _("Actor"),
            _("Organisation"),
            _("Object"),
            _("Object type (code)"),
            _("Object id"),
            _("Processing activity"),
            _("Register entry (code)"),
            _("Version"),
            _("Trace id"),
        ]
    )
    for row in rows:
        record = row.record
        version = record.activity_version
        writer.writerow(
            safe_cell(value)
            for value in (
                record.sequence,
                _moment(row),
                row.label,
                record.name,
                record.get_operation_display(),
                record.get_result_display(),
                row.actor_label,
                row.organisation_label,
                row.object_label,
                record.object_type,
                record.object_id,
                version.name,
                version.activity.code,
                version.number,
                record.trace_id,
            )
        )
    return out.getvalue()
