"""Pages of the case conference (casusoverleg), at /casusoverleggen/.

A conference comes through conferences.gates (404 for "missing" and "not yours"). Its
agenda shows each viewer only the cases they may see; the rest is a "closed item" (besloten
punt): the number, nothing else. An agenda item's own page fetches the case through the case
gate, so a closed item is a 404 there, whatever id is guessed. Changes are POST-redirect-GET;
bad input re-renders with 400, a stale edit with 409 and the other person's change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.cases import (
    may_chair_conference,
)
from access.facts import Actor
from access.meetings import may_create_conference
from accounts.models import Municipality
from cases.entry_gates import versions_of
from cases.gates import case_facts
from cases.models import Action, Case, ConferenceDecision
from conferences import services
from conferences.agenda import SOURCE
from conferences.forms import ConferenceForm, VersionForm
from conferences.gates import (
    log_minutes_read,
    visible_minutes,
)
from lib.access_rules import object_gate, roles
from lib.forms import add_service_errors
from lib.ids import parse_id
from lib.versioned_edit import VersionedEdit, versioned_edit
from meetings.conferences import (
    conference_facts,
    conferences_visible_to,
    get_conference_for_user,
    log_staff_read,
    minutes_closed,
)
from meetings.models import AgendaItem, Meeting

LOG_DETAIL = "cases.conference.read"
LOG_ITEM = "cases.conference.item.read"
LOG_PRINT = "cases.conference.print"
LOG_MINUTES = "cases.conference.minutes.read"
PAGE_SIZE = 25


# --- Helpers. ---


def _agenda(actor: Actor, meeting: Meeting, *, log_name: str) -> list[dict[str, Any]]:
    """The agenda as the actor may see it: a summary per item, None for a closed item."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    ids = [i.item_id for i in items if i.item_type == SOURCE.item_type]
    described = SOURCE.describe(actor=actor, meeting=meeting, item_ids=ids, log_name=log_name)
    return [
        {
            "item": item,
            "summary": described.get(item.item_id) if item.item_type == SOURCE.item_type else None,
        }
        for item in items
    ]


def _page(before: str | None, conferences: QuerySet[Meeting]) -> tuple[list[Meeting], int | None]:
    """Newest first, keyset-paged: ``before`` is the id of the last one of the previous page."""
    ordered = conferences.order_by("-held_at", "-id")
    before_id = parse_id(before)
    anchor = conferences.filter(pk=before_id).first() if before_id is not None else None
    if anchor is not None:
        ordered = ordered.filter(
            Q(held_at__lt=anchor.held_at) | Q(held_at=anchor.held_at, id__lt=anchor.pk)
        )
    rows = list(ordered.select_related("municipality")[: PAGE_SIZE + 1])
    page = rows[:PAGE_SIZE]
    return page, page[-1].pk if len(rows) > PAGE_SIZE else None


def _municipalities_for(actor: Actor) -> list[Municipality]:
    """The municipalities of the region the actor may plan a conference for (the rule)."""
    region = Municipality.objects.filter(region_id=actor.region_id).order_by("name")
    return [
        m
        for m in region
        if may_create_conference(actor, municipality_id=m.pk, region_id=m.region_id)
    ]


# --- List and planning. ---


@roles(access_roles.CASE_WORKERS)
@require_GET
def conference_list_view(request: HttpRequest) -> HttpResponse:
    """Dates and municipalities only, no names: nothing personal to log."""
    actor = request_actor(request)
    conferences, next_before = _page(request.GET.get("voor"), conferences_visible_to(actor))
    context = {
        "conferences": conferences,
        "next_before": next_before,
        "may_create": bool(_municipalities_for(actor)),
    }
    return render(request, "conferences/list.html", context)


