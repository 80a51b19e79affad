"""Pages of the plan of approach and of actions (under /casussen/<case>/).

The case comes through cases.gates.get_case_for_user (404 for missing and not allowed);
actions through cases.actions.get_action_for_user, which checks the action belongs to that
case. Changes are POST-redirect-GET; bad input re-renders with 400 and changes nothing; a
stale edit answers 409 with the current state, the other person's change and what the user
typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.actor import request_actor, request_user
from access.cases import may_agree_plan, may_create_action, may_update_action
from access.facts import Actor, CaseFacts
from access.meetings import may_view_conference
from access.refusal import refused
from accounts.models import Organisation
from cases.actions import (
    OPEN_STATUSES,
    action_create,
    action_update,
    get_action_for_user,
    is_overdue,
    open_actions,
    owner_choices,
)
from cases.forms_plan import (
    ActionForm,
    ActionUpdateForm,
    BaseGoalFormSet,
    PlanForm,
    goal_formset,
)
from cases.gates import case_facts, get_case_for_user, get_case_with_facts
from cases.models import Action, Case, PlanVersion
from cases.plans import GoalInput, current_plan, goal_owner_choices, latest_number, plan_agree
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.ids import parse_id
from lib.versioned_edit import VersionedEdit, versioned_edit
from meetings.conferences import (
    agenda_conference,
    conference_facts,
    get_conference_for_user,
    log_staff_read,
)
from meetings.models import Meeting, MeetingKind

# --- The case page section. ---


def last_conference(case: Case) -> Meeting | None:
    """The most recent case conference held that had the case on its agenda."""
    return (
        Meeting.objects.filter(
            kind=MeetingKind.CASE_CONFERENCE,
            agenda_items__item_type="case",
            agenda_items__item_id=case.pk,
            held_at__lte=timezone.now(),
        )
        .select_related("municipality")
        .prefetch_related("attendees")
        .order_by("-held_at", "-id")
        .first()
    )


def _action_rows(actions: list[Action]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [{"action": a, "overdue": is_overdue(a, today)} for a in actions]


def plan_section_context(
    actor: Actor, case: Case, facts: CaseFacts | None = None
) -> dict[str, object]:
    """Context of the plan section of the case page (the case passed its gate)."""
    facts = facts or case_facts(case)
    plan = current_plan(case)
    conference = last_conference(case)
    return {
        "plan": plan,
        "goals": list(plan.goals.select_related("owner_organisation")) if plan else [],
        "open_action_rows": _action_rows(open_actions(case)),
        "last_conference": conference,
        "last_conference_visible": (
            conference is not None and may_view_conference(actor, conference_facts(conference))
        ),
        "may_agree_plan": may_agree_plan(actor, facts),
        "may_create_action": may_create_action(actor, facts),
    }


# --- The plan page. ---


@object_gate
def plan_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The current plan with its goals, earlier versions (who agreed at which conference)
    and the case's actions."""
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id)
    versions = list(
        PlanVersion.objects.filter(case=case)
        .select_related("agreed_by", "meeting")
        .prefetch_related("goals__owner_organisation")
        .order_by("-number")
    )
    actions = list(
        Action.objects.filter(case=case)
        .select_related("owner", "owner_organisation")
        .order_by("due_on", "id")
    )
    context = {
        "case": case,
        "plan": versions[0] if versions else None,
        "earlier": versions[1:],
        "action_rows": _action_rows(actions),
        "may_agree_plan": may_agree_plan(actor, facts),
        "may_create_action": may_create_action(actor, facts),
    }
    return render(request, "cases/plan_detail.html", context)


def _conference_of(actor: Actor, raw: object) -> Meeting | None:
    """The conference a plan is agreed at (from ?overleg= or the form), through its gate."""
    if raw in (None, ""):
        return None
    meeting_id = parse_id(str(raw))
    if meeting_id is None:
        raise Http404
    return get_conference_for_user(actor, meeting_id)


class _PlanWithGoals(PlanForm):
    """The plan and its goal rows as one form, so the versioned edit judges them together;
    ``expected_number`` is the plan version the user saw."""

    def __init__(
        self, data: QueryDict | None = None, *, goals: BaseGoalFormSet, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.goals = goals

    def is_valid(self) -> bool:
        # Both are judged, so the page shows every mistake at once.
        plan_valid = super().is_valid()
        return self.goals.is_valid() and plan_valid


def _current_plan_form(
    case: Case, meeting: Meeting | None, owners: list[Organisation]
) -> _PlanWithGoals:
    """The form on the plan as it is now: its summary, its goals and its number."""
    plan = current_plan(case)
    goals = [
        {
            "text": g.text,
            "domain": g.domain,
            "owner_organisation": g.owner_organisation_id,
            "review_on": g.review_on,
        }
        for g in (plan.goals.all() if plan else [])
    ]
    initial = {
        "summary": plan.summary if plan else "",
        "expected_number": plan.number if plan else 0,
        "meeting": meeting.pk if meeting else None,
    }
    return _PlanWithGoals(initial=initial, goals=goal_formset(initial=goals, owners=owners))


def _goal_inputs(goals: BaseGoalFormSet) -> list[GoalInput]:
    return [
        GoalInput(
            text=row["text"],
            domain=row["domain"],
            owner_organisation=row["owner_organisation"],
            review_on=row["review_on"],
        )
        for row in goals.goal_rows()
    ]


def _plan_page(
    request: HttpRequest,
    case: Case,
    form: PlanForm,
    goals: BaseGoalFormSet,
    *,
    meeting: Meeting | None,
    status: int,
    conflict: PlanVersion | None = None,
) -> HttpResponse:
    context = {
        "case": case,
        "form": form,
        "goals": goals,
        "meeting": meeting,
        "current": current_plan(case),
        "conflict": conflict,
    }
    return render(request, "cases/plan_form.html", context, status=status)


def _plan_agreed(
    request: HttpRequest, case: Case, meeting: Meeting | None, agreed: PlanVersion
) -> HttpResponse:
    """Back to where the plan was agreed: the conference's agenda item, or the plan."""
    messages.success(
        request, _("Version %(number)s of the plan has been agreed.") % {"number": agreed.number}
    )
    if meeting is not None:
        item = meeting.agenda_items.filter(item_type="case", item_id=case.pk).first()
        if item is not None:
            return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)
    return redirect("cases:plan", case_id=case.pk)


