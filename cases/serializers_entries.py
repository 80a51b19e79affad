"""Serializers of the case entries, plan and actions API, and the plain data they are built from.

The ``*_data`` functions are only given what has passed a gate: entries from
``cases.entry_gates`` (one by one, by information category), the plan and actions of a case
the caller may see. Input serializers check the shape; the services check the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    CaseEntry,
    CaseEntryVersion,
    InformationCategory,
    PlanVersion,
)
from cases.serializers import ActionSerializer, PlanSerializer, action_data
from lib.serializers import BoundedSerializer
from signals.serializers import ReferenceSerializer, reference_data

# Minutes are recorded at a conference (conferences.services), not added one by one.
NEW_ENTRY_KINDS = [
    (CaseEntry.Kind.NOTE.value, CaseEntry.Kind.NOTE.label),
    (CaseEntry.Kind.FACT.value, CaseEntry.Kind.FACT.label),
]

# --- Output: entries. ---


class EntryVersionSerializer(BoundedSerializer[object]):
    number = serializers.IntegerField(help_text="1 for the first text.")
    text = serializers.CharField(help_text="The text of this version.")
    correction_reason = serializers.CharField(help_text="Why it was corrected; '' for the first.")
    author = serializers.CharField(help_text="Who wrote this version (name).")
    created_at = serializers.DateTimeField(help_text="When this version was written.")


class CaseEntrySerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the entry.")
    kind = serializers.ChoiceField(
        choices=CaseEntry.Kind.choices, help_text="Note, fact or minutes."
    )
    category = serializers.ChoiceField(
        choices=InformationCategory.choices, help_text="Information category: who may read it."
    )
    source_organisation = ReferenceSerializer(help_text="Where the information comes from.")
    legal_basis = serializers.CharField(help_text="Why it may be shared; '' for general.")
    author = serializers.CharField(help_text="Who recorded the entry (name).")
    recorded_at = serializers.DateTimeField(help_text="When the entry was recorded.")
    text = serializers.CharField(help_text="The current text.")
    version = serializers.IntegerField(help_text="Give this back when correcting the entry.")
    changed_at = serializers.DateTimeField(help_text="When the current text was written.")


class CaseEntryPageSerializer(BoundedSerializer[object]):
    results = CaseEntrySerializer(many=True, help_text="The entries found, oldest first.")
    total = serializers.IntegerField(help_text="How many entries of the case you may read.")


class CaseEntryDetailSerializer(CaseEntrySerializer):
    versions = EntryVersionSerializer(many=True, help_text="Every text version, oldest first.")


class ProblemSerializer(BoundedSerializer[object]):
    """application/problem+json (RFC 9457), as lib.problem writes it."""

    type = serializers.CharField(help_text="Always about:blank.")
    title = serializers.CharField(help_text="What went wrong, in words.")
    status = serializers.IntegerField(help_text="The HTTP status.")
    detail = serializers.CharField(help_text="More about it.")
    instance = serializers.CharField(help_text="The path asked for.")


class EntryConflictSerializer(ProblemSerializer):
    current_version = serializers.IntegerField(help_text="The entry's version now.")
    changes = EntryVersionSerializer(
        many=True, help_text="The corrections made since the version you gave."
    )


def version_data(version: CaseEntryVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "text": version.text,
        "correction_reason": version.correction_reason,
        "author": version.author.full_name,
        "created_at": version.created_at,
    }


def entry_data(entry: CaseEntry, history: Sequence[CaseEntryVersion]) -> dict[str, Any]:
    """An entry that passed the entry gate, with its versions (oldest first)."""
    current = history[-1] if history else None
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "category": entry.category,
        "source_organisation": reference_data(entry.source_organisation),
        "legal_basis": entry.legal_basis,
        "author": entry.author.full_name,
        "recorded_at": entry.created_at,
        "text": current.text if current else "",
        "version": entry.version,
        "changed_at": current.created_at if current else entry.created_at,
    }


def entry_detail_data(entry: CaseEntry, history: Sequence[CaseEntryVersion]) -> dict[str, Any]:
    data = entry_data(entry, history)
    data["versions"] = [version_data(version) for version in history]
    return CaseEntryDetailSerializer(data).data


# --- Output: plan and actions. ---


class PlanVersionSummarySerializer(BoundedSerializer[object]):
    number = serializers.IntegerField(help_text="Version of the plan.")
    agreed_at = serializers.DateTimeField(help_text="When this version was agreed.")
    agreed_by = serializers.CharField(help_text="Who recorded the agreement.")
    meeting = serializers.IntegerField(allow_null=True, help_text="The conference, or null.")
    change_note = serializers.CharField(help_text="What changed against the version before.")


class PlanOverviewSerializer(BoundedSerializer[object]):
    current = PlanSerializer(allow_null=True, help_text="The current plan, or null if none yet.")
    earlier = PlanVersionSummarySerializer(many=True, help_text="Earlier versions, newest first.")


def plan_version_summary(plan: PlanVersion) -> dict[str, Any]:
    return {
        "number": plan.number,
        "agreed_at": plan.agreed_at,
        "agreed_by": plan.agreed_by.full_name,
        "meeting": plan.meeting_id,
        "change_note": plan.change_note,
    }


class ActionRowSerializer(ActionSerializer):
    goal_position = serializers.IntegerField(
        allow_null=True, help_text="The number of the plan goal it serves, or null."
    )
    overdue = serializers.BooleanField(help_text="Still open after its due date.")


class ActionListSerializer(BoundedSerializer[object]):
    results = ActionRowSerializer(many=True, help_text="The case's actions, by due date.")


class ActionUpdateSerializer(BoundedSerializer[object]):
    status = serializers.ChoiceField(choices=ActionStatus.choices, help_text="Status reported.")
    feedback = serializers.CharField(help_text="Feedback given, or ''.")
    by = serializers.CharField(help_text="Who reported (name).")
    at = serializers.DateTimeField(help_text="When.")


class ActionDetailSerializer(ActionRowSerializer):
    agreed_by = serializers.CharField(help_text="Who recorded the action (name).")
    agreed_at = serializers.DateTimeField(help_text="When the action was agreed.")
    may_report = serializers.BooleanField(help_text="Whether you may report on it.")
    updates = ActionUpdateSerializer(many=True, help_text="The reports, oldest first.")


class ActionConflictSerializer(ProblemSerializer):
    current = ActionDetailSerializer(help_text="The action now, with the other person's report.")


def action_row_data(action: Action, *, overdue: bool) -> dict[str, Any]:
    data = action_data(action)
    data.update(goal_position=action.goal_position, overdue=overdue)
    return data


def action_detail_data(
    action: Action, updates: Iterable[ActionUpdate], *, overdue: bool, may_report: bool
) -> dict[str, Any]:
    data = action_row_data(action, overdue=overdue)
    data.update(
        agreed_by=action.created_by.full_name,
        agreed_at=action.created_at,
        may_report=may_report,
        updates=[
            {"status": u.status, "feedback": u.feedback, "by": u.by.full_name, "at": u.at}
            for u in updates
        ],
    )
    return ActionDetailSerializer(data).data


# --- Input. ---


class EntryQuerySerializer(BoundedSerializer[object]):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Find entries whose current text or legal basis contains this.",
        error_messages={"max_length": _("Search for at most 200 characters.")},
    )


class EntryInputSerializer(BoundedSerializer[object]):
    kind = serializers.ChoiceField(
        choices=NEW_ENTRY_KINDS,
        help_text="Note or fact.",
        error_messages={
            "required": _("Choose whether this is a note or a fact."),
            "invalid_choice": _("Choose note or fact."),
        },
    )
    category = serializers.ChoiceField(
        choices=InformationCategory.choices,
        help_text="Information category: decides who may read the entry.",
        error_messages={
            "required": _("Choose the information category."),
            "invalid_choice": _("Choose the information category from the list."),
        },
    )
    source_organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id of the organisation the information comes from; default your own.",
    )
    legal_basis = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="Why it may be shared (consent, a law); required for all but general.",
        error_messages={"max_length": _("The legal basis is at most 300 characters.")},
    )
    text = serializers.CharField(
        max_length=10000,
        help_text="What is recorded.",
        error_messages={
            "required": _("Write the text of the entry."),
            "blank": _("Write the text of the entry."),
        },
    )


class EntryCorrectionInputSerializer(BoundedSerializer[object]):
    text = serializers.CharField(
        max_length=10000,
        help_text="The corrected text.",
        error_messages={
            "required": _("Write the corrected text."),
            "blank": _("Write the corrected text."),
        },
    )
    reason = serializers.CharField(
        max_length=500,
        help_text="Why the text is corrected; kept in the history.",
        error_messages={
            "required": _("Give the reason for the correction."),
            "blank": _("Give the reason for the correction."),
        },
    )
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")


class ActionReportInputSerializer(BoundedSerializer[object]):
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        help_text="The status of the action now.",
        error_messages={
            "required": _("Choose the status of the action."),
            "invalid_choice": _("Choose the status from the list."),
        },
    )
    feedback = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="What was done, or what stands in the way.",
    )
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")
