"""Gates of the privacy officer's pages: ask the policy, log the read, then fetch.

Reading the processing log is itself a processing of (staff) personal data, so every search,
every chain verification and every look at the register is logged under the register entry
"audit-oversight" before anything is read; if that record cannot be written, AuditUnavailable
propagates and nothing is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.actor import actor_for_request
from access.exports import EXPORT_LIMIT
from access.facts import Actor
from access.municipality import may_read_processing_log
from accounts.models import Organisation, User
from audit.anchors import Verification, log_verify
from audit.models import (
    Operation,
    ProcessingActivity,
    ProcessingActivityVersion,
    ProcessingRecord,
)
from audit.services import log_processing
from lib.listing import ListPage, ListSpec, ListState, SortColumn, keyset_page, ordered_rows
from privacy.log_labels import record_label, record_object
from privacy.services import OVERSIGHT_ACTIVITY

PAGE_SIZE = 50
# The log is read in the order it was written; the sequence number is that order.
LOG_LIST = ListSpec(
    name="processing_log",
    columns=(SortColumn("nummer", _("No."), "sequence"),),
    default_key="nummer",
    default_descending=True,
    page_size=PAGE_SIZE,
)


def get_privacy_officer(request: HttpRequest) -> Actor:
    """The acting privacy officer; 404 for anyone else, like a page that does not exist."""
    actor = actor_for_request(request)
    if actor is None:
        raise Http404
    if not may_read_processing_log(actor):
        raise Http404
    return actor


# --- The processing log ---


@dataclass(frozen=True)
class LogFilters:
    """What to search the log for; empty fields do not filter."""

    subject_pseudonym: str = ""
    actor_id: int | None = None
    organisation_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    operation: str = ""
    result: str = ""

    def as_session_data(self) -> dict[str, str | int | None]:
        """Only resolved values: a pseudonym and ids, never what the officer typed."""
        return {
            "subject_pseudonym": self.subject_pseudonym,
            "actor_id": self.actor_id,
            "organisation_id": self.organisation_id,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "operation": self.operation,
            "result": self.result,
        }

    @classmethod
    def from_session_data(cls, data: object) -> LogFilters | None:
        """The stored search, or None when there is none or it has an unexpected shape."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                subject_pseudonym=_stored_text(data.get("subject_pseudonym")),
                actor_id=_stored_number(data.get("actor_id")),
                organisation_id=_stored_number(data.get("organisation_id")),
                date_from=_stored_day(data.get("date_from")),
                date_to=_stored_day(data.get("date_to")),
                operation=_stored_text(data.get("operation")),
                result=_stored_text(data.get("result")),
            )
        except (TypeError, ValueError):
            # A session written by an older version: better no search than a wrong one.
            return None


def _stored_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _stored_number(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    return value


def _stored_day(value: object) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(_stored_text(value))


@dataclass(frozen=True)
class LogRow:
    record: ProcessingRecord
    actor_label: str
    organisation_label: str
    # What happened and to what, in words (privacy.log_labels); the codes stay on the record.
    label: str = ""
    object_label: str = ""


@dataclass(frozen=True)
class LogPage:
    page: ListPage[ProcessingRecord]
    rows: list[LogRow]


def _start_of_day(day: date) -> datetime:
    # Days are local days: the officer thinks in Dutch dates, the log stores UTC.
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def matching_records(filters: LogFilters) -> QuerySet[ProcessingRecord]:
    records = ProcessingRecord.objects.select_related("activity_version__activity")
    if filters.subject_pseudonym:
        records = records.filter(subject_pseudonym=filters.subject_pseudonym)
    if filters.actor_id is not None:
        records = records.filter(actor_id=filters.actor_id)
    if filters.organisation_id is not None:
        records = records.filter(organisation_id=filters.organisation_id)
    if filters.date_from is not None:
        records = records.filter(started_at__gte=_start_of_day(filters.date_from))
    if filters.date_to is not None:
        # Inclusive: everything before the start of the next local day.
        records = records.filter(started_at__lt=_start_of_day(filters.date_to + timedelta(days=1)))
    if filters.operation:
        records = records.filter(operation=filters.operation)
    if filters.result:
        records = records.filter(result=filters.result)
    return records.order_by("-sequence")


def _label(names: dict[int, str], identifier: int | None) -> str:
    if identifier is None:
        return "—"
    # The log outlives accounts and organisations; a removed one is shown by its number.
    return names.get(identifier) or f"#{identifier}"


def get_log_page(actor: Actor, *, filters: LogFilters, state: ListState) -> LogPage:
    """One keyset page of matching records in the state's order (newest first unless the
    officer chose otherwise); the search is logged before it runs."""
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.log.search",
        operation=Operation.READ,
        actor=actor,
    )
    page = keyset_page(matching_records(filters), state)
    return LogPage(page=page, rows=_rows(page.rows))


