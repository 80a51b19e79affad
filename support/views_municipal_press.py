"""The press lines of a municipality (issue 14, points 4 and 5), under /perslijnen/.

The municipality's own lines (unrest in a neighbourhood, a general statement; no case) are
kept by its lead and mayor's office, who draw them up, change them and record the local
triangle's agreement, checked for numbers of people as every line is. The same page lists
the press lines of the municipality's cases the reader may read (the mayor's office: all of
them, read only), by case number and never by name; each case number shown is a read of
that case's subject and is logged as one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.actor import request_actor, request_user
from access.press_lines import MUNICIPAL_PRESS_KEEPERS, press_case_scope
from accounts.models import Municipality
from cases.gates import case_facts
from cases.models import Case
from lib.access_rules import roles
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, current_state, version_now, versioned_edit
from support.forms import PressForm, qa_rows
from support.gates import get_municipal_press_line, get_press_municipality, log_press_read
from support.models import PressLine, PressStatus
from support.press import municipal_press_lines, press_line_change, press_line_draw_up
from support.views_press import input_of, saved_message

LIST_LOG_NAME = "support.press.municipality_list"


@roles(MUNICIPAL_PRESS_KEEPERS)
@require_GET
def municipal_press_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    municipality = get_press_municipality(actor)
    readable = Case.objects.filter(press_case_scope(actor)).distinct()
    case_lines = list(
        PressLine.objects.filter(municipality=municipality, case__in=readable)
        .select_related("case", "case__municipality")
        .order_by("case_id", "-created_at", "-id")
    )
    shown = {line.case_id: line.case for line in case_lines if line.case is not None}
    for case in shown.values():
        log_press_read(actor, case, case_facts(case), name=LIST_LOG_NAME)
    context = {
        "municipality": municipality,
        "lines": municipal_press_lines(municipality),
        "case_lines": case_lines,
    }
    return render(request, "support/municipal_press_list.html", context)


@roles(MUNICIPAL_PRESS_KEEPERS)
@require_GET
def municipal_press_detail_view(request: HttpRequest, line_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = get_press_municipality(actor)
    line = get_municipal_press_line(municipality, line_id)
    context = {
        "municipality": municipality,
        "line": line,
        "revisions": line.revisions.select_related("changed_by"),
        "may_direct": line.status() != PressStatus.EXPIRED,
    }
    return render(request, "support/municipal_press_detail.html", context)


def _form_page(
    request: HttpRequest,
    municipality: Municipality,
    form: PressForm,
    *,
    line: PressLine | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {"municipality": municipality, "form": form, "line": line, "conflict": conflict}
    return render(request, "support/municipal_press_form.html", context, status=status)


@roles(MUNICIPAL_PRESS_KEEPERS)
@require_http_methods(["GET", "POST"])
def municipal_press_add_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    municipality = get_press_municipality(actor)
    if request.method != "POST":
        form = PressForm(initial={"lead": "municipality"})
        return _form_page(request, municipality, form)
    form = PressForm(request.POST, rows=qa_rows(data=request.POST))
    if not form.is_valid():
        return _form_page(request, municipality, form, status=400)
    data = form.to_input()
    try:
        line = press_line_draw_up(
            actor=actor, user=request_user(request), municipality=municipality, data=data
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, municipality, form, status=400)
    saved_message(request, None, data, _("The press line has been recorded."))
    return redirect("press:detail", line_id=line.pk)


def _changed(request: HttpRequest, line: PressLine, withdrawn: bool) -> HttpResponse:
    if withdrawn:
        messages.warning(
            request,
            _(
                "The text changed, so the line is a draft again until the local triangle "
                "agrees to it. Record that agreement when it is given."
            ),
        )
    else:
        saved_message(request, None, input_of(line), _("The press line has been changed."))
    return redirect("press:detail", line_id=line.pk)


@roles(MUNICIPAL_PRESS_KEEPERS)
@require_http_methods(["GET", "POST"])
def municipal_press_edit_view(request: HttpRequest, line_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = get_press_municipality(actor)
    line = get_municipal_press_line(municipality, line_id)
    rows = qa_rows(len(line.questions_and_answers), request.POST)

    def form(data: QueryDict | None) -> PressForm:
        if data is not None:
            return PressForm(data, rows=rows, editing=True)
        initial = PressForm.initial_for(current_state(request, line))
        return PressForm(initial=initial, rows=rows, editing=True)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(line),
            save=lambda form: press_line_change(
                actor=actor,
                user=request_user(request),
                line=line,
                data=form.to_input(),
                version=form.cleaned_data["version"],
            ),
            page=lambda form, status, conflict: _form_page(
                request, municipality, form, line=line, conflict=conflict, status=status
            ),
            done=lambda changed: _changed(request, line=changed[0], withdrawn=changed[1]),
        ),
    )