@roles(access_roles.CASE_DIRECTORS)
@require_http_methods(["GET", "POST"])
def conference_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    municipalities = _municipalities_for(actor)
    if not municipalities:
        raise Http404
    form = ConferenceForm(
        request.POST or None,
        municipalities=municipalities,
        region_id=actor.region_id,
        initial={
            "municipality": municipalities[0].pk,
            "chair": actor.user_id,
            "organisations": [actor.organisation_id],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.conference_create(
                actor=actor,
                municipality=data["municipality"],
                held_at=data["held_at"],
                chair=data["chair"],
                organisations=list(data["organisations"]),
                people=list(data["people"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case conference has been planned."))
            return redirect("conferences:detail", meeting_id=meeting.pk)
    log_staff_read(actor, form.offered_user_ids(), name="cases.conference.form.read")
    return render(
        request, "conferences/form.html", {"form": form}, status=400 if form.errors else 200
    )


# --- One conference. ---


def _detail_page(
    request: HttpRequest,
    actor: Actor,
    meeting: Meeting,
    *,
    status: int = 200,
    conflict: bool = False,
) -> HttpResponse:
    facts = conference_facts(meeting)
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.all(),
        "agenda": _agenda(actor, meeting, log_name=LOG_DETAIL),
        "is_chair": may_chair_conference(actor, facts),
        "closed": minutes_closed(meeting),
        "close_form": VersionForm(initial={"version": meeting.version}),
        "conflict": conflict,
    }
    return render(request, "conferences/detail.html", context, status=status)


@object_gate
@require_GET
def conference_detail_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id, log_name=LOG_DETAIL)
    return _detail_page(request, actor, meeting)


@object_gate
@require_POST
def conference_agenda_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id, chair=True)
    try:
        change = services.conference_agenda_build(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("conferences:detail", meeting_id=meeting.pk)
    messages.success(
        request,
        _("The agenda has been brought up to date: %(added)s added, %(removed)s removed.")
        % {"added": change.added, "removed": change.removed},
    )
    return redirect("conferences:detail", meeting_id=meeting.pk)


@object_gate
@require_POST
def conference_close_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id, chair=True)

    def close(form: VersionForm) -> ValidationError | None:
        # A refusal (not the chair, already closed) is a message on the conference page,
        # not a form error: a form that only carries the version has nothing to correct.
        try:
            services.minutes_close(
                actor=actor,
                user=request_user(request),
                meeting=meeting,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            return error
        return None

    def page(_form: VersionForm, status: int, conflict: bool) -> HttpResponse:
        # Nothing typed to keep: the page offers closing on the conference as it is now.
        if conflict:
            meeting.refresh_from_db()
        return _detail_page(request, actor, meeting, status=status, conflict=conflict)

    def done(refusal: ValidationError | None) -> HttpResponse:
        if refusal is None:
            messages.success(request, _("The minutes have been closed; they are now final."))
        else:
            messages.error(request, " ".join(refusal.messages))
        return redirect("conferences:detail", meeting_id=meeting.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=VersionForm,
            current_version=lambda: Meeting.objects.values_list("version", flat=True).get(
                pk=meeting.pk
            ),
            save=close,
            page=page,
            done=done,
        ),
    )


# --- One agenda item. ---


@object_gate
@require_GET
def conference_print_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The minutes for printing: only what the viewer may see; the rest is a closed item."""
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id, log_name=LOG_PRINT)
    agenda = _agenda(actor, meeting, log_name=LOG_PRINT)
    shown = [row for row in agenda if row["summary"] is not None]
    cases = {c.pk: c for c in Case.objects.filter(pk__in=[r["item"].item_id for r in shown])}
    for row in shown:
        case = cases[row["item"].item_id]
        facts = case_facts(case)
        entries = visible_minutes(actor, case, row["item"], facts)
        log_minutes_read(actor, case, entries, name=LOG_PRINT, facts=facts)
        versions = versions_of(entries)
        row["minutes"] = [
            {"entry": e, "current": versions[e.pk][-1] if versions.get(e.pk) else None}
            for e in entries
        ]
        row["decisions"] = ConferenceDecision.objects.filter(agenda_item=row["item"]).order_by(
            "decided_at", "id"
        )
        row["actions"] = (
            Action.objects.filter(agenda_item=row["item"])
            .select_related("owner", "owner_organisation")
            .order_by("due_on", "id")
        )
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.all(),
        "agenda": agenda,
        "printed_at": timezone.now(),
    }
    return render(request, "conferences/print.html", context)