def _rows(records: list[ProcessingRecord]) -> list[LogRow]:
    # One query each for all rows, so the query count does not grow with the rows.
    actor_ids = {record.actor_id for record in records if record.actor_id is not None}
    organisation_ids = {r.organisation_id for r in records if r.organisation_id is not None}
    actor_names = {
        pk: full_name or email
        for pk, full_name, email in User.objects.filter(pk__in=actor_ids).values_list(
            "pk", "full_name", "email"
        )
    }
    organisation_names = dict(
        Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name")
    )
    return [
        LogRow(
            record=record,
            actor_label=_label(actor_names, record.actor_id),
            organisation_label=_label(organisation_names, record.organisation_id),
            label=record_label(record),
            object_label=record_object(record),
        )
        for record in records
    ]


# An export holds at most this many records; a larger search is refused with the advice to
# narrow it, never cut off silently.


class ExportTooLargeError(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def get_log_export(actor: Actor, *, filters: LogFilters, state: ListState) -> list[LogRow]:
    """Every record of the stored search, newest first, for a CSV file.

    The file names the accounts that acted, so the export is logged (EXPORT) with those
    accounts as its data subjects, as the usage page logs the accounts it shows; the records'
    own data subjects are in the log only as pseudonyms, and the file does not hold those.
    Logged before the rows are turned into the file; if the record cannot be written,
    AuditUnavailable propagates and nothing is exported.
    """
    records = ordered_rows(matching_records(filters), state, limit=EXPORT_LIMIT)
    if len(records) > EXPORT_LIMIT:
        raise ExportTooLargeError(matching_records(filters).count())
    accounts = sorted({record.actor_id for record in records if record.actor_id is not None})
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.log.export",
        operation=Operation.EXPORT,
        actor=actor,
        subjects=[f"user:{account}" for account in accounts],
        object_type="processing_record",
    )
    return _rows(records)


def get_chain_report(actor: Actor) -> Verification:
    """Verifies the whole keyed hash chain, and the anchors when the anchor file is there;
    logged first, so the check covers its own record."""
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.log.verify",
        operation=Operation.READ,
        actor=actor,
    )
    anchor_path = settings.AUDIT_ANCHOR_PATH
    return log_verify(anchor_path=anchor_path if anchor_path.exists() else None)


# --- The register of processing activities ---


@dataclass(frozen=True)
class RegisterEntry:
    activity: ProcessingActivity
    current: ProcessingActivityVersion
    older: list[ProcessingActivityVersion]


def get_register(actor: Actor) -> list[RegisterEntry]:
    """Every register entry with its versions, newest first.

    Logged because versions name their authors (staff e-mail addresses).
    """
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.register.read",
        operation=Operation.READ,
        actor=actor,
        object_type="processing_activity",
    )
    activities = ProcessingActivity.objects.order_by("code").prefetch_related(
        Prefetch(
            "versions",
            queryset=ProcessingActivityVersion.objects.order_by("-number"),
            to_attr="newest_first",
        )
    )
    entries = []
    for activity in activities:
        versions: list[ProcessingActivityVersion] = activity.newest_first
        # An entry without any version cannot exist (activity_revise creates both in one
        # transaction); skipping it keeps the page up if one ever does.
        if versions:
            entries.append(RegisterEntry(activity, versions[0], versions[1:]))
    return entries


def get_activity_for_revision(code: str) -> tuple[ProcessingActivity, ProcessingActivityVersion]:
    """The register entry and its current version; 404 for an unknown code."""
    activity = ProcessingActivity.objects.filter(code=code).first()
    if activity is None:
        raise Http404
    current = activity.versions.order_by("-number").first()
    if current is None:
        raise Http404
    return activity, current
