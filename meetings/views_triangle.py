"""Pages of the triangle meeting (driehoeksoverleg): plan it, bring its agenda of escalations
up to date, put one escalation on the next meeting's agenda, record the triangle's decision.

Every page fetches its meeting through meetings.triangle.get_triangle_for_user (404 for
"missing" and "not yours"). Each agenda item says where it comes from (a weighing session or
a case conference, and its date) to everyone who may see the meeting; its source adds a link
to the signal or case only for a viewer their own gate admits, and logs that read.
Changes are POST-redirect-GET; bad input re-renders with 400 and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.facts import Actor
from access.meetings import may_manage_triangle, may_plan_triangle, may_record_triangle_decision
from accounts.models import Municipality
from lib.access_rules import object_gate, roles
from lib.forms import add_service_errors
from lib.ids import parse_id
from meetings import services
from meetings import triangle as tri
from meetings.agenda import ItemSummary, source_for
from meetings.forms_triangle import TriangleDecisionForm, TriangleForm
from meetings.models import AgendaItem, Meeting, TriangleDecision

LOG_DETAIL = "meetings.triangle.read"
LOG_ITEM = "meetings.triangle.item.read"
LOG_FORM = "meetings.triangle.form.read"


def _agenda(actor: Actor, meeting: Meeting, *, log_name: str) -> list[dict[str, Any]]:
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("triangle_decision")
        .order_by("position", "id")
    )
    described: dict[tuple[str, int], ItemSummary] = {}
    for item_type in sorted({i.item_type for i in items}):
        source = source_for(item_type)
        if source is None:
            continue
        ids = [i.item_id for i in items if i.item_type == item_type]
        found = source.describe(actor=actor, meeting=meeting, item_ids=ids, log_name=log_name)
        described.update({(item_type, item_id): s for item_id, s in found.items()})
    return [
        {
            "item": i,
            "summary": described.get((i.item_type, i.item_id)),
            "decision": getattr(i, "triangle_decision", None),
        }
        for i in items
    ]


@roles(access_roles.TRIANGLE_PARTICIPANTS)
def triangle_list_view(request: HttpRequest) -> HttpResponse:
    """The actor's triangle meetings: dates only, nothing personal to log."""
    actor = request_actor(request)
    visible = tri.triangles_visible_to(actor).select_related("municipality")
    now = timezone.now()
    context = {
        "upcoming": list(visible.filter(held_at__gte=now).order_by("held_at", "id")),
        "past": list(visible.filter(held_at__lt=now).order_by("-held_at", "-id")[:20]),
        "may_create": actor.municipality_id is not None
        and may_plan_triangle(actor, municipality_id=actor.municipality_id),
    }
    return render(request, "meetings/triangle_list.html", context)


