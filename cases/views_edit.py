"""Directing a case: situation, status, team and the next review date; and the emergency
access step (noodtoegang).

Only the case's lead and process director reach the edit page (``get_case_with_facts(...,
write=True)``, 404 for everyone else). Every form carries the version the user saw: a change
based on an outdated version is refused with 409 (lib.versioned_edit), showing the current
state and the change the other person made, and keeping what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.cases import may_view_case
from access.facts import Actor
from cases.forms_case import (
    BreakGlassFindForm,
    BreakGlassForm,
    CaseForm,
    ReviewForm,
    SituationForm,
    StatusForm,
    TeamAddForm,
    TeamRemoveForm,
)
from cases.gates import (
    case_facts,
    get_case_for_break_glass,
    get_case_with_facts,
    log_case_read,
)
from cases.models import Case, CaseEvent
from cases.services import (
    break_glass_hours,
    break_glass_open,
    case_change_situation,
    case_change_status,
    case_set_review,
    team_add,
    team_remove,
)
from lib.access_rules import object_gate, roles
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, posted_version, version_now, versioned_edit

FORMS: dict[str, type[CaseForm]] = {
    "situation": SituationForm,
    "status": StatusForm,
    "team_add": TeamAddForm,
    "team_remove": TeamRemoveForm,
    "review": ReviewForm,
}
# How many of the other person's changes a conflict shows at most.
CONFLICT_EVENTS = 5


def changes_since(case: Case, version: int) -> list[CaseEvent]:
    """The timeline events written since the user's version, newest first.

    Every change that raises the case version appends one event; emergency access appends
    one without raising it, so it is left out here.
    """
    count = max(1, min(case.version - version, CONFLICT_EVENTS))
    events = case.events.exclude(kind=CaseEvent.Kind.BREAK_GLASS).order_by("-at", "-id")
    return list(events[:count])


def _edit_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    *,
    bound: CaseForm | None = None,
    conflict: list[CaseEvent] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms: dict[str, CaseForm] = {name: form(case=case) for name, form in FORMS.items()}
    if bound is not None:
        forms[str(bound.prefix)] = bound
    # The page shows the case again (also after a refused change): that is a read.
    log_case_read(actor, case, case_facts(case), name="cases.read")
    context = {
        "case": case,
        "team": case.team.filter(removed_at__isnull=True).select_related("organisation"),
        "forms": forms,
        "conflict": conflict,
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "cases/case_edit.html", context, status=status)


@object_gate
@require_GET
def case_edit_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, _facts = get_case_with_facts(actor, case_id, write=True)
    return _edit_page(request, actor, case)


def _change(
    request: HttpRequest,
    case_id: int,
    name: str,
    apply: Callable[[Actor, Case, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """The shared shape of every change: gate, then the one versioned edit (the version is
    checked before the form, whose choices follow the current state), then a redirect."""
    actor = request_actor(request)
    case, _facts = get_case_with_facts(actor, case_id, write=True)
    form_class = FORMS[name]

    def form(data: QueryDict | None) -> CaseForm:
        if data is not None:
            return form_class(data, case=case)
        # Only a conflict asks for an unbound form (the GET page is case_edit_view): read the
        # case again, so its choices and the rest of the page follow the current state.
        case.refresh_from_db()
        return form_class(case=case)

    def page(form: CaseForm, status: int, conflict: bool) -> HttpResponse:
        changes = changes_since(case, _seen_version(request, name)) if conflict else None
        return _edit_page(request, actor, case, bound=form, conflict=changes, status=status)

    def saved(_result: object) -> HttpResponse:
        messages.success(request, done)
        return redirect("cases:detail", case_id=case.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(case),
            save=lambda form: apply(actor, case, form.cleaned_data),
            page=page,
            done=saved,
        ),
    )


def _seen_version(request: HttpRequest, name: str) -> int:
    """The version the user's page showed, from which the other person's changes are listed.

    A conflict only follows a posted version, so 0 (list all, up to the limit) is a mere
    fallback for a number the form accepted in another spelling."""
    return posted_version(request.POST, f"{name}-version") or 0


@object_gate
@require_POST
def case_situation_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> object:
        return case_change_situation(
            actor=actor,
            user=request_user(request),
            case=case,
            to=data["to"],
            reason=data["reason"],
            version=data["version"],
            return_motive=data.get("return_motive") or "",
            return_motive_note=data.get("return_motive_note") or "",
            travel_outcome=data.get("travel_outcome") or "",
            death_source=data.get("death_source") or "",
            death_source_note=data.get("death_source_note") or "",
        )

    return _change(request, case_id, "situation", apply, _("The situation has been changed."))


@object_gate
@require_POST
def case_status_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> object:
        return case_change_status(
            actor=actor,
            user=request_user(request),
            case=case,
            to=data["to"],
            reason=data["reason"],
            version=data["version"],
            closure_reason=data.get("closure_reason") or "",
            decided_by=data.get("decided_by"),
        )

    return _change(request, case_id, "status", apply, _("The status has been changed."))


@object_gate
@require_POST
def case_team_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> object:
        return team_add(
            actor=actor,
            user=request_user(request),
            case=case,
            organisation=data["organisation"],
            reason=data["reason"],
            version=data["version"],
        )

    done = _("The organisation is on the team; its partners can see the case now.")
    return _change(request, case_id, "team_add", apply, done)


@object_gate
@require_POST
def case_team_remove_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> object:
        team_remove(
            actor=actor,
            user=request_user(request),
            case=case,
            organisation=data["organisation"],
            reason=data["reason"],
            version=data["version"],
        )
        return None

    done = _("The organisation has been removed from the team; its access has ended.")
    return _change(request, case_id, "team_remove", apply, done)


@object_gate
@require_POST
def case_review_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> object:
        return case_set_review(
            actor=actor,
            user=request_user(request),
            case=case,
            review_on=data["review_on"],
            reason=data["reason"],
            version=data["version"],
        )

    return _change(request, case_id, "review", apply, _("The next review date has been set."))


# --- Emergency access (noodtoegang). ---


@roles(access_roles.CASE_DIRECTORS)
@require_GET
def break_glass_find_view(request: HttpRequest) -> HttpResponse:
    """From a case number to its emergency access step; the step itself decides (404)."""
    form = BreakGlassFindForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("cases:break_glass", case_id=form.cleaned_data["number"])
    status = 400 if form.is_bound else 200
    return render(request, "cases/break_glass_find.html", {"form": form}, status=status)


@roles(access_roles.CASE_DIRECTORS)
@require_http_methods(["GET", "POST"])
def break_glass_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """A separate step: the case page itself stays 404 until access is recorded here.

    Only a lead of the case's municipality or the region's process director gets the form;
    anyone else, and a missing case, gets 404.
    """
    actor = request_actor(request)
    case, facts = get_case_for_break_glass(actor, case_id)
    if may_view_case(actor, facts):
        messages.info(request, _("You already have access to this case."))
        return redirect("cases:detail", case_id=case.pk)
    context: dict[str, Any] = {"case_number": case.pk, "hours": break_glass_hours()}
    if request.method != "POST":
        context["form"] = BreakGlassForm()
        return render(request, "cases/break_glass.html", context)
    form = BreakGlassForm(request.POST)
    context["form"] = form
    if form.is_valid():
        try:
            access = break_glass_open(
                actor=actor,
                user=request_user(request),
                case=case,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.warning(
                request,
                _(
                    "Emergency access is active until %(until)s. It is logged and the "
                    "privacy officer reviews it."
                )
                % {"until": timezone.localtime(access.expires_at).strftime("%d-%m-%Y %H:%M")},
            )
            return redirect(reverse("cases:detail", kwargs={"case_id": case.pk}))
    return render(request, "cases/break_glass.html", context, status=400)
