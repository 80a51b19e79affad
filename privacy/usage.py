"""How accounts use Schakel: refusals and identity lookups ("already known?" checks and
searches) per account and day.

Probing leaves traces in the processing log (access.refusal, signals.known); this page puts
them in front of the privacy officer, counted per account and day and marked when a count
reaches the threshold of the settings. It is about users' use of the system, never about the
persons in it: no subject, object or name of a checked person is shown or counted here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from access.facts import Actor
from access.oversight import usage_organisation_scope
from access.refusal import REFUSAL_NAMES
from accounts.models import Organisation, User
from audit.models import Operation, ProcessingRecord
from audit.services import log_processing
from privacy.services import OVERSIGHT_ACTIVITY
from search.gates import SEARCH_NAME
from signals.known import CHECK_NAME

# The periods the page offers, in days; the first is the default.
PERIODS = (7, 30, 90)
# A page of counts, not a log: more rows than this means the threshold is set too low.
MAX_ROWS = 500


@dataclass(frozen=True)
class Thresholds:
    refusals: int
    checks: int

    @classmethod
    def from_settings(cls) -> Thresholds:
        return cls(
            refusals=settings.USAGE_REFUSALS_PER_DAY, checks=settings.USAGE_KNOWN_CHECKS_PER_DAY
        )


@dataclass(frozen=True)
class UsageRow:
    day: date
    user_id: int
    user_label: str
    organisation_label: str
    refusals: int
    checks: int
    refusals_reach_threshold: bool
    checks_reach_threshold: bool


@dataclass(frozen=True)
class Usage:
    days: int
    since: date
    thresholds: Thresholds
    rows: list[UsageRow]
    truncated: bool


def _first_day(days: int) -> date:
    return timezone.localdate() - timedelta(days=days - 1)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _counts(actor: Actor, since: date, thresholds: Thresholds, *, all_rows: bool) -> QuerySet:
    organisations = Organisation.objects.filter(usage_organisation_scope(actor)).values("pk")
    refusal = Q(name__in=REFUSAL_NAMES)
    # "Already known?" checks and searches: both are identity lookups.
    check = Q(name__in=(CHECK_NAME, SEARCH_NAME))
    counts = (
        ProcessingRecord.objects.filter(
            refusal | check,
            started_at__gte=_start_of(since),
            actor_id__isnull=False,
            organisation_id__in=organisations,
        )
        .annotate(day=TruncDate("started_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "actor_id", "organisation_id")
        # One refusal is one record; one check may log several candidates under one trace.
        .annotate(
            refusals=Count("pk", filter=refusal),
            checks=Count("trace_id", distinct=True, filter=check),
        )
        .order_by("-day", "-refusals", "-checks", "actor_id")
    )
    if all_rows:
        return counts
    return counts.filter(Q(refusals__gte=thresholds.refusals) | Q(checks__gte=thresholds.checks))


def _labels(rows: list[dict]) -> tuple[dict[int, str], dict[int, str]]:
    users = User.objects.filter(pk__in={row["actor_id"] for row in rows})
    organisations = Organisation.objects.filter(pk__in={row["organisation_id"] for row in rows})
    return (
        {user.pk: f"{user.full_name} ({user.email})" for user in users},
        {organisation.pk: organisation.name for organisation in organisations},
    )


def marked_account_count(actor: Actor, *, days: int) -> int:
    """How many accounts the usage page marks over ``days`` (at most MAX_ROWS + 1): a count
    with no names, for the privacy officer's start page; nothing to log."""
    rows = _counts(actor, _first_day(days), Thresholds.from_settings(), all_rows=False)
    return len({row["actor_id"] for row in rows[: MAX_ROWS + 1]})


def usage_for(actor: Actor, *, days: int, all_rows: bool) -> Usage:
    """The counts the privacy officer may see; the read is logged with the accounts it shows
    as data subjects before the page is rendered."""
    thresholds = Thresholds.from_settings()
    since = _first_day(days)
    found = list(_counts(actor, since, thresholds, all_rows=all_rows)[: MAX_ROWS + 1])
    shown = found[:MAX_ROWS]
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.usage.read",
        operation=Operation.READ,
        actor=actor,
        subjects=sorted({f"user:{row['actor_id']}" for row in shown}),
        object_type="usage",
    )
    users, organisations = _labels(shown)
    rows = [
        UsageRow(
            day=row["day"],
            user_id=row["actor_id"],
            # An account removed since is shown by its number, as the log page does.
            user_label=users.get(row["actor_id"], f"#{row['actor_id']}"),
            organisation_label=organisations.get(row["organisation_id"], ""),
            refusals=row["refusals"],
            checks=row["checks"],
            refusals_reach_threshold=row["refusals"] >= thresholds.refusals,
            checks_reach_threshold=row["checks"] >= thresholds.checks,
        )
        for row in shown
    ]
    return Usage(
        days=days, since=since, thresholds=thresholds, rows=rows, truncated=len(found) > MAX_ROWS
    )
