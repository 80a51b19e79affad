"""API of council reports: ``GET /api/v1/reports/council`` gives the figures of a whole
period, already suppressed exactly as in a report (raw counts never leave Schakel).

A bad period is a 400 problem+json that says what is allowed; another municipality is the
same 404 as one that does not exist. Every call is logged (without subjects).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor
from accounts.models import Role
from audit.models import Operation
from lib.access_rules import AccessRule, Kind
from lib.serializers import BoundedSerializer
from reports import gates, services
from reports.periods import Period, period_from_code
from reports.suppression import (
    HIDDEN,
    SHOWN,
    SMALL,
    PublishedAggregates,
    PublishedCell,
    PublishedPeriod,
)

PROBLEM_400 = OpenApiResponse(
    description="Not valid (such as a period that is not a whole, ended block): "
    "application/problem+json with invalid_params."
)
PROBLEM_404 = OpenApiResponse(description="Not found, or not yours: application/problem+json.")


class CouncilQuerySerializer(BoundedSerializer[Any]):
    period = serializers.CharField(
        help_text="A whole, ended block: a quarter such as 2025-Q1, or a year such as 2025 "
        "where the installation reports per year."
    )
    municipality = serializers.IntegerField(
        required=False,
        help_text="The municipality; by default the caller's own (a process director names "
        "one of the region).",
    )


class CouncilCellSerializer(BoundedSerializer[Any]):
    key = serializers.CharField(help_text="Stable key of the row ('total' for the total).")
    name = serializers.CharField(help_text="The row as the interface names it.")
    state = serializers.ChoiceField(
        choices=[SHOWN, SMALL, HIDDEN],
        help_text="shown: the exact count; small: between 1 and threshold-1; hidden: left "
        "out so that no small count can be worked out.",
    )
    value = serializers.IntegerField(
        allow_null=True, help_text="The count when shown, otherwise null."
    )
    display = serializers.CharField(help_text="The figure as printed, such as '12' or '< 10'.")


class CouncilTableSerializer(BoundedSerializer[Any]):
    key = serializers.CharField(help_text="Stable key of the table.")
    title = serializers.CharField()
    population = serializers.CharField(
        help_text="signals, cases or interventions; tables of one population share a total."
    )
    cells = CouncilCellSerializer(many=True)
    total = CouncilCellSerializer()


class CouncilPeriodSerializer(BoundedSerializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    name = serializers.CharField(help_text="The period in words.")
    tables = CouncilTableSerializer(many=True)


class CouncilMunicipalitySerializer(BoundedSerializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CouncilAggregatesSerializer(BoundedSerializer[Any]):
    municipality = CouncilMunicipalitySerializer()
    threshold = serializers.IntegerField(help_text="Counts below this are not shown exactly.")
    current = CouncilPeriodSerializer()
    previous = CouncilPeriodSerializer(help_text="The block just before, for the trend.")
    trend = serializers.ListField(
        child=serializers.CharField(), help_text="The trend in words, from shown totals only."
    )


def _cell(cell: PublishedCell) -> dict[str, Any]:
    return {
        "key": cell.key,
        "name": cell.label,
        "state": cell.state,
        "value": cell.value if cell.shown else None,
        "display": cell.display,
    }


def _period(period: PublishedPeriod, label: str) -> dict[str, Any]:
    return {
        "start": period.start,
        "end": period.end,
        "name": label,
        "tables": [
            {
                "key": table.key,
                "title": table.title,
                "population": table.population,
                "cells": [_cell(cell) for cell in table.cells],
                "total": _cell(table.total),
            }
            for table in period.tables
        ],
    }


def council_data(published: PublishedAggregates, *, municipality: Any) -> dict[str, Any]:
    return {
        "municipality": {"id": municipality.pk, "name": municipality.name},
        "threshold": published.threshold,
        "current": _period(published.current, published.current_label),
        "previous": _period(published.previous, published.previous_label),
        "trend": published.trend,
    }


class CouncilAggregatesView(APIView):
    """Suppressed figures of one municipality for a whole, ended period."""

    access_rule = AccessRule(
        Kind.ROLES, roles=frozenset({Role.LEAD, Role.MAYOR_OFFICE, Role.PROCESS_DIRECTOR})
    )

    @extend_schema(
        operation_id="reports_council_retrieve",
        parameters=[CouncilQuerySerializer],
        responses={200: CouncilAggregatesSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        query = CouncilQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        municipality_id = query.validated_data.get("municipality")
        if municipality_id is None:
            municipality = gates.own_municipality(actor)
        else:
            municipality = gates.get_municipality(actor, municipality_id)
        try:
            period: Period = period_from_code(
                query.validated_data["period"], today=timezone.localdate()
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"period": error.messages}) from None
        published = services.published_for(municipality_ids=[municipality.pk], period=period)
        services.log_report(
            actor=actor,
            name="reports.council.api",
            operation=Operation.EXPORT,
            object_id=f"{municipality.pk}:{period.code}",
        )
        data = council_data(published, municipality=municipality)
        return Response(CouncilAggregatesSerializer(data).data)
