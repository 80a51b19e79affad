"""API of a case's network: ``/api/v1/cases/{case_id}/network`` and its people and relations.

The same gate as the network page (network.gates: 404 for "missing" and "not yours", never
403), the same filters (network.analysis), one processing record per network person shown,
and the services of the pages (network.services) for every change: bad input is a 400 that
saves nothing, a stale version a 409.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from access.cases import may_edit_network
from access.facts import Actor
from accounts.models import Organisation
from cases.api import PROBLEM_400, PROBLEM_404
from cases.models import Case
from lib.access_rules import AccessRule, Kind
from lib.problem import ConflictWithState
from lib.versioned_edit import api_service_call
from network.analysis import Filters, build_graph, load_network, neighbourhood
from network.gates import get_network_case, get_network_person, log_network_read
from network.models import NetworkPerson, Relation
from network.serializers import (
    NetworkNodeSerializer,
    NetworkQuerySerializer,
    NetworkRelationSerializer,
    NetworkSerializer,
    NodeInputSerializer,
    NodeUpdateSerializer,
    RelationInputSerializer,
    RelationUpdateSerializer,
    node_data,
    relation_data,
)
from network.services import (
    ensure_subject_node,
    person_add,
    person_update,
    relation_add,
    relation_update,
    source_organisation_choices,
)

LOG_READ = "cases.network.api.read"

PROBLEM_409 = OpenApiResponse(
    description=(
        "Someone changed it since the given version: nothing was saved. "
        "application/problem+json with current_version."
    )
)


def network_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A service's refusal as the API's 400, field by field."""
    if not hasattr(error, "error_dict"):
        return serializers.ValidationError({"non_field_errors": error.messages})
    return serializers.ValidationError(
        {
            ("non_field_errors" if key == "__all__" else key): messages
            for key, messages in error.message_dict.items()
        }
    )


def _conflict(model: type[NetworkPerson] | type[Relation], pk: int) -> ConflictWithState:
    """409 with the version now, so the caller can fetch it and send their change again."""
    current = model.objects.filter(pk=pk).values_list("version", flat=True).first()
    return ConflictWithState(
        _("It was changed by someone else in the meantime; nothing was saved."),
        current_version=current or 0,
    )


def _source(actor: Actor, case: Case, raw: int | None) -> Organisation:
    """The named source organisation, if the actor may name it (default: their own)."""
    wanted = raw if raw is not None else actor.organisation_id
    for organisation in source_organisation_choices(actor, case):
        if organisation.pk == wanted:
            return organisation
    raise serializers.ValidationError(
        {"source_organisation": [_("You cannot record information for this organisation.")]}
    )


def _ends(case: Case, data: dict[str, Any]) -> tuple[NetworkPerson, NetworkPerson]:
    """Both ends of a new relation, from this case's network only."""
    found = {
        p.pk: p
        for p in NetworkPerson.objects.filter(case=case, pk__in=[data["source"], data["target"]])
    }
    errors = {}
    for field in ("source", "target"):
        if data[field] not in found:
            errors[field] = [_("This person is not in the network of this case.")]
    if errors:
        raise serializers.ValidationError(errors)
    return found[data["source"]], found[data["target"]]


