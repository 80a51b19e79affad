"""Pages of signals: the list, the overdue list, a signal with its history, and the lead's
status change and merge. Registering a signal is in views_intake.

Every page reads through signals.gates: lists show what ``signals_visible_to`` returns, a
signal comes from ``get_signal_for_user`` (404 for "missing" and "not yours"), and every
read of a person is logged. Changes are POST-redirect-GET; bad input re-renders with 400,
a stale edit with 409.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.exports import EXPORT_LIMIT, EXPORTERS, ExportableList, may_export
from access.facts import Actor
from access.roles import has_role
from access.signals import may_edit_signal, may_register_signal
from audit.models import Operation
from lib.access_rules import object_gate, roles
from lib.listing import (
    ListState,
    bound_filters,
    export_too_large,
    keyset_page,
    list_state,
    list_view,
    ordered_rows,
)
from lib.spreadsheet import checked_format, download
from lib.versioned_edit import VersionedEdit, version_now, versioned_edit
from signals.forms import (
    MergeForm,
    SignalFilterForm,
    TransitionForm,
    can_be_merged,
    manual_targets,
    merge_candidates,
)
from signals.gates import (
    get_intelligence_notice,
    get_signal_for_user,
    log_signal_read,
    signal_facts,
    signals_visible_to,
)
from signals.intake import region_municipalities
from signals.listing import SIGNAL_LIST, signal_sheet
from signals.models import Signal
from signals.reading import (
    apply_filters,
    birth_label,
    is_overdue,
    log_history_read,
    overdue_among,
    reporter_label,
)
from signals.related import cases_from, weighing_sessions_of
from signals.services import signal_merge, signal_transition

LOG_LIST = "signals.list"
LOG_EXPORT = "signals.export"
LOG_OVERDUE = "signals.overdue"
LOG_READ = "signals.read"


def _rows(signals: list[Signal]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [{"signal": s, "overdue": is_overdue(s, today=today)} for s in signals]


# --- Lists. ---


def _signal_list(
    request: HttpRequest, visible: QuerySet[Signal]
) -> tuple[ListState, SignalFilterForm, bool]:
    state = list_state(request, SIGNAL_LIST)
    form, valid = bound_filters(
        request,
        state,
        lambda data: SignalFilterForm(data, signals=visible),
    )
    return state, form, valid


@object_gate
@require_GET
def signal_list_view(request: HttpRequest) -> HttpResponse:
    """The signals the actor may see: filters and order kept in the session, keyset pages."""
    actor = request_actor(request)
    visible = signals_visible_to(actor)
    state, form, valid = _signal_list(request, visible)
    signals = apply_filters(visible, form.filters()) if valid else Signal.objects.none()
    page = keyset_page(signals.select_related("municipality", "subject"), state)
    log_signal_read(actor, page.rows, name=LOG_LIST)
    if page.cursor_refused:
        messages.info(request, _("That page link is not valid (any more); here is the first page."))
    may_export_signals = may_export(actor, ExportableList.SIGNALS)
    context: dict[str, Any] = {
        "form": form,
        "rows": _rows(page.rows),
        "listing": list_view(
            state, page, export_url=reverse("signals:export") if may_export_signals else ""
        ),
        "may_register": any(
            may_register_signal(actor, municipality_region_id=m.region_id)
            for m in region_municipalities(actor)
        ),
        "is_lead": has_role(actor, access_roles.LEAD),
    }
    return render(request, "signals/signal_list.html", context, status=200 if valid else 400)


@roles(EXPORTERS[ExportableList.SIGNALS])
@require_POST
def signal_export_view(request: HttpRequest) -> HttpResponse:
    """The signal list as the user last saw it, as a file; logged per data subject first."""
    actor = request_actor(request)
    fmt = checked_format(request.POST.get("formaat", ""))
    visible = signals_visible_to(actor)
    state, form, _valid = _signal_list(request, visible)
    signals = apply_filters(visible, form.filters()).select_related("municipality", "subject")
    rows = ordered_rows(signals, state, limit=EXPORT_LIMIT)
    if len(rows) > EXPORT_LIMIT:
        return export_too_large(request, limit=EXPORT_LIMIT, list_url=reverse("signals:list"))
    log_signal_read(actor, rows, name=LOG_EXPORT, operation=Operation.EXPORT)
    return download(signal_sheet(rows), stem="signalen", fmt=fmt)


@roles(access_roles.LEAD)
@require_GET
def signal_overdue_view(request: HttpRequest) -> HttpResponse:
    """Signals still to be verified after their working-day deadline."""
    actor = request_actor(request)
    signals = list(overdue_among(signals_visible_to(actor)))
    log_signal_read(actor, signals, name=LOG_OVERDUE)
    return render(request, "signals/signal_overdue.html", {"rows": _rows(signals)})


# --- One signal. ---


def _detail_page(
    request: HttpRequest,
    actor: Actor,
    signal: Signal,
    *,
    read_logged: bool,
    transition_form: TransitionForm | None = None,
    merge_form: MergeForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    if not read_logged:
        # A re-rendered form page shows the signal again: that is a read as well.
        log_signal_read(actor, [signal], name=LOG_READ)
    notice = get_intelligence_notice(actor, signal)
    events = list(signal.events.all())
    log_history_read(actor, signal, events)
    editable = may_edit_signal(actor, signal_facts(signal))
    context: dict[str, Any] = {
        "signal": signal,
        "subject": signal.subject,
        "birth": birth_label(signal.subject) if signal.subject else "",
        "minor": signal.subject.is_minor() if signal.subject else None,
        "reporter": reporter_label(signal, notice_visible=notice is not None),
        "notice": notice,
        "events": events,
        "overdue": is_overdue(signal),
        "editable": editable,
        "conflict": conflict,
        "weighing_sessions": list(weighing_sessions_of(actor, signal)),
        "opened_cases": list(cases_from(actor, signal)),
    }
    if editable:
        if manual_targets(signal.status):
            context["transition_form"] = transition_form or TransitionForm(signal=signal)
        if can_be_merged(signal) and merge_candidates(signal).exists():
            context["merge_form"] = merge_form or MergeForm(signal=signal)
    return render(request, "signals/signal_detail.html", context, status=status)


@object_gate
@require_GET
def signal_detail_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    actor = request_actor(request)
    signal = get_signal_for_user(actor, signal_id)
    return _detail_page(request, actor, signal, read_logged=True)


def _current(signal: Signal) -> Signal:
    """The signal as it is now. These views only take a POST, so only the conflict page asks
    for an unbound form: someone else changed the signal, and the page shows its new state."""
    signal.refresh_from_db()
    return signal


@object_gate
@require_POST
def signal_transition_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    """The status change form on the signal's page (the merge form is beside it)."""
    actor = request_actor(request)
    signal = get_signal_for_user(actor, signal_id, write=True)

    def form(data: QueryDict | None) -> TransitionForm:
        if data is not None:
            return TransitionForm(data, signal=signal)
        return TransitionForm(signal=_current(signal))

    def save(form: TransitionForm) -> Signal:
        data = form.cleaned_data
        return signal_transition(
            actor=actor,
            user=request_user(request),
            signal=signal,
            to=data["to"],
            reason=data["reason"],
            version=data["version"],
        )

    def done(_moved: Signal) -> HttpResponse:
        messages.success(request, _("The status of the signal has been changed."))
        return redirect("signals:detail", signal_id=signal.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(signal),
            save=save,
            page=lambda form, status, conflict: _detail_page(
                request,
                actor,
                signal,
                read_logged=False,
                transition_form=form,
                conflict=conflict,
                status=status,
            ),
            done=done,
        ),
    )


@object_gate
@require_POST
def signal_merge_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    """The merge form on the signal's page: this signal goes into another open one."""
    actor = request_actor(request)
    signal = get_signal_for_user(actor, signal_id, write=True)

    def form(data: QueryDict | None) -> MergeForm:
        if data is not None:
            return MergeForm(data, signal=signal)
        return MergeForm(signal=_current(signal))

    def save(form: MergeForm) -> Signal:
        data = form.cleaned_data
        into: Signal = data["into"]
        signal_merge(
            actor=actor,
            user=request_user(request),
            signal=signal,
            into=into,
            reason=data["reason"],
            version=data["version"],
        )
        return into

    def done(into: Signal) -> HttpResponse:
        messages.success(
            request,
            _("Signal %(number)s has been merged into this signal.") % {"number": signal.pk},
        )
        return redirect("signals:detail", signal_id=into.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(signal),
            save=save,
            page=lambda form, status, conflict: _detail_page(
                request,
                actor,
                signal,
                read_logged=False,
                merge_form=form,
                conflict=conflict,
                status=status,
            ),
            done=done,
        ),
    )