@roles(access_roles.TRIANGLE_PLANNERS)
@require_http_methods(["GET", "POST"])
def triangle_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    municipality = Municipality.objects.filter(pk=actor.municipality_id or 0).first()
    if municipality is None or not may_plan_triangle(actor, municipality_id=municipality.pk):
        raise Http404
    organisations = tri.triangle_organisations(municipality)
    initial = {
        "organisations": [o.pk for o in organisations],
        "chair": actor.user_id if tri.is_chair_candidate(actor, municipality) else None,
    }
    form = TriangleForm(request.POST or None, municipality=municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = tri.triangle_create(
                actor=actor,
                municipality=municipality,
                held_at=form.cleaned_data["held_at"],
                chair=form.cleaned_data["chair"],
                organisations=list(form.cleaned_data["organisations"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The triangle meeting has been planned."))
            return redirect("meetings:triangle_detail", meeting_id=meeting.pk)
    # The form names the mayor's office's people who may chair: a read of their staff data.
    tri.log_staff_read(actor, form.offered_user_ids(), name=LOG_FORM)
    status = 400 if form.errors else 200
    return render(request, "meetings/triangle_form.html", {"form": form}, status=status)


@object_gate
def triangle_detail_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = tri.get_triangle_for_user(actor, meeting_id, log_name=LOG_DETAIL)
    facts = tri.triangle_facts(meeting)
    context = {
        "meeting": meeting,
        "attendees": meeting.attendees.all(),
        "missing": services.missing_core_kinds(meeting),
        "agenda": _agenda(actor, meeting, log_name=LOG_DETAIL),
        "may_manage": may_manage_triangle(actor, facts),
        "may_record": may_record_triangle_decision(actor, facts),
    }
    return render(request, "meetings/triangle_detail.html", context)


@object_gate
@require_POST
def triangle_agenda_build_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = tri.get_triangle_for_user(actor, meeting_id, manage=True)
    change = services.agenda_build(meeting, actor=actor)
    if change.added or change.removed:
        messages.success(
            request,
            _("The agenda has been brought up to date: %(added)s added, %(removed)s removed.")
            % {"added": change.added, "removed": change.removed},
        )
    else:
        messages.info(request, _("The agenda was already up to date."))
    return redirect("meetings:triangle_detail", meeting_id=meeting.pk)


@roles(access_roles.TRIANGLE_PLANNERS)
@require_POST
def triangle_schedule_view(request: HttpRequest) -> HttpResponse:
    """Puts one escalation on the agenda of the municipality's next triangle meeting (the
    button on the mayor's dashboard)."""
    actor = request_actor(request)
    if actor.municipality_id is None:
        raise Http404
    item_type = request.POST.get("item_type", "")
    item_id = parse_id(request.POST.get("item_id"))
    upcoming = tri.next_triangle(actor.municipality_id)
    if upcoming is None:
        messages.error(request, _("No triangle meeting is planned yet: plan one first."))
        return redirect("dashboards:mayor")
    meeting = tri.get_triangle_for_user(actor, upcoming.pk, manage=True)
    if item_type not in tri.ESCALATION_TYPES or item_id is None:
        messages.error(request, _("This escalation does not await this triangle meeting."))
        return redirect("dashboards:mayor")
    try:
        tri.triangle_agenda_add(actor=actor, meeting=meeting, item_type=item_type, item_id=item_id)
    except ValidationError:
        messages.error(request, _("This escalation does not await this triangle meeting."))
        return redirect("dashboards:mayor")
    messages.success(request, _("The escalation is on the agenda of the triangle meeting."))
    return redirect("meetings:triangle_detail", meeting_id=meeting.pk)


def _item_page(
    request: HttpRequest,
    actor: Actor,
    meeting: Meeting,
    item: AgendaItem,
    form: TriangleDecisionForm,
) -> HttpResponse:
    source = source_for(item.item_type)
    if source is None:
        raise Http404
    summary = source.describe(
        actor=actor, meeting=meeting, item_ids=[item.item_id], log_name=LOG_ITEM
    ).get(item.item_id)
    if summary is None:
        raise Http404
    decision = TriangleDecision.objects.filter(agenda_item=item).first()
    context = {
        "meeting": meeting,
        "item": item,
        "summary": summary,
        "decision": decision,
        "form": form,
        "may_record": may_record_triangle_decision(actor, tri.triangle_facts(meeting)),
    }
    status = 400 if form.errors else 200
    return render(request, "meetings/triangle_item.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def triangle_item_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """GET shows the escalation (and its decision); POST records the decision (the mayor's
    office only)."""
    actor = request_actor(request)
    record = request.method == "POST"
    meeting = tri.get_triangle_for_user(actor, meeting_id, record=record)
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None or item.item_type not in tri.ESCALATION_TYPES:
        raise Http404
    form = TriangleDecisionForm(request.POST or None)
    if not record or not form.is_valid():
        return _item_page(request, actor, meeting, item, form)
    try:
        decision = tri.triangle_decide(
            actor=actor,
            user=request_user(request),
            meeting=meeting,
            item=item,
            data=form.triangle_input(),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _item_page(request, actor, meeting, item, form)
    messages.success(
        request,
        _("The decision has been recorded: %(outcome)s.")
        % {"outcome": decision.get_kind_display()},
    )
    return redirect("meetings:triangle_detail", meeting_id=meeting.pk)
