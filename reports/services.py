"""Making a council report, and the processing records of generating and downloading one.
(Its texts and making it final: reports.texts.)

The report counts signals, cases and interventions: no person is in it, so the records are
written without subjects, under the case-coordination activity whose data it aggregates.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.facts import Actor
from accounts.models import Municipality, Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.models import Case, CaseEvent, TeamMember
from cases.workflow import CaseStatus
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


# --- Who worked on the municipality's cases in the period. ---


def contributing_organisations(report: CouncilReport) -> list[Organisation]:
    """The organisations on the team of a case of the report's municipality at some moment
    in its period: the case was open then (opened before the period ended, not closed before
    it began) and the organisation was on its team then."""
    begin = timezone.make_aware(datetime.combine(report.period_start, time.min))
    finish = timezone.make_aware(datetime.combine(report.period_end + timedelta(days=1), time.min))
    closed_before = CaseEvent.objects.filter(
        kind=CaseEvent.Kind.STATUS, to_value=CaseStatus.CLOSED, at__lt=begin
    ).values("case_id")
    cases = (
        Case.objects.filter(municipality_id=report.municipality_id, opened_at__lt=finish)
        .exclude(pk__in=closed_before)
        .values("pk")
    )
    members = TeamMember.objects.filter(case_id__in=cases, added_at__lt=finish).filter(
        Q(removed_at__isnull=True) | Q(removed_at__gte=begin)
    )
    ids = members.values("organisation_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


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
    # Fixed now, so who may explain the report does not shift as teams change later.
    report.contributors.set(contributing_organisations(report))
    log_report(
        actor=actor,
        name="reports.council.generate",
        operation=Operation.EXPORT,
        object_id=report.pk,
    )
    return report


def report_published(report: CouncilReport) -> PublishedAggregates:
    return PublishedAggregates.from_json(report.published)
