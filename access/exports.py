"""Who may export a list to a file (CSV or XLSX).

An export leaves Schakel: it is outside the processing log's reach once downloaded. So only
the roles that coordinate the work may export the lists they coordinate, and every export is
logged per data subject (operation EXPORT). What a file holds is what the list shows the same
person (the same gate, the same filters); this rule decides only whether the button is there.

| list | who may export |
|---|---|
| signals | the lead |
| cases, tasks, case conferences | the lead and the process director |
| processing log | the privacy officer |

Partners, the intake desk, the mayor's office and the administrator read lists but do not
export them.
"""

from __future__ import annotations

from enum import StrEnum

from access import roles
from access.facts import Actor


class ExportableList(StrEnum):
    SIGNALS = "signals"
    CASES = "cases"
    TASKS = "tasks"
    CONFERENCES = "conferences"
    PROCESSING_LOG = "processing_log"


EXPORTERS: dict[ExportableList, frozenset[str]] = {
    ExportableList.SIGNALS: roles.LEAD,
    ExportableList.CASES: roles.CASE_DIRECTORS,
    ExportableList.TASKS: roles.CASE_DIRECTORS,
    ExportableList.CONFERENCES: roles.CASE_DIRECTORS,
    ExportableList.PROCESSING_LOG: roles.PRIVACY_OFFICER,
}

# The most rows one file holds: more is a question to narrow, not a file to mail around.
EXPORT_LIMIT = 10_000


def may_export(actor: Actor, listing: ExportableList) -> bool:
    return roles.has_role(actor, EXPORTERS[listing])
