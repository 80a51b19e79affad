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
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.cases import (
    may_chair_conference,
)
from access.exports import EXPORT_LIMIT, EXPORTERS, ExportableList, may_export
from access.facts import Actor
from access.meetings import may_create_conference
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from cases.entry_gates import versions_of
from cases.gates import ACTIVITY, case_facts
from cases.models import Action, Case, ConferenceDecision
from conferences import services
from conferences.agenda import SOURCE
from conferences.forms import ConferenceForm, VersionForm
from conferences.gates import (
    log_minutes_read,
    visible_minutes,
)
from conferences.listing import CONFERENCE_LIST, ConferenceFilterForm, conference_sheet
from lib.access_rules import object_gate, roles
from lib.forms import add_service_errors
from lib.listing import (
    ListState,
    bound_filters,
    export_too_large,
    keyset_page,
    list_state,
    list_view,
    ordered_rows,
)
from lib.spreadsheet import checked_format, download
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


def _municipalities_for(actor: Actor) -> list[Municipality]:
    """The municipalities of the region the actor may plan a conference for (the rule)."""
    region = Municipality.objects.filter(region_id=actor.region_id).order_by("name")
    return [
        m
        for m in region
        if may_create_conference(actor, municipality_id=m.pk, region_id=m.region_id)
    ]


# --- List and planning. ---


def _conference_list(
    request: HttpRequest, visible: QuerySet[Meeting]
) -> tuple[ListState, ConferenceFilterForm, bool]:
    state = list_state(request, CONFERENCE_LIST)
    form, valid = bound_filters(
        request, state, lambda data: ConferenceFilterForm(data, conferences=visible)
    )
    return state, form, valid


@roles(access_roles.CASE_WORKERS)
@require_GET
def conference_list_view(request: HttpRequest) -> HttpResponse:
    """Dates and municipalities only, no names: nothing personal to log."""
    actor = request_actor(request)
    visible = conferences_visible_to(actor)
    state, form, valid = _conference_list(request, visible)
    conferences = form.apply(visible, now=timezone.now()) if valid else Meeting.objects.none()
    page = keyset_page(conferences.select_related("municipality"), state)
    may_export_list = may_export(actor, ExportableList.CONFERENCES)
    context = {
        "form": form,
        "conferences": page.rows,
        "listing": list_view(
            state, page, export_url=reverse("conferences:export") if may_export_list else ""
        ),
        "may_create": bool(_municipalities_for(actor)),
    }
    return render(request, "conferences/list.html", context, status=200 if valid else 400)


@roles(EXPORTERS[ExportableList.CONFERENCES])
@require_POST
def conference_export_view(request: HttpRequest) -> HttpResponse:
    """The conference list as last seen, as a file. It names the chairs (colleagues), so it
    is logged with them as its data subjects."""
    actor = request_actor(request)
    fmt = checked_format(request.POST.get("formaat", ""))
    visible = conferences_visible_to(actor)
    state, form, _valid = _conference_list(request, visible)
    conferences = form.apply(visible, now=timezone.now()).select_related("municipality", "chair")
    rows = ordered_rows(conferences, state, limit=EXPORT_LIMIT)
    if len(rows) > EXPORT_LIMIT:
        return export_too_large(request, limit=EXPORT_LIMIT, list_url=reverse("conferences:list"))
    chairs = sorted({f"user:{meeting.chair_id}" for meeting in rows})
    log_processing(
        activity=ACTIVITY,
        name="cases.conference.export",
        operation=Operation.EXPORT,
        actor=actor,
        subjects=chairs,
        object_type="meeting",
    )
    return download(conference_sheet(rows), stem="casusoverleggen", fmt=fmt)


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
            # The conference page it leads to warns if the police or the OM is missing.
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
        "missing": services.missing_justice_partners(meeting),
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
