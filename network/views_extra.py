"""What the network page shows besides its forms (the drawing with its tables, the
follow-ups), and the pages of a network's follow-ups, its links to other cases and its export.

Every case comes through its gate (network.gates / cases.gates: 404 for missing and not
allowed alike). Changes are POST-redirect-GET; bad input re-renders with 400 and changes
nothing; a stale decision answers 409 with the current state and what the user typed.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.actor import request_actor, request_user
from access.cases import (
    may_confirm_followup,
    may_decide_followup,
    may_edit_network,
    may_export_network,
    may_link_network_subject,
    may_see_cross_links,
)
from access.facts import Actor, CaseFacts
from access.refusal import refused
from audit.models import Operation
from cases.actions import owner_choices
from cases.gates import get_case_with_facts
from cases.models import Case
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, version_now, versioned_edit
from meetings.conferences import log_staff_read
from network.analysis import (
    Network,
    Path,
    build_graph,
    load_network,
    neighbourhood,
    shortest_path,
    structural_facts,
    timeline,
)
from network.crosslinks import cross_links, log_cross_links
from network.export import CSV_PARTS, network_csv, network_graphml
from network.followups import (
    followup_confirm_action,
    followup_confirm_signal,
    followup_context,
    followup_decline,
    followup_propose,
)
from network.forms import NetworkQueryForm
from network.forms_extra import ConfirmActionForm, ConfirmSignalForm, DeclineForm, FollowUpForm
from network.gates import get_network_case, get_network_person, log_network_read
from network.models import FollowUp
from network.svg import render_svg

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


def _drawn_graph(
    network: Network, form: NetworkQueryForm
) -> tuple[nx.MultiGraph, Path | None, bool]:
    """The graph to draw for a valid query: filtered, expanded, with the path added.
    The third value says whether a requested path was not found."""
    filtered = build_graph(network, form.filters())
    data = form.cleaned_data
    graph = filtered
    focus = data.get("focus")
    if focus is not None:
        graph = neighbourhood(filtered, focus, data.get("depth") or 1)
        if focus not in graph:
            graph = nx.MultiGraph()
            graph.add_node(focus, person=network.person(focus))
    path = None
    missing = False
    start, end = data.get("path_from"), data.get("path_to")
    if start is not None and end is not None:
        path = shortest_path(filtered, start, end)
        missing = path is None
        if path is not None:
            graph = graph.copy()
            for person in path.people:
                graph.add_node(person.pk, person=person)
            for relation in path.relations:
                graph.add_edge(
                    relation.source_id, relation.target_id, key=relation.pk, relation=relation
                )
    return graph, path, missing


def drawing_context(
    actor: Actor, case: Case, facts: CaseFacts, network: Network, form: NetworkQueryForm
) -> dict[str, Any]:
    """What the network page shows of its drawing: the (filtered) graph as SVG, its tables,
    the path asked for and the facts in words."""
    if form.is_valid():
        graph, path, path_missing = _drawn_graph(network, form)
    else:
        graph, path, path_missing = build_graph(network), None, False
    relations = sorted(
        (data["relation"] for _a, _b, data in graph.edges(data=True)),
        key=lambda r: (r.observed_on, r.pk),
    )
    numbers = {r.pk: index for index, r in enumerate(relations, start=1)}
    people = [p for p in network.people if p.pk in graph]
    title = _("Network of case %(number)s") % {"number": case.pk}
    svg = None
    if people:
        svg = render_svg(
            graph,
            numbers=numbers,
            title=title,
            path_relations=[r.pk for r in path.relations] if path else (),
            path_people=[p.pk for p in path.people] if path else (),
        )
    facts_in_words = structural_facts(graph, centre=network.centre)
    return {
        "case": case,
        "form": form,
        "svg": svg,
        "title": title,
        "people": people,
        "all_people": network.people,
        "relations": [(numbers[r.pk], r) for r in relations],
        "numbers": numbers,
        "path": path,
        "path_steps": [
            (numbers[r.pk], r, person)
            for r, person in zip(path.relations, path.people[1:], strict=True)
        ]
        if path
        else [],
        "path_missing": path_missing,
        "facts": facts_in_words.sentences(),
        "timeline": [(entry, numbers[entry.relation.pk]) for entry in timeline(relations)],
        "may_edit": may_edit_network(actor, facts),
        "may_link": may_link_network_subject(actor, facts),
        "filtered": form.is_valid() and (form.filters().active or form.cleaned_data.get("focus")),
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


DecisionForm = ConfirmActionForm | ConfirmSignalForm | DeclineForm


def _confirm_form(
    case: Case, follow_up: FollowUp, data: QueryDict | None = None
) -> ConfirmActionForm | ConfirmSignalForm:
    initial = {"version": follow_up.version}
    if follow_up.proposal == FollowUp.Proposal.PREVENTIVE_ACTION:
        return ConfirmActionForm(data, owners=owner_choices(case), prefix=CONFIRM, initial=initial)
    return ConfirmSignalForm(data, prefix=CONFIRM, initial=initial)


def _decision_form(
    case: Case, follow_up: FollowUp, decision: str, data: QueryDict | None
) -> DecisionForm:
    if decision == CONFIRM:
        return _confirm_form(case, follow_up, data)
    return DeclineForm(data, prefix=DECLINE, initial={"version": follow_up.version})


def _typed(form: Form) -> list[tuple[str, str]]:
    """What the user typed into a form that came too late, to show it back: once the
    proposal is decided the forms are gone from the page, and this list is all that is left."""
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
    sent: DecisionForm | None = None,
    typed: list[tuple[str, str]] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The follow-up with both decision forms; ``sent`` is the one the user sent, in its place."""
    log_network_read(actor, case, facts, [follow_up.person], name="cases.network.followup.read")
    open_for_decision = follow_up.status == FollowUp.Status.PROPOSED
    may_decide = may_decide_followup(actor, facts) and open_for_decision
    may_confirm = may_decide and may_confirm_followup(
        actor, facts, proposes_signal=follow_up.proposal == FollowUp.Proposal.SIGNAL
    )
    confirm_form = sent if isinstance(sent, ConfirmActionForm | ConfirmSignalForm) else None
    decline_form = sent if isinstance(sent, DeclineForm) else None
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
        "conflict": conflict,
        "typed": typed or [],
        "confirm": CONFIRM,
        "decline": DECLINE,
    }
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


