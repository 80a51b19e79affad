"""Case pages (issue 4, first part): the list and a read-only case page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from access import roles as access_roles
from access.actor import request_actor
from access.exports import EXPORT_LIMIT, EXPORTERS, ExportableList, may_export
from access.facts import Actor
from access.roles import has_role
from audit.models import Operation
from audit.services import log_processing
from cases import sections
from cases.gates import ACTIVITY, cases_visible_to, get_gated_case
from cases.listing import CASE_LIST, CaseFilterForm, case_sheet
from cases.models import Case
from cases.summary import case_team, summary_band
from lib.access_rules import object_gate, roles
from lib.listing import (
    ListState,
    bound_filters,
    export_too_large,
    keyset_page,
    list_state,
    list_view,
    ordered_rows,
    subjects_of,
)
from lib.spreadsheet import checked_format, download
from meetings.gates import meetings_visible_to
from signals.gates import signals_visible_to


def _case_list(request: HttpRequest, actor: Actor) -> tuple[ListState, CaseFilterForm, bool]:
    visible = cases_visible_to(actor)
    state = list_state(request, CASE_LIST)
    form, valid = bound_filters(request, state, lambda data: CaseFilterForm(data, cases=visible))
    return state, form, valid


def _log_cases(actor: Actor, cases: Sequence[Case], *, name: str, operation: Operation) -> None:
    if cases:
        log_processing(
            activity=ACTIVITY,
            name=name,
            operation=operation,
            actor=actor,
            subjects=subjects_of(cases),
            object_type="case",
        )


@roles(access_roles.CASE_WORKERS)
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    """The cases the actor may see: filters and order kept in the session, keyset pages."""
    actor = request_actor(request)
    state, form, valid = _case_list(request, actor)
    cases = form.apply(cases_visible_to(actor)) if valid else Case.objects.none()
    page = keyset_page(cases.select_related("subject", "municipality"), state)
    _log_cases(actor, page.rows, name="cases.list", operation=Operation.READ)
    may_export_cases = may_export(actor, ExportableList.CASES)
    context = {
        "form": form,
        "cases": page.rows,
        "listing": list_view(
            state, page, export_url=reverse("cases:export") if may_export_cases else ""
        ),
        # Emergency access is for the roles that may use it (access.cases.may_break_glass).
        "offers_break_glass": has_role(actor, access_roles.CASE_DIRECTORS),
    }
    return render(request, "cases/case_list.html", context, status=200 if valid else 400)


@roles(EXPORTERS[ExportableList.CASES])
@require_POST
def case_export_view(request: HttpRequest) -> HttpResponse:
    """The case list as the user last saw it (filters and order from the session), as a file;
    logged per data subject before the file is made."""
    actor = request_actor(request)
    fmt = checked_format(request.POST.get("formaat", ""))
    state, form, _valid = _case_list(request, actor)
    cases = form.apply(cases_visible_to(actor)).select_related("subject", "municipality")
    rows = ordered_rows(cases, state, limit=EXPORT_LIMIT)
    if len(rows) > EXPORT_LIMIT:
        return export_too_large(request, limit=EXPORT_LIMIT, list_url=reverse("cases:list"))
    _log_cases(actor, rows, name="cases.export", operation=Operation.EXPORT)
    return download(case_sheet(rows), stem="casussen", fmt=fmt)


@object_gate
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    # One gate, one gathering of the facts and one processing record for the page: the
    # sections below show the same subject and use what the gate gathered. The summary band
    # at the top counts what the sections show, so it shows nothing they would not.
    gated = get_gated_case(request_actor(request), case_id)
    case = gated.case
    entries = sections.entries_section(gated)
    plan = sections.plan_section(gated)
    tasks = sections.tasks_section(gated)
    extra = sections.extra_section_parts(gated)
    members = list(case.team.filter(removed_at__isnull=True).select_related("organisation"))
    context = {
        "case": case,
        "team": members,
        **case_team(case, members),
        "events": case.events.all(),
        **entries,
        **plan,
        **tasks,
        "summary": summary_band(
            gated.actor,
            case,
            task_rows=cast(Sequence[Any], tasks.get("case_task_rows", [])),
            action_rows=cast(Sequence[Mapping[str, Any]], plan.get("open_action_rows", [])),
            entry_count=len(cast(Sequence[Any], entries["entry_rows"])),
        ),
        "extra_sections": [(part.template, part.context) for part in extra],
        "extra_parts": extra,
        **case_origin(gated.actor, case),
    }
    return render(request, "cases/case_detail.html", context)


def case_origin(actor: Actor, case: Case) -> dict[str, Any]:
    """Where the case came from: the signal it was opened from and the weighing session
    that decided to open it, each only when the reader may open that page themselves (a
    team partner often may not see the signal)."""
    signal_ids = {pk for pk in (case.signal_id, getattr(case.decision, "signal_id", None)) if pk}
    meeting_id = case.decision.meeting_id if case.decision else None
    return {
        "origin_signals": list(signals_visible_to(actor).filter(pk__in=signal_ids).order_by("pk")),
        "origin_meeting": (
            meetings_visible_to(actor).filter(pk=meeting_id).first() if meeting_id else None
        ),
    }
