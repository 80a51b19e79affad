"""API of case entries: ``/api/v1/cases/{id}/entries`` (list, search, add), one entry with
its history, and its corrections.

The same gates as the entry pages (cases.entry_gates): the list and the search take only
what ``entries_visible_to`` returns, one entry comes from ``get_entry_with_facts`` (404 for
"missing" and "not yours" alike), every read is logged, and changes run the services of the
pages (cases.entries), so bad input is a 400 that saves nothing and a stale version a 409.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.actor import request_actor, request_user
from access.entries import may_add_entry
from access.facts import Actor, CaseFacts
from access.refusal import refused
from accounts.models import Organisation
from cases.api import PROBLEM_400, PROBLEM_404
from cases.entries import entry_add, entry_correct, source_choices
from cases.entry_gates import (
    current_texts,
    entries_visible_to,
    get_entry_with_facts,
    log_entries_read,
    matching_entries,
    versions_of,
)
from cases.gates import get_case_with_facts
from cases.models import Case, CaseEntry, CaseEntryVersion
from cases.serializers_entries import (
    CaseEntryDetailSerializer,
    CaseEntryPageSerializer,
    EntryConflictSerializer,
    EntryCorrectionInputSerializer,
    EntryInputSerializer,
    EntryQuerySerializer,
    entry_data,
    entry_detail_data,
    version_data,
)
from lib.access_rules import AccessRule, Kind
from lib.problem import ConflictWithState
from lib.versioned_edit import api_service_call
from signals.serializers import drf_error

LOG_LIST = "cases.entries.api.list"
LOG_SEARCH = "cases.entries.search"  # the same name as the search page

ENTRY_CONFLICT = _("The entry was corrected by someone else in the meantime; nothing was saved.")

PROBLEM_409 = OpenApiResponse(
    response=EntryConflictSerializer,
    description=(
        "Someone corrected the entry since the given version: nothing was saved. "
        "application/problem+json with the corrections made since."
    ),
)


def _source(actor: Actor, case: Case, facts: CaseFacts, raw: int | None) -> Organisation:
    """The named source organisation, if the actor may record for it (default: their own)."""
    wanted = raw if raw is not None else actor.organisation_id
    for organisation in source_choices(actor, case, facts):
        if organisation.pk == wanted:
            return organisation
    raise DjangoValidationError(
        {"source_organisation": _("You cannot record information for this organisation.")}
    )


def _history(entry: CaseEntry) -> list[CaseEntryVersion]:
    return list(entry.versions.select_related("author").order_by("number"))


class CaseEntryCollectionView(APIView):
    """The entries of a case the caller may read (or those matching ``q``), and adding one."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_entries_list",
        description=(
            "The entries of the case you may read, by information category; with q, only "
            "those whose current text or legal basis contains it. total counts what you may read."
        ),
        parameters=[EntryQuerySerializer],
        responses={200: CaseEntryPageSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_case_with_facts(actor, case_id)
        query = EntryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        needle = query.validated_data.get("q", "").strip()
        entries = entries_visible_to(actor, case, facts)
        versions = versions_of(entries)
        found = matching_entries(entries, current_texts(versions), needle) if needle else entries
        log_entries_read(actor, case, facts, found, name=LOG_SEARCH if needle else LOG_LIST)
        data = {
            "results": [entry_data(entry, versions.get(entry.pk, [])) for entry in found],
            "total": len(entries),
        }
        return Response(CaseEntryPageSerializer(data).data)

    @extend_schema(
        operation_id="cases_entries_create",
        description=(
            "Records a note or fact (for the people on the case). A legal basis is required "
            "for all but general information."
        ),
        request=EntryInputSerializer,
        responses={201: CaseEntryDetailSerializer, 400: PROBLEM_400, 404: PROBLEM_404},
    )
    def post(self, request: Request, case_id: int) -> Response:
        actor = request_actor(request)
        case, facts = get_case_with_facts(actor, case_id)
        # Emergency access is for reading: to a reader by break-glass the door is not there.
        if not may_add_entry(actor, facts):
            raise refused(actor, object_type="case", object_id=case.pk)
        serializer = EntryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            entry = entry_add(
                actor=actor,
                user=request_user(request),
                case=case,
                facts=facts,
                kind=data["kind"],
                category=data["category"],
                source_organisation=_source(actor, case, facts, data.get("source_organisation")),
                legal_basis=data["legal_basis"],
                text=data["text"],
            )
        except DjangoValidationError as error:
            raise drf_error(error) from None
        # The answer echoes what the caller recorded (the write is logged by entry_add); it
        # does not pass the read gate, as a lead may record a secret that only its source reads.
        location = reverse("api-case-entry", kwargs={"case_id": case.pk, "entry_id": entry.pk})
        return Response(
            entry_detail_data(entry, _history(entry)), status=201, headers={"Location": location}
        )


class CaseEntryDetailView(APIView):
    """One entry with all its text versions."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_entries_retrieve",
        responses={200: CaseEntryDetailSerializer, 404: PROBLEM_404},
    )
    def get(self, request: Request, case_id: int, entry_id: int) -> Response:
        entry, _facts = get_entry_with_facts(request_actor(request), case_id, entry_id)
        return Response(entry_detail_data(entry, _history(entry)))


class CaseEntryCorrectionView(APIView):
    """Corrects an entry by a new text version; the earlier versions stay in the history."""

    access_rule = AccessRule(Kind.OBJECT)

    @extend_schema(
        operation_id="cases_entries_correct",
        request=EntryCorrectionInputSerializer,
        responses={
            200: CaseEntryDetailSerializer,
            400: PROBLEM_400,
            404: PROBLEM_404,
            409: PROBLEM_409,
        },
    )
    def post(self, request: Request, case_id: int, entry_id: int) -> Response:
        actor = request_actor(request)
        entry, _facts = get_entry_with_facts(actor, case_id, entry_id, write=True)
        serializer = EntryCorrectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def conflict() -> ConflictWithState:
            return _conflict(actor, case_id, entry_id, data["version"])

        with api_service_call(conflict, drf_error):
            entry_correct(
                actor=actor,
                user=request_user(request),
                entry=entry,
                text=data["text"],
                reason=data["reason"],
                version=data["version"],
            )
        # The answer shows the entry again: a read, through the gate.
        fresh, _facts = get_entry_with_facts(actor, case_id, entry_id)
        return Response(entry_detail_data(fresh, _history(fresh)))


def _conflict(actor: Actor, case_id: int, entry_id: int, seen: int) -> ConflictWithState:
    """409: nothing saved; the answer shows the corrections made since the version the caller
    saw (who, when, what), read through the gate like any other read of the entry."""
    entry, _facts = get_entry_with_facts(actor, case_id, entry_id)
    newer = [version for version in _history(entry) if version.number > seen]
    return ConflictWithState(
        str(ENTRY_CONFLICT),
        current_version=entry.version,
        changes=[version_data(v) for v in newer],
    )
