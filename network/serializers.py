"""Serializers of the network API and the plain data they are built from.

Output holds what was recorded about nodes and relations — never a computed number per
person (structural facts are for the drawing only). Input serializers check the shape; the
services (network.services) check the rules, so the API refuses what the pages refuse.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lib.serializers import BoundedSerializer
from network.analysis import DEPTHS
from network.models import (
    Direction,
    Nature,
    NetworkPerson,
    NodeKind,
    Relation,
    RelationKind,
    Reliability,
)
from signals.serializers import ReferenceSerializer, reference_data

KIND_MESSAGES: dict[str, Any] = {
    "required": _("Choose the kind of relation from the list."),
    "invalid_choice": _("Choose the kind of relation from the list."),
}
NODE_KIND_MESSAGES: dict[str, Any] = {
    "invalid_choice": _("Choose whether this is a person, a place or an organisation."),
}
# DRF fills in {max_length}.
TOO_LONG = _("Write at most {max_length} characters.")
DATE_MESSAGES: dict[str, Any] = {
    "invalid": _("Give the date as year-month-day, for example 2024-03-01.")
}

# --- Output. ---


class NetworkNodeSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the network person (node).")
    kind = serializers.ChoiceField(
        choices=NodeKind.choices, help_text="A person, or a place or organisation."
    )
    name = serializers.CharField(help_text="As known to the professionals.")
    birth_year = serializers.IntegerField(allow_null=True, help_text="Year of birth, or null.")
    minor = serializers.BooleanField(
        allow_null=True, help_text="Under 18 (by year of birth, else as recorded), or null."
    )
    represents_case_subject = serializers.BooleanField(
        help_text="True for the case's own subject, the centre of the network."
    )
    linked_to_known_subject = serializers.BooleanField(
        help_text="Whether the lead linked this node to a known subject (by hand, with a reason)."
    )
    note = serializers.CharField(help_text="What the conference needs to know, or ''.")
    source_organisation = ReferenceSerializer(help_text="The organisation that knows of it.")
    version = serializers.IntegerField(help_text="Give this back when changing the node.")


class NetworkRelationSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the relation.")
    # "source" is also an attribute of a DRF field; as a field name it is what clients expect.
    source = serializers.IntegerField(help_text="Id of the first node.")  # type: ignore[assignment]
    target = serializers.IntegerField(help_text="Id of the second node.")
    kind = serializers.ChoiceField(choices=RelationKind.choices, help_text="Kind of relation.")
    direction = serializers.ChoiceField(choices=Direction.choices, help_text="Direction.")
    nature = serializers.ChoiceField(
        choices=Nature.choices, help_text="Protective, risk, ambivalent or unknown."
    )
    reliability = serializers.ChoiceField(
        choices=Reliability.choices, help_text="How reliable the information is."
    )
    source_organisation = ReferenceSerializer(help_text="The organisation that observed it.")
    started_on = serializers.DateField(allow_null=True, help_text="Start of the period, or null.")
    ended_on = serializers.DateField(allow_null=True, help_text="End of the period, or null.")
    observed_on = serializers.DateField(help_text="When it was observed or reported.")
    note = serializers.CharField(help_text="Context the conference needs, or ''.")
    version = serializers.IntegerField(help_text="Give this back when changing the relation.")


class NetworkSerializer(BoundedSerializer[object]):
    case = serializers.IntegerField(help_text="Number of the case.")
    nodes = NetworkNodeSerializer(many=True, help_text="The nodes shown (after the filters).")
    relations = NetworkRelationSerializer(many=True, help_text="The relations shown.")


def node_data(person: NetworkPerson) -> dict[str, Any]:
    return {
        "id": person.pk,
        "kind": person.kind,
        "name": person.name,
        "birth_year": person.birth_year,
        "minor": person.is_minor(),
        "represents_case_subject": person.represents_case_subject,
        "linked_to_known_subject": person.subject_id is not None,
        "note": person.note,
        "source_organisation": reference_data(person.source_organisation),
        "version": person.version,
    }


def relation_data(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.pk,
        "source": relation.source_id,
        "target": relation.target_id,
        "kind": relation.kind,
        "direction": relation.direction,
        "nature": relation.nature,
        "reliability": relation.reliability,
        "source_organisation": reference_data(relation.source_organisation),
        "started_on": relation.started_on,
        "ended_on": relation.ended_on,
        "observed_on": relation.observed_on,
        "note": relation.note,
        "version": relation.version,
    }


# --- Input. ---


class NetworkQuerySerializer(BoundedSerializer[object]):
    """The filters of the network page."""

    kind = serializers.MultipleChoiceField(
        choices=RelationKind.choices,
        required=False,
        help_text="Only relations of these kinds (repeat the parameter).",
        error_messages=KIND_MESSAGES,
    )
    nature = serializers.MultipleChoiceField(
        choices=Nature.choices,
        required=False,
        help_text="Only relations of this nature (repeat the parameter).",
        error_messages={"invalid_choice": _("Choose the nature from the list.")},
    )
    reliability = serializers.MultipleChoiceField(
        choices=Reliability.choices,
        required=False,
        help_text="Only relations this reliable (repeat the parameter).",
        error_messages={"invalid_choice": _("Choose the reliability from the list.")},
    )
    around = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Only the neighbourhood of this node (its id).",
        error_messages={"invalid": _("Give the node as its number.")},
    )
    depth = serializers.ChoiceField(
        choices=[(d, str(d)) for d in DEPTHS],
        required=False,
        default=1,
        help_text="How many ties around the node: 1, 2 or 3 (default 1).",
        error_messages={"invalid_choice": _("Choose a depth of 1, 2 or 3.")},
    )


class NodeInputSerializer(BoundedSerializer[object]):
    kind = serializers.ChoiceField(
        choices=NodeKind.choices,
        default=NodeKind.PERSON,
        help_text="A person (default), a place or an organisation.",
        error_messages=NODE_KIND_MESSAGES,
    )
    name = serializers.CharField(
        max_length=200,
        help_text="A first name or a role is often enough.",
        error_messages={
            "required": _("Give a name or a role."),
            "blank": _("Give a name or a role."),
            "max_length": TOO_LONG,
        },
    )
    birth_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only if known and needed.",
        error_messages={"invalid": _("Give the year of birth as a number.")},
    )
    minor = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Whether the person is under 18, when the year of birth is not known.",
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="Only what the case conference needs to know.",
        error_messages={"max_length": TOO_LONG},
    )
    source_organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id of the organisation that knows of the node; default your own.",
    )


class NodeUpdateSerializer(NodeInputSerializer):
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")
    source_organisation = None  # type: ignore[assignment]  # the source of a node stays


class RelationInputSerializer(BoundedSerializer[object]):
    source = serializers.IntegerField(  # type: ignore[assignment]
        help_text="Id of the first node (of this case's network).",
        error_messages={
            "required": _("Choose the first person of the relation."),
            "invalid": _("Give the person as their number."),
        },
    )
    target = serializers.IntegerField(
        help_text="Id of the second node (of this case's network).",
        error_messages={
            "required": _("Choose the second person of the relation."),
            "invalid": _("Give the person as their number."),
        },
    )
    kind = serializers.ChoiceField(
        choices=RelationKind.choices, help_text="Kind of relation.", error_messages=KIND_MESSAGES
    )
    direction = serializers.ChoiceField(
        choices=Direction.choices,
        default=Direction.MUTUAL,
        help_text="Direction (default mutual).",
        error_messages={"invalid_choice": _("Choose the direction of the relation from the list.")},
    )
    nature = serializers.ChoiceField(
        choices=Nature.choices,
        default=Nature.UNKNOWN,
        help_text="Protective, risk, ambivalent or unknown (default).",
        error_messages={
            "invalid_choice": _(
                "Choose whether the relation is protective, a risk, ambivalent or unknown."
            )
        },
    )
    reliability = serializers.ChoiceField(
        choices=Reliability.choices,
        default=Reliability.UNCONFIRMED,
        help_text="Confirmed, probable or unconfirmed (default).",
        error_messages={"invalid_choice": _("Choose how reliable the information is.")},
    )
    source_organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id of the organisation that observed it; default your own.",
    )
    started_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Start of the period.",
        error_messages=DATE_MESSAGES,
    )
    ended_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="End of the period.",
        error_messages=DATE_MESSAGES,
    )
    observed_on = serializers.DateField(
        help_text="When it was observed or reported.",
        error_messages={
            "required": _("Give the date the relation was observed or reported."),
            **DATE_MESSAGES,
        },
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="Context the conference needs.",
        error_messages={"max_length": TOO_LONG},
    )


class RelationUpdateSerializer(RelationInputSerializer):
    """The ends of a relation stay: another pair is another relation."""

    source = None  # type: ignore[assignment]
    target = None  # type: ignore[assignment]
    source_organisation = None  # type: ignore[assignment]
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")
