"""API of a case's checklists: ``/api/v1/cases/{id}/checklists`` (list, start) and
``/api/v1/cases/{id}/checklists/{id}/items/{id}`` (mark an item).

The same gates as the pages: the case gate (404 for missing and not yours, the read logged),
a checklist or item of another case is the same 404; only the lead and process director
start and mark (404 for team partners, who read). Bad input is a 400 that changes nothing; a
stale version a 409 with the item as it is now.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from access.cases import may_complete_checklist_item, may_tick_checklist
from access.refusal import refused
from cases.api import PROBLEM_400, PROBLEM_404
from cases.gates import get_case_with_facts
from cases.workflow import CaseStatus
from checklists.gates import get_item_for_user
from checklists.models import Checklist, ChecklistTemplate
from checklists.serializers import (
    ChecklistItemSerializer,
    ChecklistListSerializer,
    ChecklistSerializer,
    ItemConflictSerializer,
    ItemMarkInputSerializer,
    StartInputSerializer,
    checklist_data,
    item_data,
    offer_data,
)
from checklists.services import checklist_item_mark, checklist_start, offered_template
from lib.access_rules import AccessRule, Kind
from lib.problem import ConflictWithState
from lib.versioned_edit import api_service_call
from signals.serializers import drf_error

ITEM_CONFLICT = _("Someone else changed this item in the meantime; nothing was saved.")

PROBLEM_409 = OpenApiResponse(
    response=ItemConflictSerializer,
    description="The item changed since the given version: nothing was saved. "
    "application/problem+json with the item as it is now.",
)


class CaseChecklistCollectionView(APIView):
    """The checklists of a case; starting one (its lead or process director)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_checklists_list",
        responses={200: ChecklistListSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_case_with_facts(actor, case_id, log_name="checklists.api.list")
        checklists = (
            Checklist.objects.filter(case=case)
            .select_related("template", "started_by")
            .order_by("-started_at", "-id")
        )
        offer = None
        if may_tick_checklist(actor, facts) and case.status != CaseStatus.CLOSED:
            offer = offered_template(case)
        data = {"results": [checklist_data(c) for c in checklists], "offered": offer_data(offer)}
        return Response(ChecklistListSerializer(data).data)

    @extend_schema(
        operation_id="cases_checklists_start",
        request=StartInputSerializer,
        responses={201: ChecklistSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_case_with_facts(actor, case_id, write=True)
        serializer = StartInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        template = ChecklistTemplate.objects.filter(code=data["template"], active=True).first()
        if template is None:
            raise drf_error(
                DjangoValidationError({"template": _("There is no active checklist by that code.")})
            )
        try:
            checklist = checklist_start(
                actor=actor,
                user=request_user(request),
                case=case,
                template=template,
                event_date=data["event_date"],
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(checklist_data(checklist), status=201)


class CaseChecklistItemView(APIView):
    """Marks one item done, not applicable (with a reason) or open again; the organisation
    that holds the item marks it done."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_checklists_item_mark",
        request=ItemMarkInputSerializer,
        responses={
            200: ChecklistItemSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int, checklist_id: int, item_id: int) -> Response:
        actor = request_actor(request)
        _case, facts, _checklist, item = get_item_for_user(actor, case_id, checklist_id, item_id)
        # The organisation that holds the item marks it done too (the service refuses it
        # any other state); the rest is for those who direct the case.
        if not may_complete_checklist_item(
            actor, facts, holder_organisation_id=item.holder_organisation_id
        ):
            raise refused(actor, object_type="checklist_item", object_id=item.pk)
        serializer = ItemMarkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def conflict() -> ConflictWithState:
            item.refresh_from_db()
            return ConflictWithState(str(ITEM_CONFLICT), current=item_data(item))

        with api_service_call(conflict, drf_error):
            updated = checklist_item_mark(
                actor=actor,
                user=request_user(request),
                item=item,
                state=data["state"],
                reason=data["reason"],
                version=data["version"],
            )
        return Response(item_data(updated))
