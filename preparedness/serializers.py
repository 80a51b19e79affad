"""Serializers of the preparedness API (output only) and the plain data they are built from."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from lib.serializers import BoundedSerializer
from preparedness.models import (
    AgreementRole,
    CotTask,
    KeyFigure,
    PartnerAgreement,
    ReadinessStatus,
    SupportOrganisation,
    SupportScope,
    Topic,
    TrainingRecord,
)
from preparedness.readiness import Readiness


class NamedRefSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id.")
    name = serializers.CharField(help_text="Name.")


class MunicipalityReadinessSummarySerializer(BoundedSerializer[object]):
    municipality = NamedRefSerializer(help_text="The municipality.")
    done = serializers.IntegerField(help_text="How many checklist items are done.")
    total = serializers.IntegerField(help_text="How many items the checklist has.")


class ReadinessLineSerializer(BoundedSerializer[object]):
    topic = serializers.ChoiceField(choices=Topic.choices, help_text="The checklist item.")
    name = serializers.CharField(help_text="The item in words (interface language).")
    status = serializers.ChoiceField(
        choices=ReadinessStatus.choices, help_text="Done, in progress or not started."
    )
    present = serializers.ListField(
        child=serializers.CharField(), help_text="What is in place, in words."
    )
    missing = serializers.ListField(
        child=serializers.CharField(), help_text="What is missing, in words."
    )
    note = serializers.CharField(help_text="The lead's note, or ''.")


class ReadinessSerializer(BoundedSerializer[object]):
    municipality = NamedRefSerializer(help_text="The municipality.")
    done = serializers.IntegerField(help_text="How many checklist items are done.")
    lapsed_key_figures = serializers.IntegerField(
        help_text="How many key figures' next contact date has passed (a count, no names)."
    )
    items = ReadinessLineSerializer(many=True, help_text="The checklist, in a fixed order.")


class PartnerAgreementSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the agreement.")
    task = serializers.ChoiceField(choices=CotTask.choices, help_text="One of the seven tasks.")
    organisation = NamedRefSerializer(help_text="The organisation.")
    role = serializers.ChoiceField(
        choices=AgreementRole.choices, help_text="Whether it leads or contributes."
    )
    contact_person = serializers.CharField(help_text="Contact person or function, or ''.")
    agreed_on = serializers.DateField(allow_null=True, help_text="When it was agreed, or null.")
    version = serializers.IntegerField(help_text="Version, raised at every change.")


class TrainingRecordSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the record.")
    organisation = NamedRefSerializer(help_text="The organisation whose people were trained.")
    participant_name = serializers.CharField(help_text="Name of the person trained, or ''.")
    participant_count = serializers.IntegerField(
        allow_null=True, help_text="Number of people trained when no name is given, or null."
    )
    training = serializers.CharField(help_text="Which training.")
    held_on = serializers.DateField(help_text="When it was held.")
    refresh_on = serializers.DateField(allow_null=True, help_text="Refresher due, or null.")
    joint = serializers.BooleanField(help_text="Trained together with other organisations.")


class KeyFigureSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the key figure.")
    name = serializers.CharField(help_text="How the person is known.")
    contact_details = serializers.CharField(help_text="How to reach them, or ''.")
    community = serializers.CharField(help_text="Community or organisation.")
    trust_notes = serializers.CharField(help_text="Notes on the relationship, or ''.")
    last_contact_on = serializers.DateField(allow_null=True, help_text="Last contact, or null.")
    next_contact_on = serializers.DateField(allow_null=True, help_text="Next contact, or null.")
    lapsed = serializers.BooleanField(help_text="True when the next contact date has passed.")


class SupportOrganisationSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the directory entry.")
    name = serializers.CharField(help_text="Name of the organisation.")
    scope = serializers.ChoiceField(
        choices=SupportScope.choices, help_text="National, regional or European."
    )
    helps_with = serializers.CharField(help_text="What municipalities can ask it for.")
    website = serializers.CharField(help_text="Website, or ''.")
    how_to_reach = serializers.CharField(help_text="General route to reach it, or ''.")
    phone = serializers.CharField(help_text="General number or duty line, or ''.")
    email = serializers.CharField(help_text="General e-mail address, or ''.")


def readiness_data(readiness: Readiness) -> dict[str, Any]:
    municipality = readiness.municipality
    return {
        "municipality": {"id": municipality.pk, "name": municipality.name},
        "done": readiness.done,
        "lapsed_key_figures": readiness.lapsed_key_figures,
        "items": [
            {
                "topic": line.topic.value,
                "name": line.label,
                "status": line.status.value,
                "present": line.present,
                "missing": line.missing,
                "note": line.note,
            }
            for line in readiness.lines
        ],
    }


def agreement_data(agreement: PartnerAgreement) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "task": agreement.task,
        "organisation": {"id": agreement.organisation_id, "name": agreement.organisation.name},
        "role": agreement.role,
        "contact_person": agreement.contact_person,
        "agreed_on": agreement.agreed_on,
        "version": agreement.version,
    }


def training_data(record: TrainingRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "organisation": {"id": record.organisation_id, "name": record.organisation.name},
        "participant_name": record.participant_name,
        "participant_count": record.participant_count,
        "training": record.training,
        "held_on": record.held_on,
        "refresh_on": record.refresh_on,
        "joint": record.joint,
    }


def key_figure_data(key_figure: KeyFigure, *, today: Any) -> dict[str, Any]:
    return {
        "id": key_figure.pk,
        "name": key_figure.name,
        "contact_details": key_figure.contact_details,
        "community": key_figure.community,
        "trust_notes": key_figure.trust_notes,
        "last_contact_on": key_figure.last_contact_on,
        "next_contact_on": key_figure.next_contact_on,
        "lapsed": bool(key_figure.next_contact_on and key_figure.next_contact_on < today),
    }


def support_data(organisation: SupportOrganisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "scope": organisation.scope,
        "helps_with": organisation.helps_with,
        "website": organisation.website,
        "how_to_reach": organisation.how_to_reach,
        "phone": organisation.phone,
        "email": organisation.email,
    }
