"""Serializers of the checklist API and the plain data they are built from (after the gate)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from checklists.models import Checklist, ChecklistItem, ChecklistTemplate, ItemState, Scenario
from lib.serializers import BoundedSerializer


class ChecklistItemSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the item.")
    position = serializers.IntegerField(help_text="Order in the checklist.")
    text = serializers.CharField(help_text="What is to be checked or done.")
    explanation = serializers.CharField(help_text="Explanation, with the source of any period.")
    source_note = serializers.CharField(help_text="Where the item comes from.")
    due_on = serializers.DateField(allow_null=True, help_text="When its task falls due, or null.")
    state = serializers.ChoiceField(choices=ItemState.choices, help_text="State of the item.")
    done_by = serializers.CharField(help_text="Who marked it done or not applicable, or ''.")
    done_at = serializers.DateTimeField(allow_null=True, help_text="When it was marked, or null.")
    na_reason = serializers.CharField(help_text="Why it does not apply, or ''.")
    held_by_organisation = serializers.CharField(
        help_text="The team organisation that does the item, or '' when the lead holds it."
    )
    held_by = serializers.CharField(
        help_text="The named professional of that organisation, or '' (the whole organisation)."
    )
    feedback = serializers.CharField(help_text="The holder's latest report back, or ''.")
    version = serializers.IntegerField(help_text="Give this back when marking the item.")


class ChecklistSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the checklist.")
    template = serializers.CharField(help_text="Code of the template it was started from.")
    name = serializers.CharField(help_text="Name of the checklist.")
    scenario = serializers.ChoiceField(choices=Scenario.choices, help_text="Scenario.")
    event_date = serializers.DateField(help_text="The date deadlines count from.")
    started_by = serializers.CharField(help_text="Who started it.")
    started_at = serializers.DateTimeField(help_text="When it was started.")
    version = serializers.IntegerField(help_text="Raised whenever one of its items changes.")
    items = ChecklistItemSerializer(many=True, help_text="The items, in order.")


class OfferSerializer(BoundedSerializer[object]):
    template = serializers.CharField(help_text="Code of the template to start.")
    name = serializers.CharField(help_text="Its name.")
    scenario = serializers.ChoiceField(choices=Scenario.choices, help_text="Its scenario.")


class ChecklistListSerializer(BoundedSerializer[object]):
    results = ChecklistSerializer(many=True, help_text="The case's checklists, newest first.")
    offered = OfferSerializer(
        allow_null=True,
        help_text="The checklist matching the case's situation when none was started since, "
        "for those who may start it; else null.",
    )


class StartInputSerializer(BoundedSerializer[object]):
    past_dates = frozenset({"event_date"})
    template = serializers.SlugField(help_text="Code of an active checklist template.")
    event_date = serializers.DateField(
        help_text="The date deadlines count from (e.g. the date of departure); not in the future."
    )


class ItemMarkInputSerializer(BoundedSerializer[object]):
    state = serializers.ChoiceField(
        choices=[ItemState.DONE, ItemState.NOT_APPLICABLE, ItemState.OPEN],
        help_text="done, not_applicable (with a reason) or open (again).",
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        default="",
        help_text="Why the item does not apply; required for not_applicable.",
    )
    version = serializers.IntegerField(help_text="The item's version as you last read it.")


class ItemConflictSerializer(BoundedSerializer[object]):
    type = serializers.CharField(help_text="about:blank")
    title = serializers.CharField(help_text="What went wrong.")
    status = serializers.IntegerField(help_text="409")
    detail = serializers.CharField(help_text="Nothing was saved.")
    current = ChecklistItemSerializer(help_text="The item as it is now.")


def item_data(item: ChecklistItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "position": item.position,
        "text": item.text,
        "explanation": item.help_text,
        "source_note": item.source_note,
        "due_on": item.due_on,
        "state": item.state,
        "done_by": item.done_by.full_name if item.done_by else "",
        "done_at": item.done_at,
        "na_reason": item.na_reason,
        "held_by_organisation": item.holder_organisation.name if item.holder_organisation else "",
        "held_by": item.holder.full_name if item.holder else "",
        "feedback": item.feedback,
        "version": item.version,
    }


def checklist_data(checklist: Checklist) -> dict[str, Any]:
    items = checklist.items.select_related("done_by", "holder", "holder_organisation").order_by(
        "position", "id"
    )
    return {
        "id": checklist.pk,
        "template": checklist.template.code,
        "name": checklist.name,
        "scenario": checklist.template.scenario,
        "event_date": checklist.event_date,
        "started_by": checklist.started_by.full_name,
        "started_at": checklist.started_at,
        "version": checklist.version,
        "items": [item_data(item) for item in items],
    }


def offer_data(template: ChecklistTemplate | None) -> dict[str, Any] | None:
    if template is None:
        return None
    return {"template": template.code, "name": template.name, "scenario": template.scenario}
