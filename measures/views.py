"""The measures pages of a case: all regimes side by side, proposing a measure, and one
measure with its history, its next steps, its legal remedies and its review date.

Whoever may see the case sees its measures (team partners read); only the lead and the
process director change them (404 for everyone else, as for a missing case). Every page
that shows the case's measures logs the read. Bad input re-renders with 400 and changes
nothing; a change based on an outdated version gets 409, with the current state and the
other person's change, and keeps what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.actor import request_actor, request_user
from access.cases import may_direct_measures
from access.facts import Actor, CaseFacts
from cases.gates import log_case_read
from cases.models import Case
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, posted_version, versioned_edit
from measures.forms import (
    STEP_DATES,
    InterimReliefForm,
    ProposeForm,
    RemedyForm,
    ReviewForm,
    TransitionForm,
    allowed_targets,
)
from measures.gates import LOG_READ, get_intervention, get_measures_case, get_remedy
from measures.models import Intervention, InterventionEvent, LegalRemedy
from measures.overview import case_interventions, next_deadlines, regime_columns, row_for
from measures.services import (
    StepInput,
    intervention_propose,
    intervention_set_review,
    intervention_transition,
    remedy_record,
    remedy_request_interim_relief,
)
from measures.workflow import InterventionState

# How many of the other person's steps a conflict shows at most.
CONFLICT_EVENTS = 5


def state_label(value: str) -> str:
    return str(InterventionState(value).label) if value in InterventionState.values else ""


def event_rows(events: Iterable[InterventionEvent]) -> list[tuple[InterventionEvent, str, str]]:
    """History lines with the states in words (the history stores their codes)."""
    return [(e, state_label(e.from_state), state_label(e.to_state)) for e in events]


@object_gate
@require_GET
def measures_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_measures_case(actor, case_id)
    interventions = case_interventions(case)
    context = {
        "case": case,
        "columns": regime_columns(interventions),
        "deadlines": next_deadlines(interventions),
        "may_direct": may_direct_measures(actor, facts),
    }
    return render(request, "measures/case_measures.html", context)


@object_gate
@require_http_methods(["GET", "POST"])
def propose_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_measures_case(actor, case_id, write=True)
    form = ProposeForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intervention = intervention_propose(
                actor=actor,
                user=request_user(request),
                case=case,
                measure_type=data["measure_type"],
                responsible_organisation=data["responsible_organisation"],
                competent_authority=data["competent_authority"],
                legal_basis=data["legal_basis"],
                note=data["note"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The measure has been proposed."))
            return redirect("measures:detail", case_id=case.pk, intervention_id=intervention.pk)
    # The page names the case's subject: a read.
    log_case_read(actor, case, facts, name=LOG_READ)
    status = 400 if form.errors else 200
    return render(request, "measures/propose.html", {"case": case, "form": form}, status=status)


# --- One measure. ---


def _step_forms(intervention: Intervention) -> dict[str, TransitionForm]:
    return {
        target.value: TransitionForm(intervention=intervention, target=target)
        for target in allowed_targets(intervention)
    }


def _intervention_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    intervention: Intervention,
    *,
    bound: forms.Form | None = None,
    conflict: list[InterventionEvent] | None = None,
    status: int = 200,
    logged: bool = False,
) -> HttpResponse:
    if not logged:
        log_case_read(actor, case, facts, name=LOG_READ)
    directing = may_direct_measures(actor, facts)
    step_forms = _step_forms(intervention) if directing else {}
    remedies = list(intervention.remedies.order_by("deadline", "id"))
    remedy_forms = {r.pk: RemedyForm(remedy=r) for r in remedies} if directing else {}
    review_form = ReviewForm(intervention=intervention) if directing else None
    if isinstance(bound, TransitionForm) and bound.target in step_forms:
        step_forms[bound.target] = bound
    elif isinstance(bound, RemedyForm):
        remedy_forms[bound.remedy.pk] = bound
    elif isinstance(bound, ReviewForm):
        review_form = bound
    context = {
        "case": case,
        "intervention": intervention,
        "row": row_for(intervention),
        "events": event_rows(intervention.events.all()),
        "remedies": [(r, remedy_forms.get(r.pk)) for r in remedies],
        "step_forms": list(step_forms.values()),
        "review_form": review_form,
        "may_direct": directing,
        "conflict": None if conflict is None else event_rows(conflict),
    }
    return render(request, "measures/intervention.html", context, status=status)


@object_gate
@require_GET
def intervention_view(request: HttpRequest, case_id: int, intervention_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_measures_case(actor, case_id)
    intervention = get_intervention(case, intervention_id)
    return _intervention_page(request, actor, case, facts, intervention, logged=True)


def _changes_since(intervention: Intervention, seen: int | None) -> list[InterventionEvent]:
    """The other person's steps since the version the user saw (at least the last one)."""
    behind = intervention.version - seen if seen is not None else 0
    count = max(1, min(behind, CONFLICT_EVENTS))
    return list(intervention.events.order_by("-at", "-id")[:count])


