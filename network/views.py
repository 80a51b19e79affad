"""The network pages of a case: the drawing with its tables, and the forms to record people,
places, organisations and relations.

Whoever may see the case may see its network; those on the case by right record in it; only
the lead links a network person to a known subject. Every page logs one processing record
per network person it shows (names appear in the tables and the choice lists). A change
based on an outdated version gets 409 with the current state, keeping what the user typed.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.actor import request_actor, request_user
from access.cases import may_edit_network, may_link_network_subject
from access.facts import Actor, CaseFacts
from cases.models import Case
from lib.access_rules import object_gate
from lib.concurrency import StaleEdit
from lib.forms import add_service_errors
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
from network.forms import (
    LinkSubjectForm,
    NetworkQueryForm,
    PersonAddForm,
    PersonEditForm,
    RelationAddForm,
    RelationEditForm,
    RelationRemoveForm,
)
from network.gates import get_network_case, get_network_person, log_network_read
from network.models import NetworkPerson, Relation
from network.services import (
    ensure_subject_node,
    person_add,
    person_link_subject,
    person_update,
    relation_add,
    relation_remove,
    relation_update,
    source_organisation_choices,
)
from network.svg import render_svg
from network.views_extra import extra_context
from persons.models import Subject


def _get_relation(case: Case, relation_id: int) -> Relation:
    """A relation of this case's network (the case went through its gate); else 404."""
    relation = (
        Relation.objects.select_related("source", "target", "source_organisation")
        .filter(case=case, pk=relation_id)
        .first()
    )
    if relation is None:
        raise Http404
    return relation


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


def _page_context(
    actor: Actor, case: Case, facts: CaseFacts, network: Network, form: NetworkQueryForm
) -> dict[str, Any]:
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


@object_gate
@require_GET
def network_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id)
    if may_edit_network(actor, facts):
        # The centre of the drawing; created once, by the first who may record in it.
        ensure_subject_node(case=case, user=request_user(request), actor=actor)
    network = load_network(case)
    form = NetworkQueryForm(request.GET or None, people=network.people)
    context = {
        **_page_context(actor, case, facts, network, form),
        **extra_context(actor, case, facts),
    }
    # Every name on the page (tables and the choice lists) is a network person shown.
    log_network_read(actor, case, facts, network.people, name="cases.network.read")
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "network/network.html", context, status=status)


# --- Network persons. ---


