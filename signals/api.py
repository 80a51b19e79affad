"""API of signals: ``/api/v1/signals`` (list, register), ``/api/v1/signals/{id}`` and
``/api/v1/signals/{id}/transitions``.

The same gate as the web pages (signals.gates): the list shows what ``signals_visible_to``
returns, one signal comes from ``get_signal_for_user`` (404 for "missing" and "not yours",
never 403), and every read of a person is logged. Registration runs the intake's own write
path (signals.intake.signal_intake), so both doors apply the same rules.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException, NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from access.facts import Actor
from access.signals import may_register_signal
from accounts.models import User
from lib.access_rules import AccessRule, Kind
from lib.versioned_edit import api_service_call
from signals.forms import merge_candidates
from signals.gates import get_signal_for_user, log_signal_read, signals_visible_to
from signals.intake import signal_intake
from signals.models import Signal
from signals.reading import Filters, apply_filters, page_after
from signals.serializers import (
    SignalDetailSerializer,
    SignalInputSerializer,
    SignalPageSerializer,
    SignalQuerySerializer,
    SignalReceiptSerializer,
    TransitionInputSerializer,
    detail_data,
    drf_error,
    reference_data,
    summary_data,
)
from signals.services import signal_merge, signal_transition
from signals.workflow import Status

LOG_LIST = "signals.api.list"
LOG_READ = "signals.read"

PROBLEM_400 = OpenApiResponse(
    description="Not valid: application/problem+json with invalid_params per field."
)
PROBLEM_404 = OpenApiResponse(description="Not found, or not yours: application/problem+json.")
PROBLEM_409 = OpenApiResponse(
    description="Someone else changed the signal since the given version: nothing changed."
)


class Conflict(APIException):
    status_code = 409
    default_detail = _("The signal was changed by someone else in the meantime; fetch it again.")
    default_code = "conflict"


# --- Views. ---


class SignalCollectionView(APIView):
    """The signals the caller may see, and registering a new one."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="signals_list",
        parameters=[SignalQuerySerializer],
        responses={200: SignalPageSerializer, 400: PROBLEM_400},
    )
    def get(self, request: Request) -> Response:
        actor = request_actor(request)
        query = SignalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        filters = Filters(
            status=params.get("status", ""),
            urgency=params.get("urgency", ""),
            municipality_id=params.get("municipality"),
            received_from=params.get("received_from"),
            received_to=params.get("received_to"),
        )
        page = page_after(apply_filters(signals_visible_to(actor), filters), params.get("position"))
        log_signal_read(actor, page.signals, name=LOG_LIST)
        next_url = None
        if page.next_cursor:
            following = request.query_params.copy()
            following["cursor"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{following.urlencode()}")
        data = {"results": [summary_data(s) for s in page.signals], "next": next_url}
        return Response(SignalPageSerializer(data).data)

    @extend_schema(
        operation_id="signals_create",
        request=SignalInputSerializer,
        responses={201: SignalReceiptSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request) -> Response:
        actor = request_actor(request)
        # Leads, the intake desk and partners register; to anyone else the door is not there.
        if not may_register_signal(actor, municipality_region_id=actor.region_id):
            raise NotFound
        serializer = SignalInputSerializer(data=request.data, actor=actor)
        serializer.is_valid(raise_exception=True)
        try:
            signal = signal_intake(
                actor=actor, user=request_user(request), intake=serializer.intake()
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        receipt = {
            "id": signal.pk,
            "municipality": reference_data(signal.municipality),
            "status": signal.status,
            "verification_deadline": signal.verification_deadline,
        }
        location = reverse("api-signal", kwargs={"signal_id": signal.pk})
        return Response(
            SignalReceiptSerializer(receipt).data, status=201, headers={"Location": location}
        )


class SignalDetailView(APIView):
    """One signal with its history."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="signals_retrieve",
        responses={200: SignalDetailSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, signal_id: int) -> Response:
        actor = request_actor(request)
        signal = get_signal_for_user(actor, signal_id)
        return Response(detail_data(actor, signal))


class SignalTransitionView(APIView):
    """Moves a signal to its next status, or merges it into another (lead only)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="signals_transition",
        request=TransitionInputSerializer,
        responses={
            200: SignalDetailSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, signal_id: int) -> Response:
        actor = request_actor(request)
        signal = get_signal_for_user(actor, signal_id, write=True)
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with api_service_call(Conflict, drf_error):
            if data["to"] == Status.MERGED:
                signal = self._merge(actor, request_user(request), signal, data)
            else:
                signal = signal_transition(
                    actor=actor,
                    user=request_user(request),
                    signal=signal,
                    to=data["to"],
                    reason=data["reason"],
                    version=data["version"],
                )
        # The answer shows the signal again: a read.
        log_signal_read(actor, [signal], name=LOG_READ)
        return Response(detail_data(actor, signal))

    @staticmethod
    def _merge(actor: Actor, user: User, signal: Signal, data: dict[str, Any]) -> Signal:
        into = merge_candidates(signal).filter(pk=data.get("into") or 0).first()
        if into is None:
            raise DjangoValidationError(
                {"into": _("Give an open signal about the same person to merge into.")}
            )
        return signal_merge(
            actor=actor,
            user=user,
            signal=signal,
            into=into,
            reason=data["reason"],
            version=data["version"],
        )
