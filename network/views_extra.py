"""Pages of a network's follow-ups, its links to other cases and its export.

Every case comes through its gate (network.gates / cases.gates: 404 for missing and not
allowed alike). Changes are POST-redirect-GET; bad input re-renders with 400 and changes
nothing; a stale decision answers 409 with the current state and what the user typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.actor import request_actor, request_user
from access.cases import (
    may_confirm_followup,
    may_decide_followup,
    may_export_network,
    may_see_cross_links,
)
from access.facts import Actor, CaseFacts
from audit.models import Operation
from cases.actions import owner_choices
from cases.gates import get_case_with_facts
from cases.models import Case
from lib.access_rules import object_gate
from lib.concurrency import StaleEdit
from lib.forms import add_service_errors
from meetings.conferences import log_staff_read
from network.analysis import load_network
from network.crosslinks import cross_links, log_cross_links
from network.export import CSV_PARTS, network_csv, network_graphml
from network.followups import (
    followup_confirm_action,
    followup_confirm_signal,
    followup_context,
    followup_decline,
    followup_propose,
)
from network.forms_extra import ConfirmActionForm, ConfirmSignalForm, DeclineForm, FollowUpForm
from network.gates import get_network_case, get_network_person, log_network_read
from network.models import FollowUp

CONFIRM = "confirm"
DECLINE = "decline"


def extra_context(actor: Actor, case: Case, facts: CaseFacts) -> dict[str, Any]:
    """What the network page needs for ``network/_followups.html`` and
    ``network/crosslinks_and_export.html``: the follow-ups (their people are network persons
    the page already logs) and which doors to show."""
    return {
        **followup_context(actor, case, facts),
        "may_see_cross_links": may_see_cross_links(actor, facts),
        "may_export_network": may_export_network(actor, facts),
    }


# --- Proposing a follow-up. ---


@object_gate
@require_http_methods(["GET", "POST"])
def followup_create_view(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    """A professional on the case marks a network person as needing attention."""
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    person = get_network_person(case, person_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = followup_propose(
                actor=actor,
                user=request_user(request),
                case=case,
                facts=facts,
                person=person,
                reason=form.cleaned_data["reason"],
                proposal=form.cleaned_data["proposal"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The proposal has been recorded. Nothing is created until it is confirmed."),
            )
            return redirect("network:followup_decide", case_id=case.pk, followup_id=follow_up.pk)
    log_network_read(actor, case, facts, [person], name="cases.network.followup.form")
    context = {"case": case, "person": person, "form": form}
    return render(
        request, "network/followup_form.html", context, status=400 if form.errors else 200
    )


# --- Deciding on it. ---


def _get_follow_up(case: Case, followup_id: int) -> FollowUp:
    follow_up = (
        FollowUp.objects.select_related("person", "proposed_by", "decided_by", "action", "signal")
        .filter(pk=followup_id, person__case=case)
        .first()
    )
    if follow_up is None:
        raise Http404
    return follow_up


def _confirm_form(
    case: Case, follow_up: FollowUp, data: Any = None
) -> ConfirmActionForm | ConfirmSignalForm:
    initial = {"version": follow_up.version}
    if follow_up.proposal == FollowUp.Proposal.PREVENTIVE_ACTION:
        return ConfirmActionForm(data, owners=owner_choices(case), prefix=CONFIRM, initial=initial)
    return ConfirmSignalForm(data, prefix=CONFIRM, initial=initial)


def _typed(form: Form | None) -> list[tuple[str, str]]:
    """What the user typed into a form that could not be saved, to show it back."""
    if form is None or not form.is_bound:
        return []
    typed = []
    for field in form:
        if field.is_hidden:
            continue
        value = form.data.get(form.add_prefix(field.name), "")
        if isinstance(value, str) and value.strip():
            typed.append((str(field.label), value.strip()))
    return typed


def _decide_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    follow_up: FollowUp,
    *,
    confirm_form: ConfirmActionForm | ConfirmSignalForm | None = None,
    decline_form: DeclineForm | None = None,
    conflict: Form | None = None,
) -> HttpResponse:
    log_network_read(actor, case, facts, [follow_up.person], name="cases.network.followup.read")
    open_for_decision = follow_up.status == FollowUp.Status.PROPOSED
    may_decide = may_decide_followup(actor, facts) and open_for_decision
    may_confirm = may_decide and may_confirm_followup(
        actor, facts, proposes_signal=follow_up.proposal == FollowUp.Proposal.SIGNAL
    )
    if may_confirm and confirm_form is None:
        confirm_form = _confirm_form(case, follow_up)
    if may_decide and decline_form is None:
        decline_form = DeclineForm(prefix=DECLINE, initial={"version": follow_up.version})
    if may_confirm and isinstance(confirm_form, ConfirmActionForm):
        owners = confirm_form.fields["owner"].queryset  # type: ignore[attr-defined]
        log_staff_read(actor, {m.user_id for m in owners}, name="cases.network.followup.form")
    context = {
        "case": case,
        "follow_up": follow_up,
        "person": follow_up.person,
        "confirm_form": confirm_form if may_confirm else None,
        "decline_form": decline_form if may_decide else None,
        "may_decide": may_decide,
        "conflict": conflict is not None,
        "typed": _typed(conflict),
        "confirm": CONFIRM,
        "decline": DECLINE,
    }
    status = 200
    if conflict is not None:
        status = 409
    elif any(f is not None and f.errors for f in (confirm_form, decline_form)):
        status = 400
    return render(request, "network/followup_detail.html", context, status=status)


def _confirm(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    follow_up: FollowUp,
    form: ConfirmActionForm | ConfirmSignalForm,
) -> FollowUp:
    user = request_user(request)
    data = form.cleaned_data
    if isinstance(form, ConfirmActionForm):
        return followup_confirm_action(
            actor=actor,
            user=user,
            case=case,
            facts=facts,
            follow_up=follow_up,
            version=data["version"],
            description=data["description"],
            owner_organisation=data["owner"].organisation,
            owner=data["owner"].user,
            due_on=data["due_on"],
            note=data.get("note") or "",
        )
    return followup_confirm_signal(
        actor=actor,
        user=user,
        case=case,
        facts=facts,
        follow_up=follow_up,
        version=data["version"],
        choices=form.choices(),
        note=data.get("note") or "",
    )


@object_gate
@require_http_methods(["GET", "POST"])
def followup_decide_view(request: HttpRequest, case_id: int, followup_id: int) -> HttpResponse:
    """The follow-up for whoever sees the case; the lead or process director decides."""
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id)
    follow_up = _get_follow_up(case, followup_id)
    if request.method != "POST":
        return _decide_page(request, actor, case, facts, follow_up)
    if not may_decide_followup(actor, facts):
        raise Http404
    decision = request.POST.get("decision")
    if decision == CONFIRM:
        if not may_confirm_followup(
            actor, facts, proposes_signal=follow_up.proposal == FollowUp.Proposal.SIGNAL
        ):
            raise Http404
        form: ConfirmActionForm | ConfirmSignalForm | DeclineForm = _confirm_form(
            case, follow_up, request.POST
        )
    elif decision == DECLINE:
        form = DeclineForm(request.POST, prefix=DECLINE)
    else:
        raise Http404
    forms_shown: dict[str, Any] = (
        {"confirm_form": form} if decision == CONFIRM else {"decline_form": form}
    )
    if not form.is_valid():
        return _decide_page(request, actor, case, facts, follow_up, **forms_shown)
    try:
        if isinstance(form, DeclineForm):
            followup_decline(
                actor=actor,
                user=request_user(request),
                case=case,
                facts=facts,
                follow_up=follow_up,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        else:
            _confirm(request, actor, case, facts, follow_up, form)
    except StaleEdit:
        current = _get_follow_up(case, followup_id)
        return _decide_page(request, actor, case, facts, current, conflict=form)
    except ValidationError as error:
        add_service_errors(form, error)
        return _decide_page(request, actor, case, facts, follow_up, **forms_shown)
    if decision == CONFIRM:
        messages.success(request, _("The proposal has been confirmed."))
    else:
        messages.success(request, _("The proposal has been declined."))
    return redirect("network:followup_decide", case_id=case.pk, followup_id=follow_up.pk)


# --- Links to other cases (the lead only). ---


@object_gate
@require_GET
def crosslinks_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Network persons of this case who also appear in another case the lead may see."""
    actor = request_actor(request)
    # The directing gate reads nothing and logs nothing; anyone else gets 404 before a read.
    case, facts = get_case_with_facts(actor, case_id, write=True)
    if not may_see_cross_links(actor, facts):
        raise Http404
    links = cross_links(actor, case)
    log_cross_links(actor, case, facts, links)
    return render(request, "network/crosslinks.html", {"case": case, "links": links})


