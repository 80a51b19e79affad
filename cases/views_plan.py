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
from cases.actions import (
    OPEN_STATUSES,
    action_create,
    action_update,
    get_action_for_user,
    is_overdue,
    open_actions,
    owner_choices,
)
from cases.forms_plan import ActionForm, ActionUpdateForm, PlanForm, goal_formset
from cases.gates import case_facts, get_case_for_user
from cases.models import Action, Case, PlanVersion
from cases.plans import GoalInput, current_plan, goal_owner_choices, plan_agree
from lib.access_rules import object_gate
from lib.concurrency import StaleEdit
from lib.forms import add_service_errors
from meetings.conferences import (
    agenda_conference,
    conference_facts,
    get_conference_for_user,
    log_staff_read,
)
from meetings.models import Meeting, MeetingKind


def with_value(data: QueryDict, **values: Any) -> QueryDict:
    """The user's input with a fresh version, so a form re-shown after a conflict keeps what
    was typed and can be sent again on the current state."""
    copy = data.copy()
    for key, value in values.items():
        copy[key] = str(value)
    return copy


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
    case = get_case_for_user(actor, case_id)
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
        "may_agree_plan": may_agree_plan(actor, case_facts(case)),
        "may_create_action": may_create_action(actor, case_facts(case)),
    }
    return render(request, "cases/plan_detail.html", context)


def _conference_of(actor: Actor, raw: object) -> Meeting | None:
    """The conference a plan is agreed at (from ?overleg= or the form), through its gate."""
    if raw in (None, ""):
        return None
    if not str(raw).isdigit():
        raise Http404
    return get_conference_for_user(actor, int(str(raw)))


def _plan_page(
    request: HttpRequest,
    case: Case,
    form: PlanForm,
    goals: Any,
    *,
    meeting: Meeting | None,
    status: int | None = None,
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
    code = status or (400 if form.errors or goals.errors or goals.non_form_errors() else 200)
    return render(request, "cases/plan_form.html", context, status=code)


@object_gate
@require_http_methods(["GET", "POST"])
def plan_agree_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case = get_case_for_user(actor, case_id)
    source = request.POST if request.method == "POST" else request.GET
    meeting = _conference_of(actor, source.get("meeting") or source.get("overleg"))
    if not may_agree_plan(actor, case_facts(case), conference=agenda_conference(case.pk, meeting)):
        raise Http404
    owners = goal_owner_choices(case)
    plan = current_plan(case)
    if request.method != "POST":
        initial_goals = (
            [
                {
                    "text": g.text,
                    "domain": g.domain,
                    "owner_organisation": g.owner_organisation_id,
                    "review_on": g.review_on,
                }
                for g in plan.goals.all()
            ]
            if plan
            else []
        )
        form = PlanForm(
            initial={
                "summary": plan.summary if plan else "",
                "expected_number": plan.number if plan else 0,
                "meeting": meeting.pk if meeting else None,
            }
        )
        goals = goal_formset(initial=initial_goals, owners=owners)
        return _plan_page(request, case, form, goals, meeting=meeting)
    form = PlanForm(request.POST)
    goals = goal_formset(request.POST, owners=owners)
    if not (form.is_valid() and goals.is_valid()):
        return _plan_page(request, case, form, goals, meeting=meeting)
    try:
        agreed = plan_agree(
            actor=actor,
            user=request_user(request),
            case=case,
            summary=form.cleaned_data["summary"],
            goals=[
                GoalInput(
                    text=row["text"],
                    domain=row["domain"],
                    owner_organisation=row["owner_organisation"],
                    review_on=row["review_on"],
                )
                for row in goals.goal_rows()
            ],
            expected_number=form.cleaned_data["expected_number"],
            meeting=meeting,
            change_note=form.cleaned_data["change_note"],
        )
    except StaleEdit:
        current = current_plan(case)
        data = with_value(request.POST, expected_number=current.number if current else 0)
        return _plan_page(
            request,
            case,
            PlanForm(data),
            goal_formset(data, owners=owners),
            meeting=meeting,
            status=409,
            conflict=current,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _plan_page(request, case, form, goals, meeting=meeting)
    messages.success(
        request, _("Version %(number)s of the plan has been agreed.") % {"number": agreed.number}
    )
    if meeting is not None:
        item = meeting.agenda_items.filter(item_type="case", item_id=case.pk).first()
        if item is not None:
            return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)
    return redirect("cases:plan", case_id=case.pk)


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
        raise Http404
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
    form: ActionUpdateForm | None,
    *,
    status: int | None = None,
    conflict: bool = False,
) -> HttpResponse:
    # Done and cancelled are final: nothing left to report, so no form either.
    updatable = (
        may_update_action(actor, case_facts(case), owner_user_id=action.owner_id)
        and action.status in OPEN_STATUSES
    )
    if updatable and form is None:
        form = ActionUpdateForm(initial={"status": action.status, "version": action.version})
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
    code = status or (400 if form is not None and form.errors else 200)
    return render(request, "cases/action_detail.html", context, status=code)


@object_gate
@require_http_methods(["GET", "POST"])
def action_view(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """The action with its history; its owner and the lead report status and feedback."""
    actor = request_actor(request)
    case, action = get_action_for_user(actor, case_id, action_id)
    action.case = case
    if request.method != "POST":
        return _action_page(request, actor, case, action, None)
    if not may_update_action(actor, case_facts(case), owner_user_id=action.owner_id):
        raise Http404
    form = ActionUpdateForm(request.POST)
    if not form.is_valid():
        return _action_page(request, actor, case, action, form)
    try:
        action_update(
            actor=actor,
            user=request_user(request),
            action=action,
            status=form.cleaned_data["status"],
            feedback=form.cleaned_data["feedback"],
            version=form.cleaned_data["version"],
        )
    except StaleEdit:
        action.refresh_from_db()
        fresh = ActionUpdateForm(with_value(request.POST, version=action.version))
        fresh.is_valid()
        return _action_page(request, actor, case, action, fresh, status=409, conflict=True)
    except ValidationError as error:
        add_service_errors(form, error)
        return _action_page(request, actor, case, action, form)
    messages.success(request, _("Your report on the action has been saved."))
    return redirect("cases:action", case_id=case.pk, action_id=action.pk)
