"""API of cases: ``/api/v1/cases``, ``/api/v1/cases/{id}`` and its situation and status.

The same gate as the case pages (cases.gates): the list is ``cases_visible_to``, one case
comes from ``get_case_for_user`` (404 for "missing" and "not yours", never 403), every read
of a person is logged, and changes run the same services as the pages (StaleEdit → 409).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from access.facts import Actor
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, cases_visible_to, get_case_for_user
from cases.models import Case
from cases.serializers import (
    CaseDetailSerializer,
    CasePageSerializer,
    CaseQuerySerializer,
    SituationInputSerializer,
    StatusInputSerializer,
    detail_data,
    summary_data,
)
from cases.services import case_change_situation, case_change_status
from lib.access_rules import AccessRule, Kind
from lib.versioned_edit import api_service_call
from signals.serializers import drf_error

PAGE_SIZE = 25

PROBLEM_400 = OpenApiResponse(
    description="Not valid: application/problem+json with invalid_params per field."
)
PROBLEM_404 = OpenApiResponse(description="Not found, or not yours: application/problem+json.")
PROBLEM_409 = OpenApiResponse(
    description="Someone else changed the case since the given version: nothing changed."
)


class Conflict(APIException):
    status_code = 409
    default_detail = _("The case was changed by someone else in the meantime; fetch it again.")
    default_code = "conflict"


def _log_list(actor: Actor, cases: list[Case]) -> None:
    if not cases:
        return
    log_processing(
        activity=ACTIVITY,
        name="cases.api.list",
        operation=Operation.READ,
        actor=actor,
        subjects=sorted({f"subject:{case.subject_id}" for case in cases}),
        object_type="case",
    )


class CaseCollectionView(APIView):
    """The cases the caller may see, newest first."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_list",
        parameters=[CaseQuerySerializer],
        responses={200: CasePageSerializer, 400: PROBLEM_400},
    )
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        query = CaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        cases = cases_visible_to(actor).select_related("subject", "municipality").order_by("-id")
        after = query.validated_data.get("after")
        if after:
            cases = cases.filter(id__lt=after)
        rows = list(cases[: PAGE_SIZE + 1])
        page = rows[:PAGE_SIZE]
        _log_list(actor, page)
        next_url = None
        if len(rows) > PAGE_SIZE:
            following = request.query_params.copy()
            following["after"] = str(page[-1].pk)
            next_url = request.build_absolute_uri(f"{request.path}?{following.urlencode()}")
        data = {"results": [summary_data(case) for case in page], "next": next_url}
        return Response(CasePageSerializer(data).data)


class CaseDetailView(APIView):
    """One case: team, plan, actions and timeline."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_retrieve",
        responses={200: CaseDetailSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = get_case_for_user(request_actor(request), case_id)
        return Response(detail_data(case))


class CaseSituationView(APIView):
    """Changes the situation of a case (its lead or process director)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_situation",
        request=SituationInputSerializer,
        responses={
            200: CaseDetailSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case = get_case_for_user(actor, case_id, write=True)
        serializer = SituationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with api_service_call(Conflict, drf_error):
            case_change_situation(
                actor=actor,
                user=request_user(request),
                case=case,
                to=data["to"],
                reason=data["reason"],
                version=data["version"],
                return_motive=data.get("return_motive", ""),
                return_motive_note=data.get("return_motive_note", ""),
                travel_outcome=data.get("travel_outcome", ""),
                death_source=data.get("death_source", ""),
                death_source_note=data.get("death_source_note", ""),
            )
        # The answer shows the case again: a read, through the gate.
        return Response(detail_data(get_case_for_user(actor, case_id)))


class CaseStatusView(APIView):
    """Changes the status of a case; closing needs a closure reason."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_status",
        request=StatusInputSerializer,
        responses={
            200: CaseDetailSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case = get_case_for_user(actor, case_id, write=True)
        serializer = StatusInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with api_service_call(Conflict, drf_error):
            case_change_status(
                actor=actor,
                user=request_user(request),
                case=case,
                to=data["to"],
                reason=data["reason"],
                version=data["version"],
                closure_reason=data.get("closure_reason", ""),
            )
        return Response(detail_data(get_case_for_user(actor, case_id)))
