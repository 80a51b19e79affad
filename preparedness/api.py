"""API of preparedness under ``/api/v1/preparedness``: read-only, through the same gates
and processing log as the pages (404 for "missing" and "not yours", never 403)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor
from access.municipality import may_view_readiness
from lib.access_rules import AccessRule, Kind
from preparedness import gates, services
from preparedness.models import (
    KeyFigure,
    PartnerAgreement,
    SupportOrganisation,
    Topic,
    TrainingRecord,
)
from preparedness.readiness import readiness_for
from preparedness.serializers import (
    KeyFigureSerializer,
    MunicipalityReadinessSummarySerializer,
    PartnerAgreementSerializer,
    ReadinessSerializer,
    SupportOrganisationSerializer,
    TrainingRecordSerializer,
    agreement_data,
    key_figure_data,
    readiness_data,
    support_data,
    training_data,
)

PROBLEM_404 = OpenApiResponse(description="Not found, or not yours: application/problem+json.")


class MunicipalityCollectionView(APIView):
    """The municipalities whose readiness the caller may see, with how far each is."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="preparedness_municipalities_list",
        responses={200: MunicipalityReadinessSummarySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        today = timezone.localdate()
        rows = []
        for municipality in gates.municipalities_for(actor):
            if not may_view_readiness(actor, gates.facts(municipality)):
                continue
            readiness = readiness_for(municipality, today=today)
            rows.append(
                {
                    "municipality": {"id": municipality.pk, "name": municipality.name},
                    "done": readiness.done,
                    "total": len(Topic),
                }
            )
        return Response(MunicipalityReadinessSummarySerializer(rows, many=True).data)


class ReadinessView(APIView):
    """The readiness checklist of one municipality: status and, in words, what is missing."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="preparedness_readiness_retrieve",
        responses={200: ReadinessSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, municipality_id: int) -> Response:
        actor = request_actor(request)
        municipality = gates.get_municipality(actor, municipality_id)
        readiness = readiness_for(municipality, today=timezone.localdate())
        gates.log_named_reads(
            actor,
            [f"user:{user_id}" for user_id in readiness.named_user_ids],
            name="preparedness.api.readiness",
            object_type="municipality",
            object_id=municipality.pk,
        )
        return Response(ReadinessSerializer(readiness_data(readiness)).data)


class PartnerAgreementCollectionView(APIView):
    """The seven-task matrix of one municipality, as a list of agreements."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="preparedness_agreements_list",
        responses={200: PartnerAgreementSerializer(many=True), 404: PROBLEM_404},
    )
    def get(self, request: Request, municipality_id: int) -> Response:
        actor = request_actor(request)
        municipality = gates.get_municipality(actor, municipality_id)
        agreements = list(
            PartnerAgreement.objects.filter(municipality=municipality).select_related(
                "organisation"
            )
        )
        gates.log_named_reads(
            actor,
            [services.contact_subject(a) for a in agreements if a.contact_person],
            name="preparedness.api.agreements",
            object_type="municipality",
            object_id=municipality.pk,
        )
        rows = [agreement_data(agreement) for agreement in agreements]
        return Response(PartnerAgreementSerializer(rows, many=True).data)


class TrainingCollectionView(APIView):
    """Training records of one municipality, newest first."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="preparedness_training_list",
        responses={200: TrainingRecordSerializer(many=True), 404: PROBLEM_404},
    )
    def get(self, request: Request, municipality_id: int) -> Response:
        actor = request_actor(request)
        municipality = gates.get_municipality(actor, municipality_id)
        records = list(
            TrainingRecord.objects.filter(municipality=municipality).select_related("organisation")
        )
        gates.log_named_reads(
            actor,
            [services.trainee_subject(r) for r in records if r.participant_name],
            name="preparedness.api.training",
            object_type="municipality",
            object_id=municipality.pk,
        )
        rows = [training_data(record) for record in records]
        return Response(TrainingRecordSerializer(rows, many=True).data)


class KeyFigureCollectionView(APIView):
    """Key figures of one municipality: its lead and mayor's office only; every one read is
    logged."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="preparedness_key_figures_list",
        responses={200: KeyFigureSerializer(many=True), 404: PROBLEM_404},
    )
    def get(self, request: Request, municipality_id: int) -> Response:
        actor = request_actor(request)
        municipality = gates.get_key_figures_municipality(actor, municipality_id)
        key_figures = list(KeyFigure.objects.filter(municipality=municipality))
        gates.log_key_figure_reads(actor, key_figures, name="preparedness.api.key_figures")
        today = timezone.localdate()
        rows = [key_figure_data(key_figure, today=today) for key_figure in key_figures]
        return Response(KeyFigureSerializer(rows, many=True).data)


class SupportOrganisationCollectionView(APIView):
    """The directory of support organisations (catalogue data; no people)."""

    access_rule = AccessRule(Kind.AUTHENTICATED)

    @extend_schema(
        operation_id="preparedness_support_organisations_list",
        responses={200: SupportOrganisationSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = [support_data(organisation) for organisation in SupportOrganisation.objects.all()]
        return Response(SupportOrganisationSerializer(rows, many=True).data)
