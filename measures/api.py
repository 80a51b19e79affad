"""API of measures: ``/api/v1/cases/{case_id}/interventions`` (list, propose), one
intervention with its history and legal remedies, its transitions, and the catalogue
``/api/v1/measure-types``.

The same gate as the measures pages (measures.gates: 404 for "missing" and "not yours",
never 403), the same services (bad input 400 problem+json, nothing saved; stale version
409). Reads of a case's measures are logged by the case gate.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from accounts.models import Organisation
from cases.api import PROBLEM_400, PROBLEM_404
from lib.access_rules import AccessRule, Kind
from lib.problem import ConflictWithState
from lib.versioned_edit import api_service_call
from measures.gates import get_intervention, get_measures_case
from measures.models import Intervention, MeasureType
from measures.overview import case_interventions
from measures.serializers import (
    InterventionDetailSerializer,
    InterventionListSerializer,
    InterventionProposeInputSerializer,
    InterventionTransitionInputSerializer,
    MeasureTypeSerializer,
    intervention_data,
    intervention_detail_data,
    measure_type_data,
)
from measures.services import StepInput, intervention_propose, intervention_transition
from signals.serializers import drf_error

PROBLEM_409 = OpenApiResponse(
    description=(
        "Someone changed it since the given version: nothing was saved. "
        "application/problem+json with current_version."
    )
)


class InterventionCollectionView(APIView):
    """The interventions of a case (every regime), and proposing a new one."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_interventions_list",
        responses={200: InterventionListSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case, _facts = get_measures_case(request_actor(request), case_id)
        results = [intervention_data(i) for i in case_interventions(case)]
        return Response(InterventionListSerializer({"results": results}).data)

    @extend_schema(
        operation_id="cases_interventions_create",
        request=InterventionProposeInputSerializer,
        responses={201: InterventionDetailSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_measures_case(actor, case_id, write=True)
        serializer = InterventionProposeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        measure = MeasureType.objects.filter(pk=data["measure_type"]).first()
        if measure is None:
            raise serializers.ValidationError(
                {"measure_type": [_("Choose a measure from the catalogue.")]}
            )
        organisation = Organisation.objects.filter(pk=data["responsible_organisation"]).first()
        if organisation is None:
            raise serializers.ValidationError(
                {"responsible_organisation": [_("Choose an organisation of the region.")]}
            )
        try:
            intervention = intervention_propose(
                actor=actor,
                user=request_user(request),
                case=case,
                measure_type=measure,
                responsible_organisation=organisation,
                competent_authority=data["competent_authority"],
                legal_basis=data["legal_basis"],
                note=data["note"],
                reason=data["reason"],
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(intervention_detail_data(intervention), status=201)


class InterventionDetailView(APIView):
    """One intervention with its history and legal remedies."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_interventions_retrieve",
        responses={200: InterventionDetailSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int, intervention_id: int) -> Response:
        case, _facts = get_measures_case(request_actor(request), case_id)
        intervention = get_intervention(case, intervention_id)
        return Response(intervention_detail_data(intervention))


class InterventionTransitionView(APIView):
    """Moves an intervention one step along the transition table, with the dates the step
    needs (lead and process director only)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_interventions_transition",
        request=InterventionTransitionInputSerializer,
        responses={
            200: InterventionDetailSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int, intervention_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_measures_case(actor, case_id, write=True)
        intervention = get_intervention(case, intervention_id)
        serializer = InterventionTransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def conflict() -> ConflictWithState:
            current = Intervention.objects.filter(pk=intervention.pk).values_list(
                "version", flat=True
            )
            return ConflictWithState(
                _("It was changed by someone else in the meantime; nothing was saved."),
                current_version=current.first() or 0,
            )

        with api_service_call(conflict, drf_error):
            intervention = intervention_transition(
                actor=actor,
                user=request_user(request),
                intervention=intervention,
                to=data["to"],
                reason=data["reason"],
                version=data["version"],
                step=StepInput(
                    decided_on=data["decided_on"], start_on=data["start_on"], end_on=data["end_on"]
                ),
            )
        return Response(intervention_detail_data(intervention))


class MeasureTypeCollectionView(APIView):
    """The catalogue of measure types with their legal figures (no personal data)."""

    access_rule = AccessRule(Kind.AUTHENTICATED)

    @extend_schema(
        operation_id="measure_types_list",
        responses={200: MeasureTypeSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        types = MeasureType.objects.order_by("regime", "name")
        return Response([measure_type_data(m) for m in types])
