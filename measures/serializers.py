"""Serializers of the measures API and the plain data they are built from. Input
serializers check the shape; measures.services checks the rules, so the API refuses what
the pages refuse."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lib.serializers import BoundedSerializer
from measures.forms import allowed_targets
from measures.models import Intervention, InterventionEvent, LegalRemedy, MeasureType
from measures.services import law_expiry_warning, maximum_end
from measures.workflow import InterventionState, Regime
from signals.serializers import ReferenceSerializer, reference_data

DATE_MESSAGES: dict[str, Any] = {
    "invalid": _("Give the date as year-month-day, for example 2024-03-01.")
}
REASON_MESSAGES: dict[str, Any] = {
    "required": _("Give the reason for this step."),
    "blank": _("Give the reason for this step."),
}

# --- Output. ---


class MeasureTypeSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the measure type.")
    code = serializers.CharField(help_text="A stable short name, e.g. twbmt-area-ban.")
    name = serializers.CharField(help_text="As shown to users.")
    regime = serializers.ChoiceField(choices=Regime.choices, help_text="Legal regime.")
    description = serializers.CharField(help_text="What the measure does, or ''.")
    competent_authority = serializers.CharField(help_text="Who decides.")
    mayor_decides = serializers.BooleanField(help_text="Shown on the mayor's list.")
    default_duration_months = serializers.IntegerField(
        allow_null=True, help_text="Default duration in months; null: open-ended."
    )
    renewal_step_months = serializers.IntegerField(
        allow_null=True, help_text="One renewal in months; null: cannot be renewed."
    )
    maximum_total_months = serializers.IntegerField(
        allow_null=True, help_text="Longest total with renewals, in months; null: no maximum."
    )
    consent_required = serializers.BooleanField(help_text="Only with consent.")
    appeal_route = serializers.CharField(help_text="Objection and appeal route, or ''.")
    appeal_term_days = serializers.IntegerField(
        allow_null=True, help_text="Term for objection or appeal in days, or null."
    )
    legal_source = serializers.CharField(help_text="The article of law it rests on.")
    law_expires_on = serializers.DateField(
        allow_null=True, help_text="For a temporary law: the day it lapses; else null."
    )
    figures_checked = serializers.BooleanField(help_text="Figures compared with the law text.")
    figures_checked_on = serializers.DateField(allow_null=True, help_text="When, or null.")
    active = serializers.BooleanField(help_text="Can be proposed in new cases.")


class LegalRemedySerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the legal remedy.")
    kind = serializers.ChoiceField(choices=LegalRemedy.Kind.choices, help_text="Kind.")
    term_starts_on = serializers.DateField(help_text="First day of the term.")
    deadline = serializers.DateField(help_text="Last day to lodge it.")
    lodged_on = serializers.DateField(allow_null=True, help_text="When it was lodged, or null.")
    outcome = serializers.ChoiceField(choices=LegalRemedy.Outcome.choices, help_text="Outcome.")
    note = serializers.CharField(help_text="Context, or ''.")
    version = serializers.IntegerField(help_text="Raised at every change.")


class InterventionEventSerializer(BoundedSerializer[object]):
    at = serializers.DateTimeField(help_text="When.")
    by = serializers.CharField(help_text="Who took the step (name at the time).")
    from_state = serializers.CharField(help_text="State before, or '' for the proposal.")
    to_state = serializers.ChoiceField(
        choices=InterventionState.choices, help_text="State after the step."
    )
    end_on = serializers.DateField(allow_null=True, help_text="The end date after the step.")
    reason = serializers.CharField(help_text="Why.")


class InterventionSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the intervention.")
    measure_type = ReferenceSerializer(help_text="The kind of measure.")
    regime = serializers.ChoiceField(choices=Regime.choices, help_text="Legal regime.")
    responsible_organisation = ReferenceSerializer(help_text="Prepares and follows it.")
    competent_authority = serializers.CharField(help_text="Who decides in this case.")
    legal_basis = serializers.CharField(help_text="The article the decision rests on.")
    state = serializers.ChoiceField(choices=InterventionState.choices, help_text="State.")
    allowed_steps = serializers.ListField(
        child=serializers.ChoiceField(choices=InterventionState.choices),
        help_text="The states it may move to next (the transition table).",
    )
    start_on = serializers.DateField(allow_null=True, help_text="First day, or null.")
    end_on = serializers.DateField(allow_null=True, help_text="Last day so far, or null.")
    maximum_end = serializers.DateField(
        allow_null=True, help_text="Last day allowed with every renewal, or null."
    )
    review_on = serializers.DateField(allow_null=True, help_text="Next review, or null.")
    law_expiry_warning = serializers.CharField(
        help_text="A warning when it would outlive the temporary law it rests on, else ''."
    )
    open_remedies = LegalRemedySerializer(
        many=True, help_text="Legal remedies whose term is still running."
    )
    note = serializers.CharField(help_text="Context, or ''.")
    version = serializers.IntegerField(help_text="Give this back when taking a step.")


class InterventionDetailSerializer(InterventionSerializer):
    remedies = LegalRemedySerializer(many=True, help_text="All legal remedies.")
    history = InterventionEventSerializer(many=True, help_text="Every step, oldest first.")


class InterventionListSerializer(BoundedSerializer[object]):
    results = InterventionSerializer(many=True, help_text="The case's interventions.")


def measure_type_data(measure: MeasureType) -> dict[str, Any]:
    names: list[str] = list(MeasureTypeSerializer().fields.keys())
    return {name: getattr(measure, name) for name in names}


def remedy_data(remedy: LegalRemedy) -> dict[str, Any]:
    names: list[str] = list(LegalRemedySerializer().fields.keys())
    return {name: getattr(remedy, name) for name in names}


def event_data(event: InterventionEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "by": event.actor_name,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "end_on": event.end_on,
        "reason": event.reason,
    }


def intervention_data(intervention: Intervention) -> dict[str, Any]:
    remedies = intervention.remedies.order_by("deadline", "id")
    return {
        "id": intervention.pk,
        "measure_type": {
            "id": intervention.measure_type.pk,
            "name": intervention.measure_type.name,
        },
        "regime": intervention.measure_type.regime,
        "responsible_organisation": reference_data(intervention.responsible_organisation),
        "competent_authority": intervention.competent_authority,
        "legal_basis": intervention.legal_basis,
        "state": intervention.state,
        "allowed_steps": [target.value for target in allowed_targets(intervention)],
        "start_on": intervention.start_on,
        "end_on": intervention.end_on,
        "maximum_end": maximum_end(intervention),
        "review_on": intervention.review_on,
        "law_expiry_warning": law_expiry_warning(intervention),
        "open_remedies": [
            remedy_data(r) for r in remedies if r.outcome == LegalRemedy.Outcome.OPEN
        ],
        "note": intervention.note,
        "version": intervention.version,
    }


def intervention_detail_data(intervention: Intervention) -> dict[str, Any]:
    return {
        **intervention_data(intervention),
        "remedies": [remedy_data(r) for r in intervention.remedies.order_by("deadline", "id")],
        "history": [event_data(e) for e in intervention.events.all()],
    }


# --- Input. ---


class InterventionProposeInputSerializer(BoundedSerializer[object]):
    measure_type = serializers.IntegerField(help_text="Id of a measure type in use.")
    responsible_organisation = serializers.IntegerField(
        help_text="Id of an organisation of the case's region."
    )
    competent_authority = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="Empty: the catalogue's.",
    )
    legal_basis = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="Empty: the catalogue's legal source.",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1000, help_text="Context."
    )
    reason = serializers.CharField(
        max_length=2000, error_messages=REASON_MESSAGES, help_text="Why this measure."
    )


class InterventionTransitionInputSerializer(BoundedSerializer[object]):
    to = serializers.ChoiceField(
        choices=InterventionState.choices,
        error_messages={"invalid_choice": _("Choose the next step from the list.")},
        help_text="The next state; see allowed_steps.",
    )
    reason = serializers.CharField(
        max_length=2000, error_messages=REASON_MESSAGES, help_text="Why this step."
    )
    version = serializers.IntegerField(help_text="The version you last fetched.")
    decided_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages=DATE_MESSAGES,
        help_text="When the notice or decision was sent (terms start the day after); "
        "default today.",
    )
    start_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages=DATE_MESSAGES,
        help_text="First day (required to make it active).",
    )
    end_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages=DATE_MESSAGES,
        help_text="Last day (active, extended, ended); default from the catalogue or today.",
    )
