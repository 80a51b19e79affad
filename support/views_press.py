"""The press line pages of a case: the lines with their status, one line with its history,
and the forms to draw up and change a line (lead and process director).

The whole team reads the line: partners must know what is said; so does the mayor's office
of the case's municipality (read only, without the person's name on the page). Every page
says in words that no names or numbers of individual cases are given out (seed §2.5), and
the name-and-number check stops an agreement that gives them (support.press).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.actor import request_actor, request_user
from access.cases import may_direct_press, may_view_case
from cases.models import Case
from cases.workflow import CaseStatus
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, current_state, version_now, versioned_edit
from support.forms import PressForm, qa_rows
from support.gates import get_directing_case, get_press_case, get_press_line
from support.models import PressLine, PressStatus
from support.press import (
    PressInput,
    findings_warning,
    press_findings,
    press_line_change,
    press_line_draw_up,
)


def saved_message(request: HttpRequest, case: Case | None, data: PressInput, text: str) -> None:
    """The success message; for a draft the check's findings too, so nobody is surprised
    when the agreement is refused later."""
    findings = press_findings(case, data) if data.agreed_on is None else []
    if findings:
        messages.warning(request, findings_warning(findings))
    else:
        messages.success(request, text)


@object_gate
@require_GET
def press_list_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_press_case(actor, case_id, log_name="support.press.list")
    lines = PressLine.objects.filter(case=case).select_related("created_by")
    context = {
        "case": case,
        "lines": lines,
        "may_direct": may_direct_press(actor, facts) and case.status != CaseStatus.CLOSED,
        "sees_case": may_view_case(actor, facts),
    }
    return render(request, "support/press_list.html", context)


@object_gate
@require_GET
def press_detail_view(request: HttpRequest, case_id: int, line_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_press_case(actor, case_id, log_name="support.press.read")
    line = get_press_line(case, line_id)
    context = {
        "case": case,
        "line": line,
        "sees_case": may_view_case(actor, facts),
        "revisions": line.revisions.select_related("changed_by"),
        "may_direct": may_direct_press(actor, facts)
        and case.status != CaseStatus.CLOSED
        and line.status() != PressStatus.EXPIRED,
    }
    return render(request, "support/press_detail.html", context)


def _form_page(
    request: HttpRequest,
    case: Case,
    form: PressForm,
    *,
    line: PressLine | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {"case": case, "form": form, "line": line, "conflict": conflict}
    return render(request, "support/press_form.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def press_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, _facts = get_directing_case(actor, case_id)
    if request.method != "POST":
        form = PressForm(initial={"lead": "municipality"})
        return _form_page(request, case, form)
    form = PressForm(request.POST, rows=qa_rows(data=request.POST))
    if not form.is_valid():
        return _form_page(request, case, form, status=400)
    data = form.to_input()
    try:
        line = press_line_draw_up(actor=actor, user=request_user(request), case=case, data=data)
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, case, form, status=400)
    saved_message(request, case, data, _("The press line has been recorded."))
    return redirect("support:press_detail", case_id=case.pk, line_id=line.pk)


def input_of(line: PressLine) -> PressInput:
    """The saved line as the check reads it."""
    return PressInput(
        lead=line.lead,
        core_messages=line.core_messages,
        valid_until=line.valid_until,
        questions_and_answers=tuple(
            (pair.get("question", ""), pair.get("answer", ""))
            for pair in line.questions_and_answers
        ),
        agreed_by=line.agreed_by,
        agreed_on=line.agreed_on,
    )


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
        saved_message(request, line.case, input_of(line), _("The press line has been changed."))
    return redirect("support:press_detail", case_id=line.case_id, line_id=line.pk)


@object_gate
@require_http_methods(["GET", "POST"])
def press_edit_view(request: HttpRequest, case_id: int, line_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, _facts = get_directing_case(actor, case_id)
    line = get_press_line(case, line_id)
    # As many question-and-answer rows as the line has, or as the user sent (on a conflict
    # too: every row they typed is shown back).
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
                request, case, form, line=line, conflict=conflict, status=status
            ),
            done=lambda changed: _changed(request, line=changed[0], withdrawn=changed[1]),
        ),
    )
