"""The mayor's list of measures to decide on (used by the mayor's dashboard)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import Municipality
from measures.models import Intervention
from measures.workflow import IN_FORCE, InterventionState

S = InterventionState


def measures_for_mayor(municipality: Municipality) -> QuerySet[Intervention]:
    """The measures of the municipality's cases on which the mayor decides and that ask for
    a decision now: proposed, requested or with a notice of intent sent; or in force and
    ending within the warning period (renew or let end). Soonest end first."""
    horizon = timezone.localdate() + timedelta(days=settings.MEASURE_END_WARNING_DAYS)
    awaiting = Q(state__in=[S.PROPOSED, S.REQUESTED, S.INTENT_NOTIFIED])
    ending = Q(state__in=IN_FORCE, end_on__isnull=False, end_on__lte=horizon)
    return (
        Intervention.objects.filter(
            awaiting | ending,
            case__municipality=municipality,
            measure_type__mayor_decides=True,
        )
        .select_related("measure_type", "case", "responsible_organisation")
        .order_by(F("end_on").asc(nulls_last=True), "created_at", "id")
    )
