"""Pages of the weighing session (signaleringsoverleg): plan it, build its agenda, weigh.

Every page fetches its meeting through meetings.gates (404 for "missing" and "not yours");
what each agenda item shows comes from the item's own source, which asks the policy and logs
the reads. Changes are POST-redirect-GET; bad input re-renders with 400, a stale edit with 409.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.facts import Actor
from access.meetings import may_create_meeting, may_manage_meeting
from accounts.models import Membership, Municipality
from lib.access_rules import object_gate, roles
from lib.forms import add_service_errors
from lib.ids import parse_id
from meetings import gates, services
from meetings.agenda import ItemChanged, ItemSummary, source_for
from meetings.forms import MeetingForm, WeighingForm
from meetings.models import AgendaItem, Meeting

LOG_DETAIL = "meetings.read"
LOG_PRINT = "meetings.print"
LOG_ITEM = "meetings.item.read"
LOG_FORM = "meetings.form.read"


def _agenda(actor: Actor, meeting: Meeting, *, log_name: str) -> list[dict[str, Any]]:
    """The agenda as the actor may see it: a summary per item, None for a closed item."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    visible: dict[tuple[str, int], ItemSummary] = {}
    for item_type in sorted({i.item_type for i in items}):
        source = source_for(item_type)
        if source is None:
            continue  # nobody can vouch for the item: it stays closed
        ids = [i.item_id for i in items if i.item_type == item_type]
        described = source.describe(actor=actor, meeting=meeting, item_ids=ids, log_name=log_name)
        visible.update({(item_type, item_id): s for item_id, s in described.items()})
    return [{"item": i, "summary": visible.get((i.item_type, i.item_id))} for i in items]


def _form_page(
    request: HttpRequest,
    actor: Actor,
    form: MeetingForm,
    *,
    meeting: Meeting | None,
    status: int | None = None,
) -> HttpResponse:
    # The form names the region's people who may attend: a read of their staff data.
    gates.log_staff_read(actor, form.offered_user_ids(), name=LOG_FORM)
    context = {"form": form, "meeting": meeting}
    code = status or (400 if form.errors else 200)
    return render(request, "meetings/meeting_form.html", context, status=code)


def _form_values(form: MeetingForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "held_at": data["held_at"],
        "chair": data["chair"],
        "organisations": list(data["organisations"]),
        "people": list(data["people"]),
    }


@roles(access_roles.WEIGHING_PARTICIPANTS)
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    """The actor's weighing sessions: a lead's municipality's, the ones a partner attends.

    Dates and counts only, no names: nothing personal to log.
    """
    actor = request_actor(request)
    visible = gates.meetings_visible_to(actor).select_related("municipality")
    now = timezone.now()
    upcoming = list(visible.filter(held_at__gte=now).order_by("held_at", "id"))
    past, next_cursor = _past_page(visible.filter(held_at__lt=now), request.GET.get("voor"))
    context = {
        "upcoming": upcoming,
        "past": past,
        "next_cursor": next_cursor,
        "may_create": may_create_meeting(actor),
    }
    return render(request, "meetings/meeting_list.html", context)


PAST_PAGE_SIZE = 20


def _past_page(past: QuerySet[Meeting], cursor: str | None) -> tuple[list[Meeting], int | None]:
    """Keyset page of held sessions, newest first. The cursor is the id of the last session
    of the previous page; one that is not a visible session starts at the first page."""
    ordered = past.order_by("-held_at", "-id")
    cursor_id = parse_id(cursor)
    anchor = past.filter(pk=cursor_id).first() if cursor_id is not None else None
    if anchor is not None:
        ordered = ordered.filter(
            Q(held_at__lt=anchor.held_at) | Q(held_at=anchor.held_at, id__lt=anchor.pk)
        )
    rows = list(ordered[: PAST_PAGE_SIZE + 1])
    more = len(rows) > PAST_PAGE_SIZE
    page = rows[:PAST_PAGE_SIZE]
    return page, page[-1].pk if more else None


