"""Case pages (issue 4, first part): the list and a read-only case page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.roles import has_role
from audit.models import Operation
from audit.services import log_processing
from cases import sections
from cases.gates import ACTIVITY, cases_visible_to, get_gated_case
from cases.models import Case
from cases.summary import case_team, summary_band
from lib.access_rules import object_gate, roles
from lib.ids import parse_id
from meetings.gates import meetings_visible_to
from signals.gates import signals_visible_to

PAGE_SIZE = 25


@roles(access_roles.CASE_WORKERS)
def case_list_view(request: HttpRequest) -> HttpResponse:
    """The cases the actor may see, newest first, keyset-paged by id (``?na=<id>``)."""
    actor = request_actor(request)
    cases = cases_visible_to(actor).select_related("subject", "municipality").order_by("-id")
    after = parse_id(request.GET.get("na", ""))
    if after is not None:
        cases = cases.filter(id__lt=after)
    rows = list(cases[: PAGE_SIZE + 1])
    page = rows[:PAGE_SIZE]
    if page:
        log_processing(
            activity=ACTIVITY,
            name="cases.list",
            operation=Operation.READ,
            actor=actor,
            subjects=sorted({f"subject:{case.subject_id}" for case in page}),
            object_type="case",
        )
    context = {
        "cases": page,
        "next_after": page[-1].pk if len(rows) > PAGE_SIZE else None,
        # Emergency access is for the roles that may use it (access.cases.may_break_glass).
        "offers_break_glass": has_role(actor, access_roles.CASE_DIRECTORS),
    }
    return render(request, "cases/case_list.html", context)


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