class NetworkView(APIView):
    """The network of a case: its nodes and relations, filtered like the network page."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_network_retrieve",
        description=(
            "The nodes and relations of the case's network. Filters keep only the relations "
            "of the given kinds, natures and reliabilities (and the nodes they touch); with "
            "around, only the nodes within depth ties of that node. Nothing computed about a "
            "person is given."
        ),
        parameters=[NetworkQuerySerializer],
        responses={200: NetworkSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_network_case(actor, case_id)
        query = NetworkQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = query.validated_data
        if may_edit_network(actor, facts):
            # The centre of the network, as on the page.
            ensure_subject_node(case=case, user=request_user(request), actor=actor)
        network = load_network(case)
        filters = Filters(
            kinds=frozenset(options.get("kind", ())),
            natures=frozenset(options.get("nature", ())),
            reliabilities=frozenset(options.get("reliability", ())),
        )
        graph = build_graph(network, filters)
        around = options.get("around")
        if around is not None:
            if around not in network.by_id:
                raise serializers.ValidationError(
                    {"around": [_("This person is not in the network of this case.")]}
                )
            graph = neighbourhood(graph, around, int(options["depth"]))
        node_ids = set(graph.nodes)
        relation_ids = {key for _u, _v, key in graph.edges(keys=True)}
        nodes = [p for p in network.people if p.pk in node_ids]
        relations = [r for r in network.relations if r.pk in relation_ids]
        log_network_read(actor, case, facts, nodes, name=LOG_READ)
        data = {
            "case": case.pk,
            "nodes": [node_data(p) for p in nodes],
            "relations": [relation_data(r) for r in relations],
        }
        return Response(NetworkSerializer(data).data)


class NetworkPeopleView(APIView):
    """Adds a node (a person, place or organisation) to the case's network."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_network_people_create",
        request=NodeInputSerializer,
        responses={201: NetworkNodeSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_network_case(actor, case_id, write=True)
        serializer = NodeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        source = _source(actor, case, data.get("source_organisation"))
        try:
            person = person_add(
                actor=actor,
                user=request_user(request),
                case=case,
                kind=data["kind"],
                name=data["name"],
                birth_year=data["birth_year"],
                minor=data["minor"],
                note=data["note"],
                source_organisation=source,
            )
        except DjangoValidationError as error:
            raise network_error(error) from None
        # The answer echoes what the caller recorded; the write is logged by person_add.
        return Response(node_data(person), status=201)


class NetworkPersonView(APIView):
    """One node, and changing it; the version you fetched guards against overwriting
    someone else's change."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_network_people_retrieve",
        responses={200: NetworkNodeSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int, person_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_network_case(actor, case_id)
        person = get_network_person(case, person_id)
        log_network_read(actor, case, facts, [person], name=LOG_READ)
        return Response(node_data(person))

    @extend_schema(
        operation_id="cases_network_people_update",
        request=NodeUpdateSerializer,
        responses={
            200: NetworkNodeSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def patch(self, request: Request, case_id: int, person_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_network_case(actor, case_id, write=True)
        person = get_network_person(case, person_id)
        serializer = NodeUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "version" not in data:
            raise serializers.ValidationError(
                {"version": [_("Give the version you last fetched.")]}
            )
        with api_service_call(partial(_conflict, NetworkPerson, person.pk), network_error):
            person = person_update(
                actor=actor,
                user=request_user(request),
                person=person,
                kind=data.get("kind", person.kind),
                name=data.get("name", person.name),
                birth_year=data.get("birth_year", person.birth_year),
                minor=data.get("minor", person.minor),
                note=data.get("note", person.note),
                version=data["version"],
            )
        return Response(node_data(person))


class NetworkRelationsView(APIView):
    """Records a relation between two nodes of the case's network."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_network_relations_create",
        request=RelationInputSerializer,
        responses={201: NetworkRelationSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_network_case(actor, case_id, write=True)
        serializer = RelationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        source, target = _ends(case, data)
        organisation = _source(actor, case, data.get("source_organisation"))
        try:
            relation = relation_add(
                actor=actor,
                user=request_user(request),
                case=case,
                source=source,
                target=target,
                kind=data["kind"],
                direction=data["direction"],
                nature=data["nature"],
                reliability=data["reliability"],
                source_organisation=organisation,
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                observed_on=data["observed_on"],
                note=data["note"],
            )
        except DjangoValidationError as error:
            raise network_error(error) from None
        return Response(relation_data(relation), status=201)


def _get_relation(case: Case, relation_id: int) -> Relation:
    relation = (
        Relation.objects.select_related("case", "source_organisation")
        .filter(case=case, pk=relation_id)
        .first()
    )
    if relation is None:
        raise Http404
    return relation


class NetworkRelationView(APIView):
    """One relation, and changing what is known of it (not its ends)."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_network_relations_retrieve",
        responses={200: NetworkRelationSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int, relation_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_network_case(actor, case_id)
        relation = _get_relation(case, relation_id)
        people = NetworkPerson.objects.filter(pk__in=[relation.source_id, relation.target_id])
        log_network_read(actor, case, facts, people, name=LOG_READ)
        return Response(relation_data(relation))

    @extend_schema(
        operation_id="cases_network_relations_update",
        request=RelationUpdateSerializer,
        responses={
            200: NetworkRelationSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def patch(self, request: Request, case_id: int, relation_id: int) -> Response:
        actor = request_actor(request)
        case, _facts = get_network_case(actor, case_id, write=True)
        relation = _get_relation(case, relation_id)
        serializer = RelationUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "version" not in data:
            raise serializers.ValidationError(
                {"version": [_("Give the version you last fetched.")]}
            )
        fields = ("kind", "direction", "nature", "reliability", "started_on", "ended_on")
        values = {name: data.get(name, getattr(relation, name)) for name in fields}
        with api_service_call(partial(_conflict, Relation, relation.pk), network_error):
            relation = relation_update(
                actor=actor,
                user=request_user(request),
                relation=relation,
                observed_on=data.get("observed_on", relation.observed_on),
                note=data.get("note", relation.note),
                version=data["version"],
                **values,
            )
        return Response(relation_data(relation))
