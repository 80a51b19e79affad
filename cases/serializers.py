"""Serializers of the cases API and the plain data they are built from.

Output is assembled by the ``*_data`` functions after the gate has let the caller see the
case; entries pass the entry gate one by one, exactly as on the case page.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.models import Action, ActionStatus, Case, Goal, PlanVersion
from cases.workflow import (
    CaseStatus,
    ClosureReason,
    DeathSource,
    ReturnMotive,
    Situation,
    TravelOutcome,
)
from lib.serializers import BoundedSerializer
from signals.serializers import ReferenceSerializer, SubjectSerializer, reference_data

# --- Output. ---


class CaseSummarySerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the case.")
    municipality = ReferenceSerializer(help_text="The municipality that directs the case.")
    subject = SubjectSerializer(help_text="The person the case is about.")
    situation = serializers.ChoiceField(choices=Situation.choices, help_text="Where the person is.")
    status = serializers.ChoiceField(choices=CaseStatus.choices, help_text="Where the approach is.")
    opened_at = serializers.DateTimeField(help_text="When the case was opened.")
    review_on = serializers.DateField(allow_null=True, help_text="Next review, or null.")


class CasePageSerializer(BoundedSerializer[object]):
    results = CaseSummarySerializer(many=True, help_text="At most 25 cases, newest first.")
    next = serializers.URLField(allow_null=True, help_text="The next page, or null.")


class TeamMemberSerializer(BoundedSerializer[object]):
    organisation = ReferenceSerializer(help_text="The participating organisation.")
    added_at = serializers.DateTimeField(help_text="Since when it has access.")


class CaseEventSerializer(BoundedSerializer[object]):
    at = serializers.DateTimeField(help_text="When.")
    by = serializers.CharField(help_text="Who made the change (name at the time).")
    kind = serializers.CharField(help_text="What changed (opened, situation, status, team...).")
    from_value = serializers.CharField(help_text="Value before, or ''.")
    to_value = serializers.CharField(help_text="Value after, or ''.")
    reason = serializers.CharField(help_text="Why.")
    return_motive = serializers.CharField(
        help_text="For a change to 'returned': the coded motive for return, else ''."
    )
    return_motive_note = serializers.CharField(help_text="The motive in a few words, or ''.")
    travel_outcome = serializers.CharField(
        help_text="For a change away from 'intends to travel': how it ended, else ''."
    )
    death_source = serializers.CharField(
        help_text="For a change to 'deceased': the coded source that confirms the death, else ''."
    )
    death_source_note = serializers.CharField(help_text="About the source, or ''.")


class GoalSerializer(BoundedSerializer[object]):
    position = serializers.IntegerField(help_text="Number of the goal in the plan.")
    text = serializers.CharField(help_text="What should be reached.")
    domain = serializers.ChoiceField(choices=Goal.Domain.choices, help_text="Domain.")
    owner_organisation = ReferenceSerializer(help_text="Who is responsible.")
    review_on = serializers.DateField(help_text="When progress is reviewed.")


class PlanSerializer(BoundedSerializer[object]):
    number = serializers.IntegerField(help_text="Version of the plan.")
    summary = serializers.CharField(help_text="The approach in a few sentences.")
    agreed_at = serializers.DateTimeField(help_text="When this version was agreed.")
    agreed_by = serializers.CharField(help_text="Who recorded the agreement.")
    meeting = serializers.IntegerField(allow_null=True, help_text="The conference, or null.")
    goals = GoalSerializer(many=True, help_text="The goals of this version.")


class ActionSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the action.")
    description = serializers.CharField(help_text="What is to be done.")
    owner_organisation = ReferenceSerializer(help_text="Who carries it out.")
    owner = serializers.CharField(help_text="The person who carries it out.")
    due_on = serializers.DateField(help_text="When it should be done.")
    status = serializers.ChoiceField(choices=ActionStatus.choices, help_text="Status.")
    feedback = serializers.CharField(help_text="The owner's latest feedback.")
    version = serializers.IntegerField(help_text="Give this back when changing the action.")


class CaseDetailSerializer(CaseSummarySerializer):
    lead = serializers.CharField(help_text="The lead who directs the case.")
    process_director = serializers.CharField(help_text="The process director, or ''.")
    closure_reason = serializers.CharField(help_text="Why the case was closed, or ''.")
    version = serializers.IntegerField(help_text="Give this back when changing the case.")
    team = TeamMemberSerializer(many=True, help_text="The organisations that have access now.")
    plan = PlanSerializer(allow_null=True, help_text="The current plan of approach, or null.")
    actions = ActionSerializer(many=True, help_text="The actions of the case.")
    events = CaseEventSerializer(many=True, help_text="The timeline of the case, oldest first.")


def summary_data(case: Case) -> dict[str, Any]:
    subject = case.subject
    return {
        "id": case.pk,
        "municipality": reference_data(case.municipality),
        "subject": {
            "id": subject.pk,
            "given_names": subject.given_names,
            "surname_prefix": subject.surname_prefix,
            "surname": subject.surname,
            "display_name": subject.display_name,
            "birth_year": subject.birth_year,
            "birth_month": subject.birth_month,
            "birth_day": subject.birth_day,
        },
        "situation": case.situation,
        "status": case.status,
        "opened_at": case.opened_at,
        "review_on": case.review_on,
    }


def plan_data(plan: PlanVersion | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "number": plan.number,
        "summary": plan.summary,
        "agreed_at": plan.agreed_at,
        "agreed_by": plan.agreed_by.full_name,
        "meeting": plan.meeting_id,
        "goals": [
            {
                "position": goal.position,
                "text": goal.text,
                "domain": goal.domain,
                "owner_organisation": reference_data(goal.owner_organisation),
                "review_on": goal.review_on,
            }
            for goal in plan.goals.select_related("owner_organisation")
        ],
    }


def action_data(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "description": action.description,
        "owner_organisation": reference_data(action.owner_organisation),
        "owner": action.owner.full_name,
        "due_on": action.due_on,
        "status": action.status,
        "feedback": action.feedback,
        "version": action.version,
    }


def detail_data(case: Case) -> dict[str, Any]:
    """A case the caller may see (the gate logged the read)."""
    data = summary_data(case)
    plan = case.plan_versions.select_related("agreed_by").order_by("-number").first()
    actions = case.actions.select_related("owner_organisation", "owner")
    team = case.team.filter(removed_at__isnull=True).select_related("organisation")
    data.update(
        lead=case.lead.full_name,
        process_director=case.process_director.full_name if case.process_director else "",
        closure_reason=case.closure_reason,
        version=case.version,
        team=[
            {"organisation": reference_data(m.organisation), "added_at": m.added_at} for m in team
        ],
        plan=plan_data(plan),
        actions=[action_data(action) for action in actions],
        events=[
            {
                "at": e.at,
                "by": e.actor_name,
                "kind": e.kind,
                "from_value": e.from_value,
                "to_value": e.to_value,
                "reason": e.reason,
                "return_motive": e.return_motive,
                "return_motive_note": e.return_motive_note,
                "travel_outcome": e.travel_outcome,
                "death_source": e.death_source,
                "death_source_note": e.death_source_note,
            }
            for e in case.events.all()
        ],
    )
    return CaseDetailSerializer(data).data


# --- Input. ---


class CaseQuerySerializer(BoundedSerializer[object]):
    after = serializers.IntegerField(
        required=False, min_value=1, help_text="Continue after this case number (keyset)."
    )


class SituationInputSerializer(BoundedSerializer[object]):
    to = serializers.ChoiceField(
        choices=Situation.choices,
        help_text=(
            "The new situation. An unconfirmed death report is 'reported_deceased'; from it "
            "the case goes to 'deceased' (with death_source) or back to the situation it had "
            "before the report, and only to that one."
        ),
    )
    reason = serializers.CharField(max_length=2000, help_text="Why; kept in the timeline.")
    return_motive = serializers.ChoiceField(
        choices=ReturnMotive.choices,
        required=False,
        help_text="Required for 'returned': why the person came back (coded, never a score).",
    )
    return_motive_note = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="The motive in a few words; required for 'other'. No medical details.",
    )
    travel_outcome = serializers.ChoiceField(
        choices=TravelOutcome.choices,
        required=False,
        help_text=(
            "Required when a case leaves 'intends_to_travel' for 'concern' or 'detained': "
            "'prevented' or 'abandoned'."
        ),
    )
    death_source = serializers.ChoiceField(
        choices=DeathSource.choices,
        required=False,
        help_text="Required for 'deceased': what confirms the death; refused otherwise.",
    )
    death_source_note = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Which document or who confirmed the death, and when; required for 'other'.",
    )
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")


class StatusInputSerializer(BoundedSerializer[object]):
    to = serializers.ChoiceField(choices=CaseStatus.choices, help_text="The new status.")
    reason = serializers.CharField(max_length=2000, help_text="Why; kept in the timeline.")
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")
    closure_reason = serializers.ChoiceField(
        choices=ClosureReason.choices,
        required=False,
        help_text="For 'closed': why the case is closed.",
    )
