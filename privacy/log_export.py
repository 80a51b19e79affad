"""The processing log search as a file for the privacy officer (CSV or XLSX, lib.spreadsheet
keeps every cell text that never runs as a formula)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from lib.spreadsheet import Sheet
from privacy.gates import LogRow

FILE_STEM = "verwerkingslogboek"


def log_sheet(rows: Iterable[LogRow]) -> Sheet:
    return Sheet(
        title=_("Processing log"),
        headers=[
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
        ],
        rows=[
            [
                row.record.sequence,
                row.record.started_at,
                row.label,
                row.record.name,
                str(row.record.get_operation_display()),
                str(row.record.get_result_display()),
                row.actor_label,
                row.organisation_label,
                row.object_label,
                row.record.object_type,
                row.record.object_id,
                row.record.activity_version.name,
                row.record.activity_version.activity.code,
                row.record.activity_version.number,
                row.record.trace_id,
            ]
            for row in rows
        ],
    )