def _chosen_decision(
    request: HttpRequest, actor: Actor, facts: CaseFacts, follow_up: FollowUp
) -> str:
    """The decision the POST takes, when the actor may take it; else 404."""
    if not may_decide_followup(actor, facts):
        raise refused(actor, object_type="follow_up", object_id=follow_up.pk)
    decision = request.POST.get("decision")
    if decision == DECLINE:
        return DECLINE
    proposes_signal = follow_up.proposal == FollowUp.Proposal.SIGNAL
    if decision == CONFIRM and may_confirm_followup(actor, facts, proposes_signal=proposes_signal):
        return CONFIRM
    raise Http404


@object_gate
@require_http_methods(["GET", "POST"])
def followup_decide_view(request: HttpRequest, case_id: int, followup_id: int) -> HttpResponse:
    """The follow-up for whoever sees the case; the lead or process director decides.

    The page holds two forms (confirm and decline); a POST sends one of them, and that one
    is a versioned edit of the follow-up."""
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id)
    follow_up = _get_follow_up(case, followup_id)
    if request.method != "POST":
        return _decide_page(request, actor, case, facts, follow_up)
    decision = _chosen_decision(request, actor, facts, follow_up)

    def save(form: DecisionForm) -> FollowUp:
        if isinstance(form, DeclineForm):
            return followup_decline(
                actor=actor,
                user=request_user(request),
                case=case,
                facts=facts,
                follow_up=follow_up,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        return _confirm(request, actor, case, facts, follow_up, form)

    def page(form: DecisionForm, status: int, conflict: bool) -> HttpResponse:
        if not conflict:
            return _decide_page(request, actor, case, facts, follow_up, sent=form, status=status)
        # Usually someone else decided meanwhile: the page shows who and how, and what the
        # user typed (kept in their form too, while the proposal is still open).
        as_sent = _decision_form(case, follow_up, decision, request.POST)
        current = _get_follow_up(case, followup_id)
        return _decide_page(
            request,
            actor,
            case,
            facts,
            current,
            sent=form,
            typed=_typed(as_sent),
            conflict=True,
            status=status,
        )

    def done(_decided: FollowUp) -> HttpResponse:
        if decision == CONFIRM:
            messages.success(request, _("The proposal has been confirmed."))
        else:
            messages.success(request, _("The proposal has been declined."))
        return redirect("network:followup_decide", case_id=case.pk, followup_id=follow_up.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=lambda data: _decision_form(case, follow_up, decision, data),
            current_version=lambda: version_now(follow_up),
            save=save,
            page=page,
            done=done,
        ),
    )


# --- Links to other cases (the lead only). ---


@object_gate
@require_GET
def crosslinks_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Network persons of this case who also appear in another case the lead may see."""
    actor = request_actor(request)
    # The directing gate reads nothing and logs nothing; anyone else gets 404 before a read.
    case, facts = get_case_with_facts(actor, case_id, write=True)
    if not may_see_cross_links(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    links = cross_links(actor, case)
    log_cross_links(actor, case, facts, links)
    return render(request, "network/crosslinks.html", {"case": case, "links": links})


# --- Export. ---


def _export_case(request: HttpRequest, case_id: int) -> tuple[Actor, Case, CaseFacts]:
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id, write=True)
    if not may_export_network(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
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
