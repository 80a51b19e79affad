"""The pages of one agenda item of a case conference: the case as the viewer may see it, its
minutes (added, confirmed by their source organisation, corrected as new versions), the
structured decision and the actions agreed there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.actor import request_actor, request_user
from access.cases import (
    may_agree_plan,
    may_chair_conference,
    may_confirm_minutes,
    may_create_action,
    may_record_minutes,
    may_view_case,
)
from access.entries import may_correct_entry
from access.facts import Actor, CaseFacts
from access.refusal import refused
from cases.actions import action_create, owner_choices
from cases.entries import source_choices
from cases.entry_gates import entry_facts as entry_policy_facts
from cases.entry_gates import versions_of
from cases.forms_plan import ActionForm
from cases.gates import case_facts, get_case_for_user
from cases.models import Action, Case, CaseEntry, ConferenceDecision
from conferences import services
from conferences.forms import CorrectionForm, DecisionForm, MinutesForm, VersionForm
from conferences.gates import (
    get_agenda_item,
    get_minutes_for_user,
    log_minutes_read,
    visible_minutes,
)
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, versioned_edit
from meetings.conferences import (
    MinutesClosed,
    conference_facts,
    get_conference_for_user,
    item_conference,
    log_staff_read,
    minutes_closed,
)
from meetings.models import AgendaItem, Meeting

LOG_ITEM = "cases.conference.item.read"
LOG_MINUTES = "cases.conference.minutes.read"


def _item_case(actor: Actor, meeting: Meeting, item_id: int) -> tuple[AgendaItem, Case]:
    """The agenda item and its case, through the case gate (read logged): a closed item is a
    404 here."""
    item = get_agenda_item(meeting, item_id)
    case = get_case_for_user(actor, item.item_id)
    if case.municipality_id != meeting.municipality_id:
        raise Http404
    return item, case


def _minutes_rows(
    actor: Actor, case: Case, facts: CaseFacts, entries: list[CaseEntry]
) -> list[dict[str, Any]]:
    versions = versions_of(entries)
    rows = []
    for entry in entries:
        history = versions.get(entry.pk, [])
        rows.append(
            {
                "entry": entry,
                "current": history[-1] if history else None,
                "history": history[:-1],
                "may_confirm": entry.confirmed_at is None
                and may_confirm_minutes(
                    actor, facts, source_organisation_id=entry.source_organisation_id
                ),
                "may_correct": may_correct_entry(actor, entry_policy_facts(entry, facts)),
            }
        )
    return rows


def _item_page(
    request: HttpRequest,
    actor: Actor,
    meeting: Meeting,
    item: AgendaItem,
    case: Case,
    *,
    minutes_form: MinutesForm | None = None,
    decision_form: DecisionForm | None = None,
    action_form: ActionForm | None = None,
    status: int | None = None,
    conflict_entry: CaseEntry | None = None,
) -> HttpResponse:
    # The conference's and the case's facts, gathered once for the whole page. The item is
    # this conference's agenda item for this case (_item_case), so the chair's part in the
    # case is judged on this conference.
    facts = conference_facts(meeting)
    case_view = case_facts(case)
    open_minutes = not minutes_closed(meeting)
    entries = visible_minutes(actor, case, item, case_view)
    log_minutes_read(actor, case, entries, name=LOG_MINUTES, facts=case_view)
    context: dict[str, Any] = {
        "meeting": meeting,
        "item": item,
        "case": case,
        "closed": not open_minutes,
        "minutes_rows": _minutes_rows(actor, case, case_view, entries),
        "decisions": ConferenceDecision.objects.filter(agenda_item=item)
        .select_related("decided_by")
        .order_by("decided_at", "id"),
        "actions": Action.objects.filter(agenda_item=item)
        .select_related("owner", "owner_organisation")
        .order_by("due_on", "id"),
        "conflict_entry": conflict_entry,
        "conflict_version": (
            conflict_entry.versions.select_related("author").order_by("-number").first()
            if conflict_entry
            else None
        ),
    }
    if open_minutes:
        if may_record_minutes(actor, facts, case_view):
            context["minutes_form"] = minutes_form or MinutesForm(
                sources=source_choices(actor, case, case_view),
                prefix="minutes",
                initial={"source_organisation": actor.organisation_id},
            )
        if may_chair_conference(actor, facts) and may_view_case(actor, case_view):
            context["decision_form"] = decision_form or DecisionForm(prefix="decision")
        if may_create_action(actor, case_view, conference=facts):
            form = action_form or ActionForm(owners=owner_choices(case), prefix="action")
            context["action_form"] = form
            log_staff_read(
                actor,
                {m.user_id for m in form.fields["owner"].queryset},  # type: ignore[attr-defined]
                name="cases.actions.form",
            )
        context["may_agree_plan"] = may_agree_plan(actor, case_view, conference=facts)
    bound = [f for f in (minutes_form, decision_form, action_form) if f is not None]
    code = status or (400 if any(f.errors for f in bound) else 200)
    return render(request, "conferences/item.html", context, status=code)


@object_gate
@require_GET
def conference_item_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id, log_name=LOG_ITEM)
    item, case = _item_case(actor, meeting, item_id)
    return _item_page(request, actor, meeting, item, case)


def _closed_refusal(request: HttpRequest, meeting: Meeting, item: AgendaItem) -> HttpResponse:
    messages.error(request, _("The minutes of this conference are closed; nothing was changed."))
    return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)


@object_gate
@require_POST
def conference_minutes_add_view(
    request: HttpRequest, meeting_id: int, item_id: int
) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id)
    item, case = _item_case(actor, meeting, item_id)
    case_view = case_facts(case)
    if not may_record_minutes(actor, conference_facts(meeting), case_view):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    form = MinutesForm(
        request.POST, sources=source_choices(actor, case, case_view), prefix="minutes"
    )
    if not form.is_valid():
        return _item_page(request, actor, meeting, item, case, minutes_form=form)
    try:
        services.minutes_add(
            actor=actor,
            user=request_user(request),
            meeting=meeting,
            item=item,
            case=case,
            category=form.cleaned_data["category"],
            source_organisation=form.cleaned_data["source_organisation"],
            legal_basis=form.cleaned_data["legal_basis"],
            text=form.cleaned_data["text"],
        )
    except MinutesClosed:
        return _closed_refusal(request, meeting, item)
    except ValidationError as error:
        add_service_errors(form, error)
        return _item_page(request, actor, meeting, item, case, minutes_form=form)
    messages.success(request, _("The contribution has been added to the minutes."))
    return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)


@object_gate
@require_POST
def conference_decision_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id, chair=True)
    item, case = _item_case(actor, meeting, item_id)
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        return _item_page(request, actor, meeting, item, case, decision_form=form)
    try:
        services.decision_record(
            actor=actor,
            user=request_user(request),
            meeting=meeting,
            item=item,
            case=case,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
    except MinutesClosed:
        return _closed_refusal(request, meeting, item)
    except ValidationError as error:
        add_service_errors(form, error)
        return _item_page(request, actor, meeting, item, case, decision_form=form)
    messages.success(request, _("The decision has been recorded."))
    return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)


@object_gate
@require_POST
def conference_action_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id)
    item, case = _item_case(actor, meeting, item_id)
    if not may_create_action(actor, case_facts(case), conference=item_conference(case.pk, item)):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    form = ActionForm(request.POST, owners=owner_choices(case), prefix="action")
    if not form.is_valid():
        return _item_page(request, actor, meeting, item, case, action_form=form)
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
            agenda_item=item,
        )
    except MinutesClosed:
        return _closed_refusal(request, meeting, item)
    except ValidationError as error:
        add_service_errors(form, error)
        return _item_page(request, actor, meeting, item, case, action_form=form)
    messages.success(request, _("The action has been agreed; its owner has a task."))
    return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)


# --- Confirming and correcting minutes. ---


def _entry_item(meeting: Meeting, entry: CaseEntry) -> AgendaItem:
    item = entry.agenda_item
    if item is None or item.meeting_id != meeting.pk:
        raise Http404
    return item


@object_gate
@require_POST
def conference_minutes_confirm_view(
    request: HttpRequest, meeting_id: int, entry_id: int
) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id)
    entry = get_minutes_for_user(actor, meeting, entry_id)
    item = _entry_item(meeting, entry)
    case = entry.case
    if not may_confirm_minutes(
        actor, case_facts(case), source_organisation_id=entry.source_organisation_id
    ):
        raise Http404

    def confirm(form: VersionForm) -> ValidationError | None:
        # A refusal (closed minutes, already confirmed) is a message on the item page, not a
        # form error: a form that only carries the version has nothing to correct.
        try:
            services.minutes_confirm(
                actor=actor,
                user=request_user(request),
                entry=entry,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            return error
        return None

    def page(_form: VersionForm, status: int, conflict: bool) -> HttpResponse:
        # Only a POST comes here: an incomplete form, or a text corrected meanwhile (the
        # page shows that correction, with a confirm button on the current version).
        if not conflict:
            messages.error(request, _("Open the item again and confirm there."))
            return _item_page(request, actor, meeting, item, case, status=status)
        entry.refresh_from_db()
        return _item_page(request, actor, meeting, item, case, status=status, conflict_entry=entry)

    def done(refusal: ValidationError | None) -> HttpResponse:
        if isinstance(refusal, MinutesClosed):
            return _closed_refusal(request, meeting, item)
        if refusal is None:
            messages.success(request, _("You have confirmed your organisation's contribution."))
        else:
            messages.error(request, " ".join(refusal.messages))
        return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=VersionForm,
            current_version=lambda: _version_now(entry),
            save=confirm,
            page=page,
            done=done,
        ),
    )


def _version_now(entry: CaseEntry) -> int:
    return CaseEntry.objects.values_list("version", flat=True).get(pk=entry.pk)


def _correct_page(
    request: HttpRequest,
    meeting: Meeting,
    item: AgendaItem,
    entry: CaseEntry,
    form: CorrectionForm,
    *,
    status: int,
    conflict: bool,
) -> HttpResponse:
    history = list(entry.versions.select_related("author").order_by("number"))
    # The gate's write path does not log; this page shows the text, so it is a read.
    log_minutes_read(request_actor(request), entry.case, [entry], name=LOG_MINUTES)
    context = {
        "meeting": meeting,
        "item": item,
        "entry": entry,
        "current": history[-1] if history else None,
        "history": history,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "conferences/minutes_correct.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def conference_minutes_correct_view(
    request: HttpRequest, meeting_id: int, entry_id: int
) -> HttpResponse:
    actor = request_actor(request)
    meeting = get_conference_for_user(actor, meeting_id)
    entry = get_minutes_for_user(actor, meeting, entry_id, write=True)
    item = _entry_item(meeting, entry)
    if minutes_closed(meeting):
        return _closed_refusal(request, meeting, item)

    def form(data: QueryDict | None) -> CorrectionForm:
        if data is not None:
            return CorrectionForm(data)
        current = entry.versions.order_by("-number").first()
        return CorrectionForm(
            initial={"text": current.text if current else "", "version": entry.version}
        )

    def correct(form: CorrectionForm) -> MinutesClosed | None:
        try:
            services.minutes_correct(
                actor=actor,
                user=request_user(request),
                entry=entry,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except MinutesClosed as closed:
            # Closed between the check above and the save: the same refusal as there.
            return closed
        return None

    def page(form: CorrectionForm, status: int, conflict: bool) -> HttpResponse:
        if conflict:
            entry.refresh_from_db()  # the page shows the other person's correction
        return _correct_page(request, meeting, item, entry, form, status=status, conflict=conflict)

    def done(closed: MinutesClosed | None) -> HttpResponse:
        if closed is not None:
            return _closed_refusal(request, meeting, item)
        messages.success(
            request, _("The minutes have been corrected; the earlier text stays visible.")
        )
        return redirect("conferences:item", meeting_id=meeting.pk, item_id=item.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _version_now(entry),
            save=correct,
            page=page,
            done=done,
        ),
    )


# --- Print. ---