@roles(access_roles.LEAD)
@require_http_methods(["GET", "POST"])
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not may_create_meeting(actor):
        raise Http404
    municipality = Municipality.objects.filter(pk=actor.municipality_id or 0).first()
    if municipality is None:
        raise Http404
    initial = {
        "chair": actor.user_id,
        "organisations": [actor.organisation_id],
    }
    form = MeetingForm(request.POST or None, municipality=municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=actor, municipality=municipality, **_form_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The weighing session has been planned."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return _form_page(request, actor, form, meeting=None)


@object_gate
@require_http_methods(["GET", "POST"])
def meeting_edit_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = gates.get_meeting_for_user(actor, meeting_id, manage=True)
    attendees = list(meeting.attendees.all())
    named = {(a.organisation_id, a.user_id) for a in attendees if a.user_id}
    people = [
        m.pk
        for m in Membership.objects.current().filter(user_id__in={u for _o, u in named})
        if (m.organisation_id, m.user_id) in named
    ]
    initial = {
        "held_at": timezone.localtime(meeting.held_at),
        "chair": meeting.chair_id,
        "organisations": sorted({a.organisation_id for a in attendees}),
        "people": people,
        "version": meeting.version,
    }
    form = MeetingForm(request.POST or None, municipality=meeting.municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=actor,
                meeting=meeting,
                version=form.cleaned_data["version"] or 0,
                **_form_values(form),
            )
        except services.MeetingChanged:
            form.add_error(
                None,
                _(
                    "Someone else changed this session after you opened it. Nothing was "
                    "saved; open it again to see the current version."
                ),
            )
            return _form_page(request, actor, form, meeting=meeting, status=409)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The weighing session has been saved."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return _form_page(request, actor, form, meeting=meeting)


@object_gate
def meeting_detail_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = gates.get_meeting_for_user(actor, meeting_id, log_name=LOG_DETAIL)
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.all(),
        "missing": services.missing_core_kinds(meeting),
        "agenda": _agenda(actor, meeting, log_name=LOG_DETAIL),
        "may_manage": may_manage_meeting(actor, gates.meeting_facts(meeting)),
    }
    return render(request, "meetings/meeting_detail.html", context)


@object_gate
@require_POST
def agenda_build_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = gates.get_meeting_for_user(actor, meeting_id, manage=True)
    change = services.agenda_build(meeting, actor=actor)
    if change.added or change.removed:
        messages.success(
            request,
            _("The agenda has been brought up to date: %(added)s added, %(removed)s removed.")
            % {"added": change.added, "removed": change.removed},
        )
    else:
        messages.info(request, _("The agenda was already up to date."))
    return redirect("meetings:detail", meeting_id=meeting.pk)


def _item_page(
    request: HttpRequest,
    actor: Actor,
    meeting: Meeting,
    item: AgendaItem,
    form: WeighingForm,
    *,
    status: int | None = None,
) -> HttpResponse:
    source = source_for(item.item_type)
    assert source is not None  # checked by the view
    described = source.describe(
        actor=actor, meeting=meeting, item_ids=[item.item_id], log_name=LOG_ITEM
    )
    summary = described.get(item.item_id)
    if summary is None:
        raise Http404
    if not form.is_bound:
        form.initial["version"] = summary.version
    context = {
        "meeting": meeting,
        "item": item,
        "summary": summary,
        "form": form,
    }
    code = status or (400 if form.errors else 200)
    return render(request, "meetings/item_decision.html", context, status=code)


@object_gate
@require_http_methods(["GET", "POST"])
def item_decision_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """GET shows the item and the weighing form (or its decision); POST records the decision."""
    actor = request_actor(request)
    meeting = gates.get_meeting_for_user(actor, meeting_id, manage=True)
    item = gates.get_agenda_item(meeting, item_id)
    source = source_for(item.item_type)
    if source is None or source.decide is None:
        raise Http404
    day = timezone.localtime(meeting.held_at).date()
    form = WeighingForm(
        request.POST or None, meeting_day=day, region_id=meeting.municipality.region_id
    )
    if request.method != "POST" or not form.is_valid():
        return _item_page(request, actor, meeting, item, form)
    try:
        decision = source.decide(
            actor=actor,
            user=request_user(request),
            meeting=meeting,
            item_id=item.item_id,
            data=form.weighing_input(),
            version=form.cleaned_data["version"],
        )
    except ItemChanged:
        form.add_error(
            None,
            _(
                "Someone else changed this signal after you opened it. Nothing was saved; "
                "open the item again to see its current state."
            ),
        )
        return _item_page(request, actor, meeting, item, form, status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _item_page(request, actor, meeting, item, form)
    if decision.retention_until:
        messages.success(
            request,
            _("The decision has been recorded: %(outcome)s. The signal is kept until %(day)s.")
            % {
                "outcome": decision.outcome_label,
                "day": date_format(decision.retention_until, "SHORT_DATE_FORMAT"),
            },
        )
    else:
        messages.success(
            request,
            _("The decision has been recorded: %(outcome)s.") % {"outcome": decision.outcome_label},
        )
    return redirect("meetings:detail", meeting_id=meeting.pk)


@object_gate
def meeting_print_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Agenda and decisions for printing: only what the viewer may see; the rest is closed."""
    actor = request_actor(request)
    meeting = gates.get_meeting_for_user(actor, meeting_id, log_name=LOG_PRINT)
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.all(),
        "agenda": _agenda(actor, meeting, log_name=LOG_PRINT),
        "printed_at": timezone.now(),
    }
    return render(request, "meetings/meeting_print.html", context)