def _person_form_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    form: Any,
    *,
    person: NetworkPerson | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    if person is not None:
        log_network_read(actor, case, facts, [person], name="cases.network.read")
    context = {
        "case": case,
        "form": form,
        "person": person,
        "conflict": conflict,
        "may_link": person is not None and may_link_network_subject(actor, facts),
        "remove_form": None,
    }
    return render(request, "network/person_form.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def person_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    organisations = source_organisation_choices(actor, case)
    if request.method != "POST":
        form = PersonAddForm(organisations=organisations, initial={"kind": "person"})
        return _person_form_page(request, actor, case, facts, form)
    form = PersonAddForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _person_form_page(request, actor, case, facts, form, status=400)
    data = form.cleaned_data
    try:
        person = person_add(
            actor=actor,
            user=request_user(request),
            case=case,
            kind=data["kind"],
            name=data["name"],
            birth_year=data["birth_year"],
            minor=form.minor_value(),
            note=data["note"],
            source_organisation=data["source_organisation"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _person_form_page(request, actor, case, facts, form, status=400)
    messages.success(request, _("%(name)s was added to the network.") % {"name": person.name})
    return redirect("network:page", case_id=case.pk)


def _posted_version(data: QueryDict, key: str = "version") -> int | None:
    raw = data.get(key, "")
    return int(raw) if raw.isdigit() else None


def _kept(data: QueryDict, version: int, key: str = "version") -> QueryDict:
    """What the user typed, on the current version: they can check it and send it again."""
    kept = data.copy()
    kept[key] = str(version)
    return kept


@object_gate
@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    person = get_network_person(case, person_id)
    if request.method != "POST":
        form = PersonEditForm(initial=PersonEditForm.initial_for(person))
        return _person_form_page(request, actor, case, facts, form, person=person)
    posted = _posted_version(request.POST)
    if posted is not None and posted != person.version:
        form = PersonEditForm(_kept(request.POST, person.version))
        return _person_form_page(
            request, actor, case, facts, form, person=person, conflict=True, status=409
        )
    form = PersonEditForm(request.POST)
    if not form.is_valid():
        return _person_form_page(request, actor, case, facts, form, person=person, status=400)
    data = form.cleaned_data
    try:
        person_update(
            actor=actor,
            user=request_user(request),
            person=person,
            kind=data["kind"],
            name=data["name"],
            birth_year=data["birth_year"],
            minor=form.minor_value(),
            note=data["note"],
            version=data["version"],
        )
    except StaleEdit:
        person.refresh_from_db()
        form = PersonEditForm(_kept(request.POST, person.version))
        return _person_form_page(
            request, actor, case, facts, form, person=person, conflict=True, status=409
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _person_form_page(request, actor, case, facts, form, person=person, status=400)
    messages.success(request, _("%(name)s was changed.") % {"name": person.name})
    return redirect("network:page", case_id=case.pk)


def _link_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    person: NetworkPerson,
    form: LinkSubjectForm,
    *,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    log_network_read(actor, case, facts, [person], name="cases.network.read")
    context = {"case": case, "person": person, "form": form, "conflict": conflict}
    return render(request, "network/person_link.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def person_link_view(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, link=True)
    person = get_network_person(case, person_id)
    if request.method != "POST":
        form = LinkSubjectForm(initial={"version": person.version})
        return _link_page(request, actor, case, facts, person, form)
    posted = _posted_version(request.POST)
    if posted is not None and posted != person.version:
        form = LinkSubjectForm(_kept(request.POST, person.version))
        return _link_page(request, actor, case, facts, person, form, conflict=True, status=409)
    form = LinkSubjectForm(request.POST)
    if not form.is_valid():
        return _link_page(request, actor, case, facts, person, form, status=400)
    # Another municipality's subject is "not found" too: the number reveals nothing.
    subject = Subject.objects.filter(
        pk=form.cleaned_data["subject"], municipality_id=case.municipality_id
    ).first()
    if subject is None:
        form.add_error("subject", _("No known subject of this municipality has this number."))
        return _link_page(request, actor, case, facts, person, form, status=400)
    try:
        person_link_subject(
            actor=actor,
            user=request_user(request),
            person=person,
            subject=subject,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
    except StaleEdit:
        person.refresh_from_db()
        form = LinkSubjectForm(_kept(request.POST, person.version))
        return _link_page(request, actor, case, facts, person, form, conflict=True, status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _link_page(request, actor, case, facts, person, form, status=400)
    messages.success(
        request, _("%(name)s is now linked to a known subject.") % {"name": person.name}
    )
    return redirect("network:page", case_id=case.pk)


# --- Relations. ---


def _relation_form_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    form: Any,
    *,
    relation: Relation | None = None,
    remove_form: RelationRemoveForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    if relation is not None:
        shown = [relation.source, relation.target]
    else:
        # The add form lists every node of the network to choose from.
        shown = list(NetworkPerson.objects.filter(case=case))
    log_network_read(actor, case, facts, shown, name="cases.network.read")
    if relation is not None and remove_form is None:
        remove_form = RelationRemoveForm(initial={"version": relation.version})
    context = {
        "case": case,
        "form": form,
        "relation": relation,
        "remove_form": remove_form,
        "conflict": conflict,
    }
    return render(request, "network/relation_form.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def relation_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    ensure_subject_node(case=case, user=request_user(request), actor=actor)
    people = list(
        NetworkPerson.objects.filter(case=case).order_by("-represents_case_subject", "name")
    )
    organisations = source_organisation_choices(actor, case)
    kwargs: dict[str, Any] = {"people": people, "organisations": organisations}
    if request.method != "POST":
        initial: dict[str, Any] = {}
        if request.GET.get("source", "").isdigit():
            initial["source"] = int(request.GET["source"])
        form = RelationAddForm(initial=initial, **kwargs)
        return _relation_form_page(request, actor, case, facts, form)
    form = RelationAddForm(request.POST, **kwargs)
    if not form.is_valid():
        return _relation_form_page(request, actor, case, facts, form, status=400)
    data = form.cleaned_data
    by_id = {p.pk: p for p in people}
    try:
        relation_add(
            actor=actor,
            user=request_user(request),
            case=case,
            source=by_id[data["source"]],
            target=by_id[data["target"]],
            kind=data["kind"],
            direction=data["direction"],
            nature=data["nature"],
            reliability=data["reliability"],
            source_organisation=data["source_organisation"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            observed_on=data["observed_on"],
            note=data["note"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _relation_form_page(request, actor, case, facts, form, status=400)
    messages.success(request, _("The relation was added to the network."))
    return redirect("network:page", case_id=case.pk)


@object_gate
@require_http_methods(["GET", "POST"])
def relation_edit_view(request: HttpRequest, case_id: int, relation_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    relation = _get_relation(case, relation_id)
    if request.method != "POST":
        form = RelationEditForm(initial=RelationEditForm.initial_for(relation))
        return _relation_form_page(request, actor, case, facts, form, relation=relation)
    posted = _posted_version(request.POST)
    if posted is not None and posted != relation.version:
        form = RelationEditForm(_kept(request.POST, relation.version))
        return _relation_form_page(
            request, actor, case, facts, form, relation=relation, conflict=True, status=409
        )
    form = RelationEditForm(request.POST)
    if not form.is_valid():
        return _relation_form_page(request, actor, case, facts, form, relation=relation, status=400)
    data = form.cleaned_data
    try:
        relation_update(
            actor=actor,
            user=request_user(request),
            relation=relation,
            kind=data["kind"],
            direction=data["direction"],
            nature=data["nature"],
            reliability=data["reliability"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            observed_on=data["observed_on"],
            note=data["note"],
            version=data["version"],
        )
    except StaleEdit:
        relation.refresh_from_db()
        form = RelationEditForm(_kept(request.POST, relation.version))
        return _relation_form_page(
            request, actor, case, facts, form, relation=relation, conflict=True, status=409
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _relation_form_page(request, actor, case, facts, form, relation=relation, status=400)
    messages.success(request, _("The relation was changed."))
    return redirect("network:page", case_id=case.pk)


@object_gate
@require_POST
def relation_remove_view(request: HttpRequest, case_id: int, relation_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    relation = _get_relation(case, relation_id)
    edit_form = RelationEditForm(initial=RelationEditForm.initial_for(relation))
    posted = _posted_version(request.POST, "remove-version")
    if posted is not None and posted != relation.version:
        remove_form = RelationRemoveForm(_kept(request.POST, relation.version, "remove-version"))
        return _relation_form_page(
            request,
            actor,
            case,
            facts,
            edit_form,
            relation=relation,
            remove_form=remove_form,
            conflict=True,
            status=409,
        )
    remove_form = RelationRemoveForm(request.POST)
    if not remove_form.is_valid():
        return _relation_form_page(
            request,
            actor,
            case,
            facts,
            edit_form,
            relation=relation,
            remove_form=remove_form,
            status=400,
        )
    try:
        relation_remove(
            actor=actor,
            user=request_user(request),
            relation=relation,
            version=remove_form.cleaned_data["version"],
            reason=remove_form.cleaned_data["reason"],
        )
    except StaleEdit:
        relation.refresh_from_db()
        remove_form = RelationRemoveForm(_kept(request.POST, relation.version, "remove-version"))
        return _relation_form_page(
            request,
            actor,
            case,
            facts,
            edit_form,
            relation=relation,
            remove_form=remove_form,
            conflict=True,
            status=409,
        )
    except ValidationError as error:
        add_service_errors(remove_form, error)
        return _relation_form_page(
            request,
            actor,
            case,
            facts,
            edit_form,
            relation=relation,
            remove_form=remove_form,
            status=400,
        )
    messages.success(request, _("The relation was removed."))
    return redirect("network:page", case_id=case.pk)
