"""API of the plan of approach and the actions of a case: ``/api/v1/cases/{id}/plan``,
``/api/v1/cases/{id}/actions``, one action with its reports, and reporting on it.

The same gates as the pages (cases.views_plan): the case comes through the case gate, an
action through ``cases.actions.get_action_for_user`` (an action of another case is the same
404 as a missing one), every read is logged, and a report runs ``action_update``: only the
owner and the lead report (404 for the others), bad input is a 400 that changes nothing, a
stale version a 409 that shows the other person's report.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from access.cases import may_update_action
from access.facts import Actor
from access.refusal import refused
from cases.actions import action_update, get_action_for_user, is_overdue
from cases.api import PROBLEM_400, PROBLEM_404
from cases.gates import case_facts, get_case_with_facts
from cases.models import Action, Case, PlanVersion
from cases.plans import current_plan
from cases.serializers import plan_data
from cases.serializers_entries import (
    ActionConflictSerializer,
    ActionDetailSerializer,
    ActionListSerializer,
    ActionReportInputSerializer,
    PlanOverviewSerializer,
    action_detail_data,
    action_row_data,
    plan_version_summary,
)
from lib.access_rules import AccessRule, Kind
from lib.problem import ConflictWithState
from lib.versioned_edit import api_service_call
from signals.serializers import drf_error

LOG_PLAN = "cases.plan.read"
LOG_ACTIONS = "cases.actions.read"

ACTION_CONFLICT = _("Someone else reported on this action in the meantime; nothing was saved.")

PROBLEM_409 = OpenApiResponse(
    response=ActionConflictSerializer,
    description=(
        "Someone reported on the action since the given version: nothing was saved. "
        "application/problem+json with the action as it is now, including that report."
    ),
)


def _detail(actor: Actor, case: Case, action: Action) -> dict[str, object]:
    updates = action.updates.select_related("by").order_by("at", "id")
    return action_detail_data(
        action,
        updates,
        overdue=is_overdue(action),
        may_report=may_update_action(actor, case_facts(case), owner_user_id=action.owner_id),
    )


class CasePlanView(APIView):
    """The current plan of approach with its goals, and the earlier versions."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_plan_retrieve",
        responses={200: PlanOverviewSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case, _facts = get_case_with_facts(request_actor(request), case_id, log_name=LOG_PLAN)
        plan = current_plan(case)
        earlier = (
            PlanVersion.objects.filter(case=case, number__lt=plan.number)
            .select_related("agreed_by")
            .order_by("-number")
            if plan is not None
            else PlanVersion.objects.none()
        )
        data = {
            "current": plan_data(plan),
            "earlier": [plan_version_summary(version) for version in earlier],
        }
        return Response(PlanOverviewSerializer(data).data)


class CaseActionCollectionView(APIView):
    """The actions of a case, by due date."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_actions_list",
        responses={200: ActionListSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case, _facts = get_case_with_facts(request_actor(request), case_id, log_name=LOG_ACTIONS)
        today = timezone.localdate()
        actions = (
            Action.objects.filter(case=case)
            .select_related("owner", "owner_organisation")
            .order_by("due_on", "id")
        )
        rows = [action_row_data(a, overdue=is_overdue(a, today)) for a in actions]
        return Response(ActionListSerializer({"results": rows}).data)


class CaseActionDetailView(APIView):
    """One action with its reports (status and feedback, by whom and when)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_actions_retrieve",
        responses={200: ActionDetailSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int, action_id: int) -> Response:
        actor = request_actor(request)
        case, action = get_action_for_user(actor, case_id, action_id)
        return Response(_detail(actor, case, action))


class CaseActionReportView(APIView):
    """Reports status and feedback on an action: its owner, or the lead."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_actions_report",
        request=ActionReportInputSerializer,
        responses={
            200: ActionDetailSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int, action_id: int) -> Response:
        actor = request_actor(request)
        case, action = get_action_for_user(actor, case_id, action_id)
        action.case = case
        # A team partner who is not the owner may read the action, but the door to report
        # is not there for them: the same 404 as for a missing action.
        if not may_update_action(actor, case_facts(case), owner_user_id=action.owner_id):
            raise refused(actor, object_type="case_action", object_id=action.pk)
        serializer = ActionReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def conflict() -> ConflictWithState:
            action.refresh_from_db()
            return ConflictWithState(str(ACTION_CONFLICT), current=_detail(actor, case, action))

        with api_service_call(conflict, drf_error):
            updated = action_update(
                actor=actor,
                user=request_user(request),
                action=action,
                status=data["status"],
                feedback=data["feedback"],
                version=data["version"],
            )
        return Response(_detail(actor, case, updated))
