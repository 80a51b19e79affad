"""API of a case's support records under ``/api/v1/cases/{case_id}/``: ``family-contacts``,
``press-lines``, ``assessments`` and ``reintegration-plan`` (GET lists, POST records).

The same gates, rules and log as the pages: the case gate (404 for missing and not yours;
the read logged, with every relative shown for family contacts), the same policy for who
records, the same services. Bad input is a 400 problem that changes nothing; a plan changed
since the given version is a 409.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from accounts.models import Organisation
from cases.api import PROBLEM_400, PROBLEM_404
from cases.models import Case
from lib.access_rules import AccessRule, Kind
from lib.problem import ConflictWithState
from lib.versioned_edit import api_service_call
from network.models import NetworkPerson
from signals.serializers import drf_error
from support.aftercare import PartInput, reintegration_plan_save
from support.gates import (
    get_directing_case,
    get_press_case,
    get_recording_case,
    get_support_case,
    log_relatives_read,
)
from support.models import AssessmentReference, FamilySupportContact, PressLine, ReintegrationPlan
from support.press import PRESS_REMINDER, PressInput, press_line_draw_up
from support.serializers import (
    AssessmentInputSerializer,
    AssessmentListSerializer,
    AssessmentSerializer,
    FamilyContactInputSerializer,
    FamilyContactListSerializer,
    FamilyContactSerializer,
    PressLineInputSerializer,
    PressLineListSerializer,
    PressLineSerializer,
    ReintegrationPlanEnvelopeSerializer,
    ReintegrationPlanInputSerializer,
    assessment_data,
    contact_data,
    plan_data,
    press_data,
)
from support.services import (
    AssessmentInput,
    ContactInput,
    assessment_record,
    family_contact_record,
)

PLAN_CONFLICT = _("Someone else changed the plan in the meantime; nothing was saved.")
PROBLEM_409 = OpenApiResponse(
    description="The plan changed since the given version (or was drawn up meanwhile): "
    "nothing was saved. application/problem+json."
)


def _plan_conflict() -> ConflictWithState:
    """409 with the sentence the API always gave (no state: the caller fetches the plan)."""
    return ConflictWithState(str(PLAN_CONFLICT))


def _bad(field: str, message: object) -> Exception:
    return drf_error(DjangoValidationError({field: str(message)}))


class FamilyContactCollectionView(APIView):
    """Contacts with relatives of the person of the case (family support log)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_family_contacts_list",
        responses={200: FamilyContactListSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_support_case(actor, case_id, log_name="support.api.family.list")
        contacts = list(
            FamilySupportContact.objects.filter(case=case)
            .select_related("relative", "recorded_by", "organisation")
            .order_by("-contact_on", "-id")
        )
        log_relatives_read(
            actor, case, facts, [c.relative for c in contacts], name="support.api.family.read"
        )
        return Response({"results": [contact_data(c) for c in contacts]})

    @extend_schema(
        operation_id="cases_family_contacts_create",
        request=FamilyContactInputSerializer,
        responses={201: FamilyContactSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_recording_case(actor, case_id)
        serializer = FamilyContactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # A person of another case is "not found" too: the id reveals nothing.
        relative = NetworkPerson.objects.filter(pk=data["relative"], case=case).first()
        if relative is None:
            raise _bad("relative", _("Choose a relative from the network of this case."))
        try:
            contact = family_contact_record(
                actor=actor,
                user=request_user(request),
                case=case,
                data=ContactInput(
                    relative=relative,
                    contact_on=data["contact_on"],
                    question_kinds=frozenset(data["question_kinds"]),
                    summary=data["summary"],
                    agreements=data["agreements"],
                    referred=data["referred"],
                    referred_on=data["referred_on"],
                ),
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(contact_data(contact), status=201)


class PressLineCollectionView(APIView):
    """The press lines of a case with their history (also for the municipality's mayor's
    office); drawing one up (lead, process director). Agreeing a line whose text names a
    person of the case or a number of people is a 400 unless agreed_despite_check says why."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_press_lines_list",
        responses={200: PressLineListSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_press_case(actor, case_id, log_name="support.api.press.list")
        lines = PressLine.objects.filter(case=case).order_by("-created_at", "-id")
        return Response(
            {"reminder": str(PRESS_REMINDER), "results": [press_data(line) for line in lines]}
        )

    @extend_schema(
        operation_id="cases_press_lines_create",
        request=PressLineInputSerializer,
        responses={201: PressLineSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_directing_case(actor, case_id)
        serializer = PressLineInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            line = press_line_draw_up(
                actor=actor,
                user=request_user(request),
                case=case,
                data=PressInput(
                    lead=data["lead"],
                    core_messages=data["core_messages"],
                    questions_and_answers=tuple(
                        (pair["question"], pair["answer"]) for pair in data["questions_and_answers"]
                    ),
                    agreed_by=data["agreed_by"],
                    agreed_on=data["agreed_on"],
                    valid_until=data["valid_until"],
                    agreed_despite_check=data["agreed_despite_check"],
                ),
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(press_data(line), status=201)


class AssessmentCollectionView(APIView):
    """References to risk assessments: instrument, assessor, dates and narrative; no scores."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_assessments_list",
        responses={200: AssessmentListSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_support_case(actor, case_id, log_name="support.api.assessment.list")
        assessments = (
            AssessmentReference.objects.filter(case=case)
            .select_related("assessor_organisation")
            .order_by("-assessed_on", "-id")
        )
        return Response({"results": [assessment_data(a) for a in assessments]})

    @extend_schema(
        operation_id="cases_assessments_create",
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_recording_case(actor, case_id)
        serializer = AssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = None
        if data["assessor_organisation"] is not None:
            organisation = Organisation.objects.filter(
                pk=data["assessor_organisation"], region_id=case.municipality.region_id
            ).first()
            if organisation is None:
                raise _bad("assessor_organisation", _("Choose an organisation of the region."))
        try:
            assessment = assessment_record(
                actor=actor,
                user=request_user(request),
                case=case,
                data=AssessmentInput(
                    instrument=data["instrument"],
                    instrument_name=data["instrument_name"],
                    assessor=data["assessor"],
                    assessor_organisation=organisation,
                    assessed_on=data["assessed_on"],
                    narrative=data["narrative"],
                    document_reference=data["document_reference"],
                    next_on=data["next_on"],
                ),
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        return Response(assessment_data(assessment), status=201)


def _plan(case: Case) -> ReintegrationPlan | None:
    return ReintegrationPlan.objects.filter(case=case).first()


class ReintegrationPlanView(APIView):
    """The reintegration plan of a person who returned: read it; draw it up or change it."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_reintegration_plan_retrieve",
        responses={200: ReintegrationPlanEnvelopeSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_support_case(actor, case_id, log_name="support.api.reintegration")
        return Response(plan_data(_plan(case)))

    @extend_schema(
        operation_id="cases_reintegration_plan_save",
        request=ReintegrationPlanInputSerializer,
        responses={
            200: ReintegrationPlanEnvelopeSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_directing_case(actor, case_id)
        serializer = ReintegrationPlanInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        region = case.municipality.region_id
        owners = {o.pk: o for o in Organisation.objects.filter(region_id=region)}
        parts = []
        for part in data["parts"]:
            owner = None
            if part["owner"] is not None:
                owner = owners.get(part["owner"])
                if owner is None:
                    raise _bad(
                        f"{part['part']}_owner",
                        _("Choose an organisation of the case team or the municipality."),
                    )
            parts.append(
                PartInput(
                    domain=part["part"],
                    text=part["text"],
                    owner=owner,
                    review_on=part["review_on"],
                )
            )
        with api_service_call(_plan_conflict, drf_error):
            plan = reintegration_plan_save(
                actor=actor,
                user=request_user(request),
                case=case,
                parts=parts,
                version=data["version"],
            )
        return Response(plan_data(plan))
