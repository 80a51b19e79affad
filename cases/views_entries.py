"""Pages of case entries: add, read with history, correct, share and search.

Entries come only from cases.entry_gates: a page shows, counts and finds exactly the entries
``entries_visible_to`` returns, and a single entry comes from ``get_entry_with_facts`` (404
for "missing" and "not yours"). Changes are POST-redirect-GET; bad input re-renders with 400,
a correction based on an outdated version with 409, the other person's change and what the
user typed (lib.versioned_edit).
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
from access.entries import may_add_entry, may_correct_entry, may_share_entry, may_view_entry
from access.facts import Actor, EntryFacts
from access.refusal import refused
from accounts.models import Organisation
from cases.entries import (
    entry_add,
    entry_correct,
    entry_grant,
    entry_grant_revoke,
    grant_choices,
    source_choices,
)
from cases.entry_gates import (
    current_texts,
    entries_visible_to,
    entry_facts,
    entry_rows,
    get_entry_with_facts,
    log_entries_read,
    matching_entries,
    versions_of,
)
from cases.forms_case import EntryCorrectForm, EntryForm, EntrySearchForm, GrantForm
from cases.gates import get_case_with_facts
from cases.models import CaseEntry, EntryGrant
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, posted_version, version_now, versioned_edit

# --- Adding an entry. ---


@object_gate
@require_http_methods(["GET", "POST"])
def entry_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id)
    if not may_add_entry(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    sources = source_choices(actor, case, facts)
    if request.method != "POST":
        form = EntryForm(sources=sources, initial={"source_organisation": actor.organisation_id})
        return render(request, "cases/entry_add.html", {"case": case, "form": form})
    form = EntryForm(request.POST, sources=sources)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = entry_add(
                actor=actor,
                user=request_user(request),
                case=case,
                facts=facts,
                kind=data["kind"],
                category=data["category"],
                source_organisation=data["source_organisation"],
                legal_basis=data["legal_basis"],
                text=data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not may_view_entry(actor, entry_facts(entry, facts)):
                # E.g. the lead records what a partner told under professional secrecy: it is
                # kept for its source, and from now on the lead cannot read it either.
                messages.success(
                    request,
                    _(
                        "The entry has been recorded. Its category keeps it for its source "
                        "organisation, so you cannot read it yourself."
                    ),
                )
                return redirect("cases:detail", case_id=case.pk)
            messages.success(request, _("The entry has been recorded."))
            return redirect("cases:entry", case_id=case.pk, entry_id=entry.pk)
    return render(request, "cases/entry_add.html", {"case": case, "form": form}, status=400)


# --- One entry: its history, the correction and sharing. ---


def _entry_page(
    request: HttpRequest,
    actor: Actor,
    entry: CaseEntry,
    facts: EntryFacts,
    *,
    correct_form: EntryCorrectForm | None = None,
    grant_form: GrantForm | None = None,
    conflict: list[Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    versions = list(entry.versions.select_related("author").order_by("-number"))
    context: dict[str, Any] = {
        "case": entry.case,
        "entry": entry,
        "versions": versions,
        "current": versions[0] if versions else None,
        "grants": list(
            EntryGrant.objects.filter(entry=entry).select_related("organisation", "granted_by")
        ),
        "conflict": conflict,
    }
    if may_correct_entry(actor, facts):
        context["correct_form"] = correct_form or EntryCorrectForm(
            initial={"version": entry.version, "text": versions[0].text if versions else ""}
        )
    if may_share_entry(actor, facts):
        context["may_share"] = True
        choices = grant_choices(entry, facts.case)
        context["grant_form"] = grant_form or (GrantForm(choices=choices) if choices else None)
    return render(request, "cases/entry_detail.html", context, status=status)


@object_gate
@require_GET
def entry_detail_view(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    actor = request_actor(request)
    entry, facts = get_entry_with_facts(actor, case_id, entry_id)
    return _entry_page(request, actor, entry, facts)


@object_gate
@require_POST
def entry_correct_view(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    actor = request_actor(request)
    entry, facts = get_entry_with_facts(actor, case_id, entry_id, write=True)

    def form(data: QueryDict | None) -> EntryCorrectForm:
        if data is not None:
            return EntryCorrectForm(data)
        # Only a conflict asks for an unbound form (the GET page is entry_detail_view); what
        # the user typed is put over it.
        return EntryCorrectForm(initial={"version": entry.version})

    def save(form: EntryCorrectForm) -> None:
        data = form.cleaned_data
        entry_correct(
            actor=actor,
            user=request_user(request),
            entry=entry,
            text=data["text"],
            reason=data["reason"],
            version=data["version"],
        )

    def page(form: EntryCorrectForm, status: int, conflict: bool) -> HttpResponse:
        newer = _corrections_since(request, entry, form.add_prefix("version")) if conflict else None
        return _entry_page(
            request, actor, entry, facts, correct_form=form, conflict=newer, status=status
        )

    def done(_result: None) -> HttpResponse:
        messages.success(
            request, _("The correction has been saved; the earlier text stays in the history.")
        )
        return redirect("cases:entry", case_id=case_id, entry_id=entry.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(entry),
            save=save,
            page=page,
            done=done,
        ),
    )


def _corrections_since(request: HttpRequest, entry: CaseEntry, version_key: str) -> list[Any]:
    """Someone corrected the entry after the user opened it: the corrections made since the
    version their page showed (who, when, why), and the entry as it is now."""
    entry.refresh_from_db(fields=["version"])
    seen = posted_version(request.POST, version_key) or 0
    return list(entry.versions.filter(number__gt=seen).select_related("author").order_by("number"))


@object_gate
@require_POST
def entry_grant_view(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    actor = request_actor(request)
    entry, facts = get_entry_with_facts(actor, case_id, entry_id)
    if not may_share_entry(actor, facts):
        raise refused(actor, object_type="case_entry", object_id=entry.pk)
    form = GrantForm(request.POST, choices=grant_choices(entry, facts.case))
    if form.is_valid():
        organisation: Organisation = form.cleaned_data["organisation"]
        try:
            entry_grant(
                actor=actor,
                user=request_user(request),
                entry=entry,
                organisation=organisation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s can now read this entry.")
                % {"organisation": organisation.name},
            )
            return redirect("cases:entry", case_id=case_id, entry_id=entry.pk)
    return _entry_page(request, actor, entry, facts, grant_form=form, status=400)


@object_gate
@require_POST
def entry_grant_revoke_view(
    request: HttpRequest, case_id: int, entry_id: int, grant_id: int
) -> HttpResponse:
    actor = request_actor(request)
    entry, facts = get_entry_with_facts(actor, case_id, entry_id)
    if not may_share_entry(actor, facts):
        raise refused(actor, object_type="case_entry", object_id=entry.pk)
    grant = (
        EntryGrant.objects.filter(pk=grant_id, entry=entry).select_related("organisation").first()
    )
    if grant is None:
        raise Http404
    try:
        entry_grant_revoke(actor=actor, user=request_user(request), grant=grant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(organisation)s can no longer read this entry.")
            % {"organisation": grant.organisation.name},
        )
    return redirect("cases:entry", case_id=case_id, entry_id=entry.pk)


# --- Searching the entries. ---


@object_gate
@require_GET
def entry_search_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Finds text in the entries the actor may read; the counts count only those."""
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id)
    form = EntrySearchForm(request.GET)
    context: dict[str, Any] = {"case": case, "form": form, "rows": [], "searched": False}
    if not form.is_valid():
        return render(request, "cases/entry_search.html", context, status=400)
    query = form.cleaned_data["q"].strip()
    entries = entries_visible_to(actor, case, facts)
    context["total"] = len(entries)
    if query:
        versions = versions_of(entries)
        found = matching_entries(entries, current_texts(versions), query)
        log_entries_read(actor, case, facts, found, name="cases.entries.search")
        context.update(rows=entry_rows(found, versions), searched=True, query=query)
    return render(request, "cases/entry_search.html", context)
