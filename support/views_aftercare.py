"""Aftercare of a case: the reintegration plan of a person who returned (with its reviews)
and, when the person died, the bereaved section with the civil procedure for a declaration
of death and the final BRP deregistration, pointing at the *deceased* checklist's tasks.

The team reads; the lead and the process director keep the plan and record reviews.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.actor import request_actor, request_user
from access.cases import may_edit_case, may_tick_checklist
from cases.models import Case
from cases.plans import goal_owner_choices
from cases.workflow import CaseStatus, Situation
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, versioned_edit
from support.aftercare import bereaved, plan_rows, reintegration_plan_save, reintegration_review_add
from support.forms import PlanForm, ReviewForm
from support.gates import get_directing_case, get_support_case
from support.models import ReintegrationPlan


def _plan_of(case: Case) -> ReintegrationPlan | None:
    return ReintegrationPlan.objects.filter(case=case).select_related("updated_by").first()


@object_gate
@require_GET
def aftercare_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_support_case(actor, case_id, log_name="support.aftercare.read")
    plan = _plan_of(case)
    directs = may_edit_case(actor, facts) and case.status != CaseStatus.CLOSED
    # A reported death already brings the support for the bereaved (issue 14, point 6);
    # the page says it is not confirmed, and final deregistration waits for that.
    deceased = case.situation in (Situation.DECEASED, Situation.REPORTED_DECEASED)
    context = {
        "case": case,
        "plan": plan,
        "rows": plan_rows(plan),
        "reviews": plan.reviews.select_related("reviewed_by") if plan else [],
        "returned": case.situation == Situation.RETURNED,
        "deceased": deceased,
        "death_unconfirmed": case.situation == Situation.REPORTED_DECEASED,
        "bereaved": bereaved(case) if deceased else None,
        "may_start_checklist": deceased and may_tick_checklist(actor, facts),
        "may_direct": directs,
        "may_draw_up": directs and (plan is not None or case.situation == Situation.RETURNED),
        "today": timezone.localdate(),
    }
    return render(request, "support/aftercare.html", context)


def _plan_page(
    request: HttpRequest,
    case: Case,
    form: PlanForm,
    plan: ReintegrationPlan | None,
    *,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "case": case,
        "form": form,
        "plan": plan,
        "rows": plan_rows(plan),
        "conflict": conflict,
    }
    return render(request, "support/plan_form.html", context, status=status)


def _plan_version(case: Case) -> int:
    """The plan's version now (0 while none is drawn up)."""
    found = ReintegrationPlan.objects.filter(case=case).values_list("version", flat=True)
    return found.first() or 0


@object_gate
@require_http_methods(["GET", "POST"])
def plan_edit_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Draws up the plan (the page had no version) or changes it. When someone else drew it
    up meanwhile, the service finds the user's page without a version stale: a conflict."""
    actor = request_actor(request)
    case, _facts = get_directing_case(actor, case_id)
    owners = goal_owner_choices(case)

    def form(data: QueryDict | None) -> PlanForm:
        if data is not None:
            # The page carried a version only when there was a plan to change.
            return PlanForm(data, owners=owners, editing="version" in data)
        plan = _plan_of(case)
        initial = PlanForm.initial_for(plan) if plan else {}
        return PlanForm(initial=initial, owners=owners, editing=plan is not None)

    def save(form: PlanForm) -> ReintegrationPlan:
        return reintegration_plan_save(
            actor=actor,
            user=request_user(request),
            case=case,
            parts=form.to_parts(),
            version=form.cleaned_data.get("version"),
        )

    def done(_plan: ReintegrationPlan) -> HttpResponse:
        messages.success(request, _("The reintegration plan has been saved."))
        return redirect("support:aftercare", case_id=case.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _plan_version(case),
            save=save,
            page=lambda form, status, conflict: _plan_page(
                request, case, form, _plan_of(case), conflict=conflict, status=status
            ),
            done=done,
        ),
    )


@object_gate
@require_http_methods(["GET", "POST"])
def plan_review_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, _facts = get_directing_case(actor, case_id)
    plan = _plan_of(case)
    if plan is None:
        raise Http404
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            reintegration_review_add(
                actor=actor,
                user=request_user(request),
                plan=plan,
                reviewed_on=form.cleaned_data["reviewed_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review has been recorded."))
            return redirect("support:aftercare", case_id=case.pk)
    status = 400 if form.errors else 200
    context = {"case": case, "form": form, "plan": plan}
    return render(request, "support/review_form.html", context, status=status)