@object_gate
@require_http_methods(["GET", "POST"])
def plan_agree_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case = get_case_for_user(actor, case_id)
    source = request.POST if request.method == "POST" else request.GET
    meeting = _conference_of(actor, source.get("meeting") or source.get("overleg"))
    if not may_agree_plan(actor, case_facts(case), conference=agenda_conference(case.pk, meeting)):
        raise refused(actor, object_type="case", object_id=case.pk)
    owners = goal_owner_choices(case)

    def form(data: QueryDict | None) -> _PlanWithGoals:
        if data is None:
            return _current_plan_form(case, meeting, owners)
        return _PlanWithGoals(data, goals=goal_formset(data, owners=owners))

    def save(form: _PlanWithGoals) -> PlanVersion:
        return plan_agree(
            actor=actor,
            user=request_user(request),
            case=case,
            summary=form.cleaned_data["summary"],
            goals=_goal_inputs(form.goals),
            expected_number=form.cleaned_data["expected_number"],
            meeting=meeting,
            change_note=form.cleaned_data["change_note"],
        )

    def page(form: _PlanWithGoals, status: int, conflict: bool) -> HttpResponse:
        # kept_form keeps the plan's own fields; the goal rows are shown as the user sent them.
        goals = goal_formset(request.POST, owners=owners) if conflict else form.goals
        other = current_plan(case) if conflict else None
        return _plan_page(
            request, case, form, goals, meeting=meeting, status=status, conflict=other
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: latest_number(case),
            save=save,
            page=page,
            done=lambda agreed: _plan_agreed(request, case, meeting, agreed),
            version_field="expected_number",
        ),
    )


# --- Actions. ---


def _action_form_page(
    request: HttpRequest, actor: Actor, case: Case, form: ActionForm
) -> HttpResponse:
    owners = form.fields["owner"].queryset  # type: ignore[attr-defined]
    log_staff_read(actor, {m.user_id for m in owners}, name="cases.actions.form")
    context = {"case": case, "form": form}
    return render(request, "cases/action_form.html", context, status=400 if form.errors else 200)


@object_gate
@require_http_methods(["GET", "POST"])
def action_create_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case = get_case_for_user(actor, case_id)
    if not may_create_action(actor, case_facts(case)):
        raise refused(actor, object_type="case", object_id=case.pk)
    form = ActionForm(request.POST or None, owners=owner_choices(case))
    if request.method != "POST" or not form.is_valid():
        return _action_form_page(request, actor, case, form)
    owner = form.cleaned_data["owner"]
    try:
        action_create(
            actor=actor,
            user=request_user(request),
            case=case,
            description=form.cleaned_data["description"],
            owner_organisation=owner.organisation,
            owner=owner.user,
            due_on=form.cleaned_data["due_on"],
            goal_position=form.cleaned_data["goal_position"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _action_form_page(request, actor, case, form)
    messages.success(request, _("The action has been agreed; its owner has a task."))
    return redirect("cases:plan", case_id=case.pk)


def _action_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    action: Action,
    form: ActionUpdateForm,
    *,
    status: int,
    conflict: bool = False,
) -> HttpResponse:
    # Done and cancelled are final: nothing left to report, so no form either.
    updatable = (
        may_update_action(actor, case_facts(case), owner_user_id=action.owner_id)
        and action.status in OPEN_STATUSES
    )
    updates = list(action.updates.select_related("by").order_by("at", "id"))
    context = {
        "case": case,
        "action": action,
        "overdue": is_overdue(action),
        "updates": updates,
        "latest_update": updates[-1] if updates else None,
        "form": form if updatable else None,
        "conflict": conflict,
    }
    return render(request, "cases/action_detail.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def action_view(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """The action with its history; its owner and the lead report status and feedback."""
    actor = request_actor(request)
    case, action = get_action_for_user(actor, case_id, action_id)
    action.case = case
    if request.method == "POST" and not may_update_action(
        actor, case_facts(case), owner_user_id=action.owner_id
    ):
        raise Http404

    def form(data: QueryDict | None) -> ActionUpdateForm:
        if data is not None:
            return ActionUpdateForm(data)
        return ActionUpdateForm(initial={"status": action.status, "version": action.version})

    def save(form: ActionUpdateForm) -> Action:
        return action_update(
            actor=actor,
            user=request_user(request),
            action=action,
            status=form.cleaned_data["status"],
            feedback=form.cleaned_data["feedback"],
            version=form.cleaned_data["version"],
        )

    def page(form: ActionUpdateForm, status: int, conflict: bool) -> HttpResponse:
        if conflict:
            # The action as it is now, with the other person's report.
            action.refresh_from_db()
            action.case = case
        return _action_page(request, actor, case, action, form, status=status, conflict=conflict)

    def done(_result: Action) -> HttpResponse:
        messages.success(request, _("Your report on the action has been saved."))
        return redirect("cases:action", case_id=case.pk, action_id=action.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: Action.objects.values_list("version", flat=True).get(
                pk=action.pk
            ),
            save=save,
            page=page,
            done=done,
        ),
    )
