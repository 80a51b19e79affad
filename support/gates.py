"""Gates for the support pages and API: every object is reached through its case's gate.

Whoever may see the case sees its family contacts, press line, assessments and aftercare
(the case gate logs that read). Recording needs more, asked of the one policy: family
contacts and assessments those on the case by right; the press line and the reintegration
plan those who direct the case. An object of another case is the same 404 as a missing one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.http import Http404

from access.cases import may_change_support_record, may_edit_case, may_record_support, may_view_case
from access.facts import Actor, CaseFacts, MunicipalityFacts
from access.press_lines import may_keep_municipal_press, may_read_case_press
from access.refusal import refused
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts, get_case_with_facts, log_case_read
from cases.models import Case
from network.gates import log_network_read
from network.models import NetworkPerson
from support.models import AssessmentReference, FamilySupportContact, PressLine


def get_support_case(
    actor: Actor, case_id: int, *, log_name: str = "support.read"
) -> tuple[Case, CaseFacts]:
    """The case when the actor may see it (the read logged under the case's subject)."""
    return get_case_with_facts(actor, case_id, log_name=log_name)


def _gate(
    actor: Actor, case_id: int, allowed: Callable[[Actor, CaseFacts], bool], log_name: str
) -> tuple[Case, CaseFacts]:
    case = Case.objects.select_related("municipality", "subject").filter(pk=case_id).first()
    if case is None:
        raise Http404
    facts = case_facts(case)
    if not may_view_case(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    if not allowed(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    # The form pages show the case's person: a read, logged only once it is allowed.
    log_case_read(actor, case, facts, name=log_name)
    return case, facts


def get_recording_case(actor: Actor, case_id: int) -> tuple[Case, CaseFacts]:
    """The case when the actor may record family contacts and assessments in it; else 404."""
    return _gate(actor, case_id, may_record_support, "support.form")


def get_directing_case(actor: Actor, case_id: int) -> tuple[Case, CaseFacts]:
    """The case when the actor directs it (press line, reintegration plan); else 404."""
    return _gate(actor, case_id, may_edit_case, "support.form")


def get_contact(
    actor: Actor, case: Case, facts: CaseFacts, contact_id: int, *, write: bool = False
) -> FamilySupportContact:
    contact = (
        FamilySupportContact.objects.select_related("relative", "recorded_by", "organisation")
        .filter(case=case, pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404
    if write and not may_change_support_record(
        actor, facts, organisation_id=contact.organisation_id
    ):
        raise refused(actor, object_type="family_support_contact", object_id=contact.pk)
    contact.case = case
    return contact


def get_assessment(
    actor: Actor, case: Case, facts: CaseFacts, assessment_id: int, *, write: bool = False
) -> AssessmentReference:
    assessment = (
        AssessmentReference.objects.select_related(
            "assessor_organisation", "recorded_by", "organisation"
        )
        .filter(case=case, pk=assessment_id)
        .first()
    )
    if assessment is None:
        raise Http404
    if write and not may_change_support_record(
        actor, facts, organisation_id=assessment.organisation_id
    ):
        raise refused(actor, object_type="assessment_reference", object_id=assessment.pk)
    assessment.case = case
    return assessment


def log_press_read(actor: Actor, case: Case, facts: CaseFacts, *, name: str) -> None:
    """A read of a case's press line, under the case's subject. The mayor's office reads it
    by its own right (not emergency access), so its read carries a mark of its own."""
    if may_view_case(actor, facts):
        log_case_read(actor, case, facts, name=name)
        return
    log_processing(
        activity=ACTIVITY,
        name=name + ".mayor_office",
        operation=Operation.READ,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type="case",
        object_id=case.pk,
    )


def get_press_case(actor: Actor, case_id: int, *, log_name: str) -> tuple[Case, CaseFacts]:
    """The case whose press lines the actor may read (those who see the case, and the mayor's
    office of its municipality); the read logged under the case's subject; else 404."""
    case = (
        Case.objects.select_related("municipality", "subject", "lead", "process_director")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    facts = case_facts(case)
    if not may_read_case_press(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    log_press_read(actor, case, facts, name=log_name)
    return case, facts


def get_press_municipality(actor: Actor) -> Municipality:
    """The actor's own municipality when they keep its press lines (lead, mayor's office)."""
    if actor.municipality_id is None:
        raise Http404
    municipality = Municipality.objects.filter(pk=actor.municipality_id).first()
    if municipality is None:
        raise Http404
    facts = MunicipalityFacts(municipality_id=municipality.pk, region_id=municipality.region_id)
    if not may_keep_municipal_press(actor, facts):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    return municipality


def get_municipal_press_line(municipality: Municipality, line_id: int) -> PressLine:
    """A press line of the municipality itself; a line of a case or of another municipality
    is the same 404 as a missing one."""
    line = (
        PressLine.objects.select_related("created_by")
        .filter(municipality=municipality, case__isnull=True, pk=line_id)
        .first()
    )
    if line is None:
        raise Http404
    line.municipality = municipality
    return line


def get_press_line(case: Case, line_id: int) -> PressLine:
    line = PressLine.objects.select_related("created_by").filter(case=case, pk=line_id).first()
    if line is None:
        raise Http404
    line.case = case
    return line


def log_relatives_read(
    actor: Actor, case: Case, facts: CaseFacts, people: Iterable[NetworkPerson], *, name: str
) -> None:
    """One record for the case's subject and one per relative shown (network_person:<id>)."""
    shown = {p.pk: p for p in people}.values()
    # log_network_read marks a read through emergency access itself.
    log_network_read(actor, case, facts, shown, name=name, operation=Operation.READ)
