"""Serializers of the support API and the plain data they are built from (after the gate).

No serializer carries a score: an assessment is its instrument, dates and narrative.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lib.serializers import BoundedSerializer
from support.aftercare import plan_rows
from support.models import (
    AssessmentReference,
    Domain,
    FamilySupportContact,
    Instrument,
    PressLead,
    PressLine,
    PressStatus,
    ReintegrationPlan,
)
from support.services import QUESTION_KINDS

# --- Family support contacts. ---


class FamilyContactSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the contact.")
    relative = serializers.IntegerField(help_text="Id of the relative (a network person).")
    relative_name = serializers.CharField(help_text="Name of the relative as in the network.")
    contact_on = serializers.DateField(help_text="When the contact took place.")
    recorded_by = serializers.CharField(help_text="Who had the contact.")
    organisation = serializers.CharField(help_text="Their organisation.")
    question_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=QUESTION_KINDS),
        help_text="What the question was about: practical, emotional and/or care.",
    )
    summary = serializers.CharField(help_text="What the contact was about.")
    agreements = serializers.CharField(help_text="What was agreed, or ''.")
    referred = serializers.BooleanField(help_text="Referred to the Familiesteunpunt of the LSE.")
    referred_on = serializers.DateField(allow_null=True, help_text="Date of the referral.")
    version = serializers.IntegerField(help_text="Raised at every change.")


class FamilyContactListSerializer(BoundedSerializer[object]):
    results = FamilyContactSerializer(many=True, help_text="The contacts, newest first.")


KIND_ERROR = _("Choose what the question was about: practical, emotional or care.")


class FamilyContactInputSerializer(BoundedSerializer[object]):
    relative = serializers.IntegerField(help_text="Id of a person in this case's network.")
    contact_on = serializers.DateField(help_text="When the contact took place; not in the future.")
    question_kinds = serializers.ListField(
        child=serializers.ChoiceField(
            choices=QUESTION_KINDS, error_messages={"invalid_choice": KIND_ERROR}
        ),
        allow_empty=False,
        error_messages={"empty": KIND_ERROR},
        help_text="One or more of practical, emotional, care.",
    )
    summary = serializers.CharField(max_length=300, help_text="What the contact was about.")
    agreements = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default="", help_text="Agreements."
    )
    referred = serializers.BooleanField(
        required=False, default=False, help_text="Referred to the Familiesteunpunt of the LSE."
    )
    referred_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Date of the referral."
    )


def contact_data(contact: FamilySupportContact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "relative": contact.relative_id,
        "relative_name": contact.relative.name,
        "contact_on": contact.contact_on,
        "recorded_by": contact.recorded_by.full_name,
        "organisation": contact.organisation.name,
        "question_kinds": [k for k in QUESTION_KINDS if getattr(contact, k)],
        "summary": contact.summary,
        "agreements": contact.agreements,
        "referred": contact.referred,
        "referred_on": contact.referred_on,
        "version": contact.version,
    }


# --- Press lines. ---


class QuestionAnswerSerializer(BoundedSerializer[object]):
    question = serializers.CharField(max_length=1000, help_text="An expected question.")
    answer = serializers.CharField(max_length=1000, help_text="The agreed answer.")


class PressRevisionSerializer(BoundedSerializer[object]):
    version = serializers.IntegerField(help_text="The version this text had.")
    changed_by = serializers.CharField(help_text="Who made this version.")
    changed_at = serializers.DateTimeField(help_text="When.")
    lead = serializers.ChoiceField(choices=PressLead.choices, help_text="Lead.")
    core_messages = serializers.CharField(help_text="Core messages.")
    questions_and_answers = QuestionAnswerSerializer(many=True, help_text="Q&A.")
    agreed_by = serializers.CharField(help_text="Who agreed it, or ''.")
    agreed_on = serializers.DateField(allow_null=True, help_text="When it was agreed, or null.")
    valid_until = serializers.DateField(help_text="Last day it may be used.")


class PressLineSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the press line.")
    status = serializers.ChoiceField(
        choices=PressStatus.choices, help_text="draft, agreed, or expired (after valid_until)."
    )
    lead = serializers.ChoiceField(
        choices=PressLead.choices, help_text="Who speaks: public prosecutor or municipality."
    )
    core_messages = serializers.CharField(help_text="What may be said; never names or numbers.")
    questions_and_answers = QuestionAnswerSerializer(many=True, help_text="Q&A.")
    agreed_by = serializers.CharField(help_text="Who agreed it in the local triangle, or ''.")
    agreed_on = serializers.DateField(allow_null=True, help_text="When it was agreed, or null.")
    valid_until = serializers.DateField(help_text="Last day it may be used.")
    agreed_despite_check = serializers.CharField(
        help_text="Why it was agreed despite the name-and-number check, or ''."
    )
    version = serializers.IntegerField(help_text="Raised at every change.")
    history = PressRevisionSerializer(many=True, help_text="Every version, newest first.")


class PressLineListSerializer(BoundedSerializer[object]):
    reminder = serializers.CharField(help_text="No names or numbers of individual cases.")
    results = PressLineSerializer(many=True, help_text="The press lines, newest first.")


class PressLineInputSerializer(BoundedSerializer[object]):
    lead = serializers.ChoiceField(
        choices=PressLead.choices,
        error_messages={
            "invalid_choice": _("Choose who leads: the public prosecutor or the municipality.")
        },
        help_text="prosecutor or municipality.",
    )
    core_messages = serializers.CharField(max_length=4000, help_text="The core messages.")
    questions_and_answers = QuestionAnswerSerializer(
        many=True, required=False, default=list, help_text="Expected questions with answers."
    )
    agreed_by = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", help_text="Who agreed it."
    )
    agreed_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="When; null for a draft."
    )
    valid_until = serializers.DateField(help_text="Last day it may be used; not before agreed_on.")
    agreed_despite_check = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the line is agreed although the name-and-number check found names or "
        "numbers of people; without it such an agreement is refused (400).",
    )


def press_data(line: PressLine) -> dict[str, Any]:
    revisions = line.revisions.select_related("changed_by").order_by("-number")
    return {
        "id": line.pk,
        "status": line.status(),
        "lead": line.lead,
        "core_messages": line.core_messages,
        "questions_and_answers": line.questions_and_answers,
        "agreed_by": line.agreed_by,
        "agreed_on": line.agreed_on,
        "agreed_despite_check": line.agreed_despite_check,
        "valid_until": line.valid_until,
        "version": line.version,
        "history": [
            {
                "version": r.number,
                "changed_by": r.changed_by.full_name,
                "changed_at": r.changed_at,
                "lead": r.lead,
                "core_messages": r.core_messages,
                "questions_and_answers": r.questions_and_answers,
                "agreed_by": r.agreed_by,
                "agreed_on": r.agreed_on,
                "valid_until": r.valid_until,
            }
            for r in revisions
        ],
    }


# --- Assessment references. ---


class AssessmentSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the reference.")
    instrument = serializers.ChoiceField(choices=Instrument.choices, help_text="Instrument.")
    instrument_name = serializers.CharField(help_text="Name of another instrument, or ''.")
    assessor = serializers.CharField(help_text="Who made it.")
    assessor_organisation = serializers.CharField(
        allow_null=True, help_text="The assessor's organisation, or null."
    )
    assessed_on = serializers.DateField(help_text="When it was made.")
    narrative = serializers.CharField(help_text="The conclusion in words (no scores).")
    document_reference = serializers.CharField(help_text="Where the report is kept, or ''.")
    next_on = serializers.DateField(allow_null=True, help_text="Next assessment, or null.")
    version = serializers.IntegerField(help_text="Raised at every change.")


class AssessmentListSerializer(BoundedSerializer[object]):
    results = AssessmentSerializer(many=True, help_text="The references, newest first.")


class AssessmentInputSerializer(BoundedSerializer[object]):
    instrument = serializers.ChoiceField(
        choices=Instrument.choices,
        error_messages={
            "invalid_choice": _(
                "Choose the instrument from the list: VERA-2R, ERG, IR-46, other or unstructured."
            )
        },
        help_text="vera_2r, erg, ir_46, other or unstructured.",
    )
    instrument_name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="For 'other'."
    )
    assessor = serializers.CharField(max_length=200, help_text="Name or role, and where.")
    assessor_organisation = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id of a region organisation."
    )
    assessed_on = serializers.DateField(help_text="When it was made; not in the future.")
    narrative = serializers.CharField(max_length=4000, help_text="The conclusion in words.")
    document_reference = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Where kept."
    )
    next_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Next assessment (later)."
    )


def assessment_data(assessment: AssessmentReference) -> dict[str, Any]:
    organisation = assessment.assessor_organisation
    return {
        "id": assessment.pk,
        "instrument": assessment.instrument,
        "instrument_name": assessment.instrument_name,
        "assessor": assessment.assessor,
        "assessor_organisation": organisation.name if organisation else None,
        "assessed_on": assessment.assessed_on,
        "narrative": assessment.narrative,
        "document_reference": assessment.document_reference,
        "next_on": assessment.next_on,
        "version": assessment.version,
    }


# --- Reintegration plan. ---


class ReintegrationPartSerializer(BoundedSerializer[object]):
    part = serializers.ChoiceField(choices=Domain.choices, help_text="The part of the plan.")
    text = serializers.CharField(help_text="What is arranged, or ''.")
    owner = serializers.CharField(allow_null=True, help_text="The owner organisation, or null.")
    review_on = serializers.DateField(allow_null=True, help_text="Review date, or null.")


class ReintegrationReviewSerializer(BoundedSerializer[object]):
    reviewed_on = serializers.DateField(help_text="When the plan was reviewed.")
    reviewed_by = serializers.CharField(help_text="Who recorded the review.")
    note = serializers.CharField(help_text="How the plan is going.")


class ReintegrationPlanSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the plan.")
    version = serializers.IntegerField(help_text="Give this back when changing the plan.")
    updated_at = serializers.DateTimeField(help_text="Last change.")
    parts = ReintegrationPartSerializer(many=True, help_text="Every part, in a fixed order.")
    reviews = ReintegrationReviewSerializer(many=True, help_text="Reviews, newest first.")


class ReintegrationPlanEnvelopeSerializer(BoundedSerializer[object]):
    plan = ReintegrationPlanSerializer(
        allow_null=True, help_text="The plan, or null when none was made."
    )


class ReintegrationPartInputSerializer(BoundedSerializer[object]):
    part = serializers.ChoiceField(
        choices=Domain.choices,
        error_messages={"invalid_choice": _("Choose a part of the plan from the list.")},
        help_text="The part of the plan.",
    )
    text = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default="", help_text="Arrangement."
    )
    owner = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id of a team organisation."
    )
    review_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Review date."
    )


class ReintegrationPlanInputSerializer(BoundedSerializer[object]):
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="null to draw up the plan; the plan's version to change it.",
    )
    parts = ReintegrationPartInputSerializer(
        many=True, help_text="The parts to set; others stay as they are."
    )


def plan_data(plan: ReintegrationPlan | None) -> dict[str, Any]:
    if plan is None:
        return {"plan": None}
    return {
        "plan": {
            "id": plan.pk,
            "version": plan.version,
            "updated_at": plan.updated_at,
            "parts": [
                {
                    "part": row.domain,
                    "text": row.part.text if row.part else "",
                    "owner": row.part.owner.name if row.part and row.part.owner else None,
                    "review_on": row.part.review_on if row.part else None,
                }
                for row in plan_rows(plan)
            ],
            "reviews": [
                {
                    "reviewed_on": r.reviewed_on,
                    "reviewed_by": r.reviewed_by.full_name,
                    "note": r.note,
                }
                for r in plan.reviews.select_related("reviewed_by")
            ],
        }
    }
