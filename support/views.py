"""The family support log and the assessment references of a case, under
/casussen/<case_id>/ondersteuning/.

Whoever may see the case reads them; those on the case by right record them; a team partner
changes only what their own organisation recorded (404 otherwise, as for a missing object).
Every page logs what it shows: the case's subject, and for family contacts each relative
(network_person:<id>) named on the page, in the table or in the choice list. Bad input
re-renders with 400 and changes nothing; an outdated version answers 409 with the current
state and keeps what the user typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.actor import request_actor, request_user
from access.cases import may_change_support_record, may_record_support
from access.facts import Actor, CaseFacts
from accounts.models import Organisation
from cases.models import Case
from cases.workflow import CaseStatus
from lib.access_rules import object_gate
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, current_state, version_now, versioned_edit
from network.models import NetworkPerson
from support.forms import AssessmentForm, ContactForm
from support.gates import (
    get_assessment,
    get_contact,
    get_recording_case,
    get_support_case,
    log_relatives_read,
)
from support.models import AssessmentReference, FamilySupportContact
from support.services import (
    assessment_record,
    assessment_update,
    family_contact_record,
    family_contact_update,
)


def _relatives(case: Case) -> Any:
    return NetworkPerson.objects.filter(
        case=case, kind="person", represents_case_subject=False
    ).order_by("name", "id")


def _done(request: HttpRequest, message: str, url_name: str, case: Case) -> HttpResponse:
    messages.success(request, message)
    return redirect(url_name, case_id=case.pk)


# --- Family support contacts. ---


@object_gate
@require_GET
def family_list_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_support_case(actor, case_id, log_name="support.family.list")
    contacts = list(
        FamilySupportContact.objects.filter(case=case)
        .select_related("relative", "recorded_by", "organisation")
        .order_by("-contact_on", "-id")
    )
    log_relatives_read(
        actor, case, facts, [c.relative for c in contacts], name="support.family.read"
    )
    context = {
        "case": case,
        "rows": [
            (c, may_change_support_record(actor, facts, organisation_id=c.organisation_id))
            for c in contacts
        ],
        "may_record": may_record_support(actor, facts) and case.status != CaseStatus.CLOSED,
    }
    return render(request, "support/family_list.html", context)


def _contact_page(
    request: HttpRequest,
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    form: ContactForm,
    *,
    contact: FamilySupportContact | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    relatives = list(_relatives(case))
    # Every relative in the choice list is named on the page.
    log_relatives_read(
        actor,
        case,
        facts,
        relatives + ([contact.relative] if contact else []),
        name="support.family.form",
    )
    context = {"case": case, "form": form, "contact": contact, "conflict": conflict}
    return render(request, "support/family_form.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def family_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_recording_case(actor, case_id)
    if request.method != "POST":
        form = ContactForm(relatives=_relatives(case))
        return _contact_page(request, actor, case, facts, form)
    form = ContactForm(request.POST, relatives=_relatives(case))
    if not form.is_valid():
        return _contact_page(request, actor, case, facts, form, status=400)
    try:
        family_contact_record(
            actor=actor, user=request_user(request), case=case, data=form.to_input()
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _contact_page(request, actor, case, facts, form, status=400)
    messages.success(request, _("The family support contact has been recorded."))
    return redirect("support:family_list", case_id=case.pk)


@object_gate
@require_http_methods(["GET", "POST"])
def family_edit_view(request: HttpRequest, case_id: int, contact_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_recording_case(actor, case_id)
    contact = get_contact(actor, case, facts, contact_id, write=True)

    def form(data: QueryDict | None) -> ContactForm:
        relatives = _relatives(case)
        if data is not None:
            return ContactForm(data, relatives=relatives, editing=True)
        initial = ContactForm.initial_for(current_state(request, contact))
        return ContactForm(initial=initial, relatives=relatives, editing=True)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(contact),
            save=lambda form: family_contact_update(
                actor=actor,
                user=request_user(request),
                contact=contact,
                data=form.to_input(),
                version=form.cleaned_data["version"],
            ),
            page=lambda form, status, conflict: _contact_page(
                request, actor, case, facts, form, contact=contact, conflict=conflict, status=status
            ),
            done=lambda _contact: _done(
                request,
                _("The family support contact has been changed."),
                "support:family_list",
                case,
            ),
        ),
    )


# --- Assessment references. ---


def _organisations(case: Case) -> Any:
    return Organisation.objects.filter(region_id=case.municipality.region_id).order_by("name")


@object_gate
@require_GET
def assessment_list_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_support_case(actor, case_id, log_name="support.assessment.list")
    assessments = (
        AssessmentReference.objects.filter(case=case)
        .select_related("assessor_organisation", "recorded_by", "organisation")
        .order_by("-assessed_on", "-id")
    )
    context = {
        "case": case,
        "rows": [
            (a, may_change_support_record(actor, facts, organisation_id=a.organisation_id))
            for a in assessments
        ],
        "may_record": may_record_support(actor, facts) and case.status != CaseStatus.CLOSED,
    }
    return render(request, "support/assessment_list.html", context)


def _assessment_page(
    request: HttpRequest,
    case: Case,
    form: AssessmentForm,
    *,
    assessment: AssessmentReference | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {"case": case, "form": form, "assessment": assessment, "conflict": conflict}
    return render(request, "support/assessment_form.html", context, status=status)


@object_gate
@require_http_methods(["GET", "POST"])
def assessment_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, _facts = get_recording_case(actor, case_id)
    organisations = _organisations(case)
    if request.method != "POST":
        form = AssessmentForm(organisations=organisations)
        return _assessment_page(request, case, form)
    form = AssessmentForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _assessment_page(request, case, form, status=400)
    try:
        assessment_record(actor=actor, user=request_user(request), case=case, data=form.to_input())
    except ValidationError as error:
        add_service_errors(form, error)
        return _assessment_page(request, case, form, status=400)
    messages.success(request, _("The assessment reference has been recorded."))
    return redirect("support:assessment_list", case_id=case.pk)


@object_gate
@require_http_methods(["GET", "POST"])
def assessment_edit_view(request: HttpRequest, case_id: int, assessment_id: int) -> HttpResponse:
    actor = request_actor(request)
    case, facts = get_recording_case(actor, case_id)
    assessment = get_assessment(actor, case, facts, assessment_id, write=True)
    organisations = _organisations(case)

    def form(data: QueryDict | None) -> AssessmentForm:
        if data is not None:
            return AssessmentForm(data, organisations=organisations, editing=True)
        initial = AssessmentForm.initial_for(current_state(request, assessment))
        return AssessmentForm(initial=initial, organisations=organisations, editing=True)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(assessment),
            save=lambda form: assessment_update(
                actor=actor,
                user=request_user(request),
                assessment=assessment,
                data=form.to_input(),
                version=form.cleaned_data["version"],
            ),
            page=lambda form, status, conflict: _assessment_page(
                request, case, form, assessment=assessment, conflict=conflict, status=status
            ),
            done=lambda _assessment: _done(
                request,
                _("The assessment reference has been changed."),
                "support:assessment_list",
                case,
            ),
        ),
    )