def _measure_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    intervention: Intervention,
    *,
    show_changes: bool = True,
) -> Callable[[forms.Form, int, bool], HttpResponse]:
    """The page of a form posted from the measure's page: the measure as it is now (a service
    may have changed the copy in hand before refusing), the posted form in its place, and on a
    conflict the other person's steps since the version the user saw."""

    def page(form: forms.Form, status: int, conflict: bool) -> HttpResponse:
        intervention.refresh_from_db()
        changes: list[InterventionEvent] | None = None
        if conflict and show_changes:
            seen = posted_version(request.POST, form.add_prefix("version"))
            changes = _changes_since(intervention, seen)
        elif conflict:
            changes = []  # a legal remedy's change is not a step of the measure
        return _intervention_page(
            request, actor, case, facts, intervention, bound=form, conflict=changes, status=status
        )

    return page


def _to_detail(request: HttpRequest, intervention: Intervention, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(
        "measures:detail", case_id=intervention.case_id, intervention_id=intervention.pk
    )


def _step_not_in_table(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    intervention: Intervention,
    target: str,
) -> HttpResponse:
    """A step button for a step the table does not (or no longer) allow: nothing changes.

    Its form is not on the page, so there is no text to keep; but an outdated page is still
    the reason the user should hear (409 with the other person's steps), not the refusal."""
    seen = posted_version(request.POST, f"step-{target}-version")
    if seen is not None and seen != intervention.version:
        conflict = _changes_since(intervention, seen)
        return _intervention_page(
            request, actor, case, facts, intervention, conflict=conflict, status=409
        )
    messages.error(
        request,
        _("A measure that is %(current)s cannot take this step. Choose one of the steps shown.")
        % {"current": intervention.get_state_display()},
    )
    return _intervention_page(request, actor, case, facts, intervention, status=400)


def _version_of(intervention: Intervention) -> int:
    return Intervention.objects.values_list("version", flat=True).get(pk=intervention.pk)


@object_gate
@require_POST
def transition_view(request: HttpRequest, case_id: int, intervention_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_measures_case(actor, case_id, write=True)
    intervention = get_intervention(case, intervention_id)
    target = request.POST.get("to", "")
    if target not in {t.value for t in allowed_targets(intervention)}:
        return _step_not_in_table(request, actor, case, facts, intervention, target)

    def form(data: QueryDict | None) -> TransitionForm:
        return TransitionForm(data, intervention=intervention, target=target)

    def save(form: TransitionForm) -> Intervention:
        data = form.cleaned_data
        return intervention_transition(
            actor=actor,
            user=request_user(request),
            intervention=intervention,
            to=target,
            reason=data["reason"],
            version=data["version"],
            step=StepInput(**{name: data.get(name) for name in STEP_DATES.get(target, ())}),
        )

    def done(moved: Intervention) -> HttpResponse:
        message = _("The measure is now %(state)s.") % {"state": moved.get_state_display()}
        return _to_detail(request, moved, message)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _version_of(intervention),
            save=save,
            page=_measure_page(request, actor, case, facts, intervention),
            done=done,
        ),
    )


@object_gate
@require_POST
def review_view(request: HttpRequest, case_id: int, intervention_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_measures_case(actor, case_id, write=True)
    intervention = get_intervention(case, intervention_id)

    def form(data: QueryDict | None) -> ReviewForm:
        return ReviewForm(data, intervention=intervention)

    def save(form: ReviewForm) -> Intervention:
        return intervention_set_review(
            actor=actor,
            user=request_user(request),
            intervention=intervention,
            review_on=form.cleaned_data["review_on"],
            version=form.cleaned_data["version"],
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _version_of(intervention),
            save=save,
            page=_measure_page(request, actor, case, facts, intervention),
            done=lambda _result: _to_detail(
                request, intervention, _("The review date has been saved.")
            ),
        ),
    )


@object_gate
@require_POST
def remedy_view(
    request: HttpRequest, case_id: int, intervention_id: int, remedy_id: int
) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_measures_case(actor, case_id, write=True)
    intervention = get_intervention(case, intervention_id)
    remedy = get_remedy(intervention, remedy_id)

    def form(data: QueryDict | None) -> RemedyForm:
        if data is not None:
            return RemedyForm(data, remedy=remedy)
        # Only a conflict shows a fresh form: on the remedy as it is now.
        return RemedyForm(remedy=LegalRemedy.objects.get(pk=remedy.pk))

    def save(form: RemedyForm) -> LegalRemedy:
        data = form.cleaned_data
        return remedy_record(
            actor=actor,
            user=request_user(request),
            remedy=remedy,
            lodged_on=data["lodged_on"],
            outcome=data["outcome"],
            note=data["note"],
            version=data["version"],
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: LegalRemedy.objects.values_list("version", flat=True).get(
                pk=remedy.pk
            ),
            save=save,
            page=_measure_page(request, actor, case, facts, intervention, show_changes=False),
            done=lambda _result: _to_detail(
                request, intervention, _("The legal remedy has been recorded.")
            ),
        ),
    )


@object_gate
@require_http_methods(["GET", "POST"])
def interim_relief_view(request: HttpRequest, case_id: int, intervention_id: int) -> HttpResponse:
    """Records a request for interim relief while an objection or appeal is pending."""
    actor = request_actor(request)
    case, _facts = get_measures_case(actor, case_id, write=True)
    intervention = get_intervention(case, intervention_id)
    form = InterimReliefForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            remedy_request_interim_relief(
                actor=actor,
                user=request_user(request),
                intervention=intervention,
                lodged_on=form.cleaned_data["lodged_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request for interim relief has been recorded."))
            return redirect("measures:detail", case_id=case.pk, intervention_id=intervention.pk)
    context = {"case": case, "intervention": intervention, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "measures/interim_relief.html", context, status=status)
