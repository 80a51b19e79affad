"""Making a council report, and the processing records of generating and downloading one.

The report counts signals, cases and interventions: no person is in it, so the records are
written without subjects, under the case-coordination activity whose data it aggregates.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from access.facts import Actor
from accounts.models import Municipality, User
from audit.models import Operation
from audit.services import log_processing
from reports.aggregates import council_aggregates
from reports.models import Channel, Classification, CouncilReport
from reports.periods import Period, period_from_code
from reports.suppression import PublishedAggregates, min_cell_threshold, suppress_aggregates

ACTIVITY = "case-coordination"
OBJECT_TYPE = "council_report"


def published_for(*, municipality_ids: list[int], period: Period) -> PublishedAggregates:
    """Suppressed figures of a period (and the one before it), with this installation's
    threshold."""
    raw = council_aggregates(municipality_ids, period.start, period.end)
    return suppress_aggregates(raw, min_cell_threshold())


def log_report(*, actor: Actor, name: str, operation: Operation, object_id: int | str = "") -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        object_type=OBJECT_TYPE,
        object_id=object_id,
    )


@transaction.atomic
def council_report_create(
    *,
    actor: Actor,
    user: User,
    municipality: Municipality,
    period_code: str,
    classification: str,
    channel: str,
    today: date,
) -> CouncilReport:
    errors: dict[str, list[str]] = {}
    period: Period | None = None
    try:
        period = period_from_code(period_code, today=today)
    except ValidationError as error:
        errors["period"] = error.messages
    if classification not in Classification.values:
        errors["classification"] = [str(_("Choose public or secret."))]
    if channel not in Channel.values:
        errors["channel"] = [str(_("Choose how the council receives the report."))]
    if errors or period is None:
        raise ValidationError(errors)
    published = published_for(municipality_ids=[municipality.pk], period=period)
    report = CouncilReport(
        municipality=municipality,
        period_start=period.start,
        period_end=period.end,
        threshold=published.threshold,
        classification=classification,
        channel=channel,
        published=published.to_json(),
        created_by=user,
        created_by_name=user.full_name,
    )
    report.full_clean()
    report.save()
    log_report(
        actor=actor,
        name="reports.council.generate",
        operation=Operation.EXPORT,
        object_id=report.pk,
    )
    return report


def report_published(report: CouncilReport) -> PublishedAggregates:
    return PublishedAggregates.from_json(report.published)