# --- Export. ---


def _export_case(request: HttpRequest, case_id: int) -> tuple[Actor, Case, CaseFacts]:
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id, write=True)
    if not may_export_network(actor, facts):
        raise Http404
    return actor, case, facts


def _attachment(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@object_gate
@require_GET
def export_graphml_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case's network as GraphML, for those who direct the case; logged as an export."""
    actor, case, facts = _export_case(request, case_id)
    network = load_network(case)
    body = network_graphml(network)
    log_network_read(
        actor, case, facts, network.people, name="cases.network.export", operation=Operation.EXPORT
    )
    return _attachment(body, "application/graphml+xml", f"netwerk-casus-{case.pk}.graphml")


@object_gate
@require_GET
def export_csv_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case's network as CSV: ``?part=nodes`` (default) or ``?part=relations``."""
    part = request.GET.get("part", "nodes")
    if part not in CSV_PARTS:
        raise Http404
    actor, case, facts = _export_case(request, case_id)
    network = load_network(case)
    body = network_csv(network, part)
    people = network.people
    if part == "relations":
        named = {r.source_id for r in network.relations} | {r.target_id for r in network.relations}
        people = [p for p in network.people if p.pk in named]
    log_network_read(
        actor, case, facts, people, name="cases.network.export", operation=Operation.EXPORT
    )
    filename = f"netwerk-casus-{case.pk}-{CSV_PARTS[part]}.csv"
    return _attachment(body, "text/csv; charset=utf-8", filename)
