"""Checklist pages of a case, under /casussen/<case_id>/checklijsten/.

Everything is reached through the case's gate (404 for missing and not allowed); reading is
logged by that gate. The lead and the process director start checklists and tick items;
team partners read. Changes are POST-redirect-GET; bad input re-renders with 400 and changes
nothing; a stale version answers 409 with the current state and the user's typed reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.actor import request_actor, request_user
from access.cases import may_complete_checklist_item, may_settle_checklist, may_tick_checklist
from access.facts import Actor, CaseFacts
from access.refusal import refused
from cases.gates import get_case_with_facts, log_case_read
from cases.models import Case
from cases.workflow import CaseStatus
from checklists.facts import provider_for
from checklists.forms import (
    HolderForm,
    ItemForm,
    ReportForm,
    SettleForm,
    StartForm,
    holder_value,
)
from checklists.gates import get_checklist_for_user, get_item_for_user
from checklists.holders import holder_choices
from checklists.holding import checklist_item_assign, checklist_item_report
from checklists.models import Checklist, ChecklistItem, ChecklistTemplate, ItemState
from checklists.sections import checklist_rows
from checklists.services import (
    awaits_confirmation,
    checklist_item_mark,
    checklist_settle,
    checklist_start,
    checklist_url,
    offered_template,
    superseded_checklists,
)
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, versioned_edit


@object_gate
@require_GET
def checklist_list_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id, log_name="checklists.list")
    editable = may_tick_checklist(actor, facts) and case.status != CaseStatus.CLOSED
    context = {
        "case": case,
        "rows": checklist_rows(case),
        "offer": offered_template(case) if editable else None,
        "may_start": editable,
        "superseded": superseded_checklists(case),
        "may_settle": may_settle_checklist(actor, facts) and case.status != CaseStatus.CLOSED,
    }
    return render(request, "checklists/list.html", context)


def _start_page(
    request: HttpRequest, actor: Actor, case: Case, facts: CaseFacts, form: StartForm
) -> HttpResponse:
    # The page names the person of the case: showing it is a read.
    log_case_read(actor, case, facts, name="checklists.start.form")
    context = {"case": case, "form": form, "closed": case.status == CaseStatus.CLOSED}
    return render(request, "checklists/start.html", context, status=400 if form.errors else 200)


@object_gate
@require_http_methods(["GET", "POST"])
def checklist_start_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_case_with_facts(actor, case_id, write=True)
    templates = ChecklistTemplate.objects.filter(active=True).order_by("name")
    if request.method != "POST":
        wanted = request.GET.get("scenario", "")
        chosen = templates.filter(scenario=wanted).first() or offered_template(case)
        initial = {"template": chosen.pk if chosen else None, "event_date": timezone.localdate()}
        return _start_page(
            request, actor, case, facts, StartForm(initial=initial, templates=templates)
        )
    form = StartForm(request.POST, templates=templates)
    if not form.is_valid():
        return _start_page(request, actor, case, facts, form)
    try:
        checklist = checklist_start(
            actor=actor,
            user=request_user(request),
            case=case,
            template=form.cleaned_data["template"],
            event_date=form.cleaned_data["event_date"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _start_page(request, actor, case, facts, form)
    messages.success(request, _("The checklist has been started; its tasks have been assigned."))
    return redirect("checklists:detail", case_id=case.pk, checklist_id=checklist.pk)


def _items(checklist: Checklist) -> list[ChecklistItem]:
    return list(
        checklist.items.select_related(
            "done_by", "holder", "holder_organisation", "feedback_by"
        ).order_by("position", "id")
    )


def _may_complete(actor: Actor, facts: CaseFacts, item: ChecklistItem) -> bool:
    return may_complete_checklist_item(
        actor, facts, holder_organisation_id=item.holder_organisation_id
    )


def fact_link(actor: Actor, case: Case, facts: CaseFacts, item: ChecklistItem) -> str | None:
    """The page of the record that fulfilled the item, when the viewer may open it."""
    if item.state != ItemState.DONE or item.fact_object_id is None:
        return None
    provider = provider_for(item.fulfilled_by)
    if provider is None:
        return None
    return provider.link(actor, case, facts, item.fact_object_id)


def _with_links(
    actor: Actor, case: Case, facts: CaseFacts, items: list[ChecklistItem]
) -> list[ChecklistItem]:
    for item in items:
        item.fact_url = fact_link(actor, case, facts, item)  # type: ignore[attr-defined]
    return items


def _is_superseded(case: Case, checklist: Checklist) -> bool:
    return any(c.pk == checklist.pk for c in superseded_checklists(case))


@object_gate
@require_GET
def checklist_detail_view(request: HttpRequest, case_id: int, checklist_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts, checklist = get_checklist_for_user(actor, case_id, checklist_id)
    open_case = case.status != CaseStatus.CLOSED
    items = _with_links(actor, case, facts, _items(checklist))
    for item in items:
        # An irreversible item waits while a death is only reported: shown, not ticked.
        item.awaits = awaits_confirmation(case, item)  # type: ignore[attr-defined]
        # The holder's own items get a "done" button, as the lead's do.
        item.may_complete = (  # type: ignore[attr-defined]
            open_case and not item.awaits and _may_complete(actor, facts, item)  # type: ignore[attr-defined]
        )
    context = {
        "case": case,
        "checklist": checklist,
        "items": items,
        "today": timezone.localdate(),
        "may_tick": may_tick_checklist(actor, facts) and open_case,
        "may_complete_any": any(item.may_complete for item in items),  # type: ignore[attr-defined]
        "closed": case.status == CaseStatus.CLOSED,
        "superseded": _is_superseded(case, checklist),
        "may_settle": may_settle_checklist(actor, facts) and open_case,
    }
    return render(request, "checklists/detail.html", context)


def _settle_page(
    request: HttpRequest,
    actor: Actor,
    facts: CaseFacts,
    case: Case,
    checklist: Checklist,
    form: SettleForm,
    *,
    status: int | None = None,
    conflict: bool = False,
) -> HttpResponse:
    if request.method == "POST":
        log_case_read(actor, case, facts, name="checklists.settle.read")
    context = {
        "case": case,
        "checklist": checklist,
        "form": form,
        "rows": form.rows(),
        "conflict": conflict,
        "superseded": _is_superseded(case, checklist),
    }
    code = status or (400 if form.errors else 200)
    return render(request, "checklists/settle.html", context, status=code)


@object_gate
@require_http_methods(["GET", "POST"])
def checklist_settle_view(request: HttpRequest, case_id: int, checklist_id: int) -> HttpResponse:
    """The lead closes, in one step, the open items of a checklist whose situation passed."""
    actor = request_actor(request)
    posting = request.method == "POST"
    case, facts, checklist = get_checklist_for_user(
        actor, case_id, checklist_id, write=posting, log_name="checklists.settle.read"
    )
    if not may_settle_checklist(actor, facts):
        raise refused(actor, object_type="checklist", object_id=checklist.pk)

    def open_items() -> list[ChecklistItem]:
        return list(checklist.items.filter(state=ItemState.OPEN).order_by("position", "id"))

    def form(data: QueryDict | None) -> SettleForm:
        if data is not None:
            return SettleForm(data, items=open_items())
        version = Checklist.objects.values_list("version", flat=True).get(pk=checklist.pk)
        return SettleForm(initial={"version": version}, items=open_items())

    def save(form: SettleForm) -> int:
        return checklist_settle(
            actor=actor,
            user=request_user(request),
            checklist=checklist,
            reasons=form.reasons(),
            version=form.cleaned_data["version"],
        )

    def page(form: SettleForm, status: int, conflict: bool) -> HttpResponse:
        return _settle_page(
            request, actor, facts, case, checklist, form, status=status, conflict=conflict
        )

    def done(settled: int) -> HttpResponse:
        messages.success(
            request,
            ngettext(
                "%(count)d open item has lapsed; its task is withdrawn.",
                "%(count)d open items have lapsed; their tasks are withdrawn.",
                settled,
            )
            % {"count": settled},
        )
        return redirect(checklist_url(checklist))

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: Checklist.objects.values_list("version", flat=True).get(
                pk=checklist.pk
            ),
            save=save,
            page=page,
            done=done,
        ),
    )


def _item_page(
    request: HttpRequest,
    actor: Actor,
    facts: CaseFacts,
    case: Case,
    checklist: Checklist,
    item: ChecklistItem,
    form: ItemForm | None,
    *,
    status: int | None = None,
    conflict: bool = False,
    holder_form: HolderForm | None = None,
    report_form: ReportForm | None = None,
) -> HttpResponse:
    if request.method == "POST":
        # The page re-shown after a refused change names the case: a read, logged as such
        # (a GET was logged by the gate already).
        log_case_read(actor, case, facts, name="checklists.item.read")
    item.fact_url = fact_link(actor, case, facts, item)  # type: ignore[attr-defined]
    item.awaits = awaits_confirmation(case, item)  # type: ignore[attr-defined]
    open_item = case.status != CaseStatus.CLOSED and item.state == ItemState.OPEN
    if holder_form is None and open_item and may_tick_checklist(actor, facts):
        holder_form = HolderForm(
            initial={"holder": holder_value(item), "version": item.version},
            choices=holder_choices(case),
        )
    # Reporting back is for an item an organisation holds (the lead may note what it said).
    held = item.holder_organisation_id is not None
    if report_form is None and open_item and held and _may_complete(actor, facts, item):
        report_form = ReportForm(initial={"feedback": item.feedback, "version": item.version})
    context = {
        "case": case,
        "checklist": checklist,
        "item": item,
        "form": form,
        "holder_form": holder_form,
        "report_form": report_form,
        "conflict": conflict,
        "closed": case.status == CaseStatus.CLOSED,
        "open_state": ItemState.OPEN,
    }
    code = status or (
        400 if any(f is not None and f.errors for f in (form, holder_form, report_form)) else 200
    )
    return render(request, "checklists/item.html", context, status=code)


@object_gate
@require_http_methods(["GET", "POST"])
def checklist_item_view(
    request: HttpRequest, case_id: int, checklist_id: int, item_id: int
) -> HttpResponse:
    """One item with its help text; the lead and process director mark it here, and the
    organisation that holds it marks it done and reports back."""
    actor = request_actor(request)
    posting = request.method == "POST"
    case, facts, checklist, item = get_item_for_user(actor, case_id, checklist_id, item_id)
    may_complete = _may_complete(actor, facts, item)
    if posting and not may_complete:
        raise refused(actor, object_type="checklist_item", object_id=item.pk)
    # Those who only hold the item mark it done; judging it is for those who direct the case.
    done_only = not may_tick_checklist(actor, facts)
    # A GET offers the form to those who may mark an open item; a POST that is refused shows
    # it again (a closed case is refused by the service, with its own message).
    markable = item.state == ItemState.OPEN or not done_only
    offer_form = posting or (may_complete and markable and case.status != CaseStatus.CLOSED)

    def form(data: QueryDict | None) -> ItemForm:
        if data is not None:
            return ItemForm(data, current=item.state, done_only=done_only)
        if posting:
            # The form of a conflict: its choices follow the item as it is now.
            item.refresh_from_db()
        return ItemForm(initial={"version": item.version}, current=item.state, done_only=done_only)

    def save(form: ItemForm) -> ChecklistItem:
        return checklist_item_mark(
            actor=actor,
            user=request_user(request),
            item=item,
            state=form.cleaned_data["state"],
            reason=form.cleaned_data.get("reason", ""),
            version=form.cleaned_data["version"],
        )

    def page(form: ItemForm, status: int, conflict: bool) -> HttpResponse:
        shown = form if offer_form else None
        return _item_page(
            request, actor, facts, case, checklist, item, shown, status=status, conflict=conflict
        )

    def done(_marked: ChecklistItem) -> HttpResponse:
        messages.success(request, _("The checklist item has been saved."))
        return redirect(f"{checklist_url(checklist)}#item-{item.pk}")

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: ChecklistItem.objects.values_list("version", flat=True).get(
                pk=item.pk
            ),
            save=save,
            page=page,
            done=done,
        ),
    )


def _item_form_post(
    request: HttpRequest, case_id: int, checklist_id: int, item_id: int, *, assigning: bool
) -> HttpResponse:
    """The POST of the item page's "held by" or "report back" form: the same page again
    with 400 and nothing changed on bad input, 409 on a stale version."""
    actor = request_actor(request)
    case, facts, checklist, item = get_item_for_user(actor, case_id, checklist_id, item_id)
    allowed = may_tick_checklist(actor, facts) if assigning else _may_complete(actor, facts, item)
    if not allowed:
        raise refused(actor, object_type="checklist_item", object_id=item.pk)

    def form(data: QueryDict | None) -> HolderForm | ReportForm:
        if assigning:
            initial = {"holder": holder_value(item), "version": item.version}
            return HolderForm(data, initial=initial, choices=holder_choices(case))
        return ReportForm(data, initial={"feedback": item.feedback, "version": item.version})

    def save(form: HolderForm | ReportForm) -> ChecklistItem:
        if isinstance(form, HolderForm):
            organisation_id, holder_id = form.organisation_and_holder()
            return checklist_item_assign(
                actor=actor,
                item=item,
                organisation_id=organisation_id,
                holder_id=holder_id,
                version=form.cleaned_data["version"],
            )
        return checklist_item_report(
            actor=actor,
            user=request_user(request),
            item=item,
            feedback=form.cleaned_data["feedback"],
            version=form.cleaned_data["version"],
        )

    def page(form: HolderForm | ReportForm, status: int, conflict: bool) -> HttpResponse:
        item.refresh_from_db()
        forms = {"holder_form": form} if assigning else {"report_form": form}
        return _item_page(
            request,
            actor,
            facts,
            case,
            checklist,
            item,
            None,
            status=status,
            conflict=conflict,
            **forms,  # type: ignore[arg-type]
        )

    def done(_saved: ChecklistItem) -> HttpResponse:
        text = (
            _("The item has been handed over.") if assigning else _("Your report has been saved.")
        )
        messages.success(request, text)
        return redirect(f"{checklist_url(checklist)}#item-{item.pk}")

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: ChecklistItem.objects.values_list("version", flat=True).get(
                pk=item.pk
            ),
            save=save,
            page=page,
            done=done,
        ),
    )


@object_gate
@require_POST
def checklist_item_assign_view(
    request: HttpRequest, case_id: int, checklist_id: int, item_id: int
) -> HttpResponse:
    """The lead or process director hands an open item to a team organisation or person."""
    return _item_form_post(request, case_id, checklist_id, item_id, assigning=True)


@object_gate
@require_POST
def checklist_item_report_view(
    request: HttpRequest, case_id: int, checklist_id: int, item_id: int
) -> HttpResponse:
    """The organisation that holds an item reports back on it."""
    return _item_form_post(request, case_id, checklist_id, item_id, assigning=False)
