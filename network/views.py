"""The network pages of a case: the drawing with its tables, and the forms to record people,
places, organisations and relations.

Whoever may see the case may see its network; those on the case by right record in it; only
the lead links a network person to a known subject. Every page logs one processing record
per network person it shows (names appear in the tables and the choice lists). A change
based on an outdated version gets 409 with the current state, keeping what the user typed.
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
from access.cases import may_edit_network, may_link_network_subject
from access.facts import Actor, CaseFacts
from cases.models import Case
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.ids import parse_id
from lib.versioned_edit import VersionedEdit, current_state, version_now, versioned_edit
from network.analysis import load_network
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
from network.views_extra import drawing_context, extra_context
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
        **drawing_context(actor, case, facts, network, form),
        **extra_context(actor, case, facts),
    }
    # Every name on the page (tables and the choice lists) is a network person shown.
    log_network_read(actor, case, facts, network.people, name="cases.network.read")
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "network/network.html", context, status=status)


# --- Network persons. ---


def _to_network(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("network:page", case_id=case.pk)


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
    return _to_network(
        request, case, _("%(name)s was added to the network.") % {"name": person.name}
    )


@object_gate
@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    person = get_network_person(case, person_id)

    def form(data: QueryDict | None) -> PersonEditForm:
        if data is not None:
            return PersonEditForm(data)
        return PersonEditForm(initial=PersonEditForm.initial_for(current_state(request, person)))

    def save(form: PersonEditForm) -> NetworkPerson:
        data = form.cleaned_data
        return person_update(
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

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(person),
            save=save,
            page=lambda form, status, conflict: _person_form_page(
                request, actor, case, facts, form, person=person, conflict=conflict, status=status
            ),
            done=lambda changed: _to_network(
                request, case, _("%(name)s was changed.") % {"name": changed.name}
            ),
        ),
    )


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

    def form(data: QueryDict | None) -> LinkSubjectForm:
        if data is not None:
            return LinkSubjectForm(data)
        return LinkSubjectForm(initial={"version": current_state(request, person).version})

    def save(form: LinkSubjectForm) -> NetworkPerson:
        # Another municipality's subject is "not found" too: the number reveals nothing.
        subject = Subject.objects.filter(
            pk=form.cleaned_data["subject"], municipality_id=case.municipality_id
        ).first()
        if subject is None:
            raise ValidationError(
                {"subject": _("No known subject of this municipality has this number.")}
            )
        return person_link_subject(
            actor=actor,
            user=request_user(request),
            person=person,
            subject=subject,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(person),
            save=save,
            page=lambda form, status, conflict: _link_page(
                request, actor, case, facts, person, form, conflict=conflict, status=status
            ),
            done=lambda linked: _to_network(
                request,
                case,
                _("%(name)s is now linked to a known subject.") % {"name": linked.name},
            ),
        ),
    )


# --- Relations. ---


def _relation_form_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    form: Any | None,
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
    if relation is not None and form is None:
        form = RelationEditForm(initial=RelationEditForm.initial_for(relation))
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
        source = parse_id(request.GET.get("source", ""))
        if source is not None:
            initial["source"] = source
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
    return _to_network(request, case, _("The relation was added to the network."))


@object_gate
@require_http_methods(["GET", "POST"])
def relation_edit_view(request: HttpRequest, case_id: int, relation_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    relation = _get_relation(case, relation_id)

    def form(data: QueryDict | None) -> RelationEditForm:
        if data is not None:
            return RelationEditForm(data)
        current = current_state(request, relation)
        return RelationEditForm(initial=RelationEditForm.initial_for(current))

    def save(form: RelationEditForm) -> Relation:
        data = form.cleaned_data
        return relation_update(
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

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(relation),
            save=save,
            page=lambda form, status, conflict: _relation_form_page(
                request,
                actor,
                case,
                facts,
                form,
                relation=relation,
                conflict=conflict,
                status=status,
            ),
            done=lambda _relation: _to_network(request, case, _("The relation was changed.")),
        ),
    )


@object_gate
@require_POST
def relation_remove_view(request: HttpRequest, case_id: int, relation_id: int) -> HttpResponse:
    """The removal form sits on the relation's page, beside the edit form (prefix "remove")."""
    actor = request_actor(request)
    case, facts = get_network_case(actor, case_id, write=True)
    relation = _get_relation(case, relation_id)

    def form(data: QueryDict | None) -> RelationRemoveForm:
        if data is not None:
            return RelationRemoveForm(data)
        return RelationRemoveForm(initial={"version": current_state(request, relation).version})

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(relation),
            save=lambda form: relation_remove(
                actor=actor,
                user=request_user(request),
                relation=relation,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            ),
            # No edit form given: the page shows the relation as it is (after a conflict,
            # with the other change in it).
            page=lambda form, status, conflict: _relation_form_page(
                request,
                actor,
                case,
                facts,
                None,
                relation=relation,
                remove_form=form,
                conflict=conflict,
                status=status,
            ),
            done=lambda _removed: _to_network(request, case, _("The relation was removed.")),
        ),
    )
