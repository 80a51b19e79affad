"""Writing the family support log and assessment references.

Every function asks the policy again (views gate first; the API and tests call these too),
validates before it saves and logs the write in the same transaction: the case's subject,
and for a family contact also the relative (a network person, a data subject of their own).
A refusal is a ValidationError with a sentence per field and changes nothing; an outdated
version raises StaleEdit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_change_support_record, may_record_support
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case
from cases.workflow import CaseStatus
from lib.concurrency import StaleEdit, update_if_current
from network.gates import person_ref
from network.models import NetworkPerson, NodeKind
from support.models import AssessmentReference, FamilySupportContact, Instrument
from tasks.models import TaskSource
from tasks.services import task_assign, task_withdraw
from tasks.titles import Title, TitleKey

Errors = dict[str, list[str]]

SUMMARY_LIMIT = 300
TEXT_LIMIT = 2000
LONG_LIMIT = 4000
NAME_LIMIT = 200
QUESTION_KINDS = ("practical", "emotional", "care")


def log_support(
    actor: Actor,
    case: Case,
    *,
    name: str,
    operation: Operation,
    object_type: str,
    object_id: int | str = "",
    people: Iterable[int] = (),
) -> None:
    """One processing record for the case's subject and one per network person involved."""
    subjects = [f"subject:{case.subject_id}"] + [person_ref(pk) for pk in sorted(set(people))]
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=subjects,
        object_type=object_type,
        object_id=object_id,
    )


def _require_open(case: Case, errors: Errors) -> None:
    if case.status == CaseStatus.CLOSED:
        errors["__all__"] = [_("The case is closed: nothing can be recorded in it any more.")]


def check_text(value: str, key: str, limit: int, errors: Errors, *, required: str = "") -> None:
    if required and not value.strip():
        errors[key] = [required]
    elif len(value.strip()) > limit:
        errors[key] = [_("Write at most %(limit)d characters.") % {"limit": limit}]


def _not_future(value: date | None, key: str, errors: Errors) -> None:
    if value is not None and value > timezone.localdate():
        errors.setdefault(key, []).append(_("This date cannot lie in the future."))


def current_version(model: type[models.Model], pk: int) -> int | None:
    value = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()
    return int(value) if value is not None else None


# --- Family support contacts. ---


@dataclass(frozen=True)
class ContactInput:
    """What a family support contact records."""

    relative: NetworkPerson
    contact_on: date
    question_kinds: frozenset[str]
    summary: str
    agreements: str = ""
    referred: bool = False
    referred_on: date | None = None


def relatives_of(case: Case) -> list[NetworkPerson]:
    """The people of a case's network a family contact can be with (not the person of the
    case, not places or organisations)."""
    return list(
        NetworkPerson.objects.filter(
            case=case, kind=NodeKind.PERSON, represents_case_subject=False
        ).order_by("name", "id")
    )


def _check_contact(case: Case, data: ContactInput) -> Errors:
    errors: Errors = {}
    _require_open(case, errors)
    relative = data.relative
    if (
        relative.case_id != case.pk
        or relative.kind != NodeKind.PERSON
        or relative.represents_case_subject
    ):
        errors["relative"] = [_("Choose a relative from the network of this case.")]
    _not_future(data.contact_on, "contact_on", errors)
    unknown = data.question_kinds - set(QUESTION_KINDS)
    if not data.question_kinds or unknown:
        errors["question_kinds"] = [
            _("Choose what the question was about: practical, emotional or care.")
        ]
    check_text(data.summary, "summary", SUMMARY_LIMIT, errors, required=_("Summarise the contact."))
    check_text(data.agreements, "agreements", TEXT_LIMIT, errors)
    if data.referred and data.referred_on is None:
        errors["referred_on"] = [_("Give the date of the referral to the Familiesteunpunt.")]
    if not data.referred and data.referred_on is not None:
        errors["referred_on"] = [_("Tick the referral, or leave its date empty.")]
    _not_future(data.referred_on, "referred_on", errors)
    return errors


def _contact_fields(data: ContactInput) -> dict[str, object]:
    return {
        "relative": data.relative,
        "contact_on": data.contact_on,
        "practical": "practical" in data.question_kinds,
        "emotional": "emotional" in data.question_kinds,
        "care": "care" in data.question_kinds,
        "summary": data.summary.strip(),
        "agreements": data.agreements.strip(),
        "referred": data.referred,
        "referred_on": data.referred_on if data.referred else None,
    }


@transaction.atomic
def family_contact_record(
    *, actor: Actor, user: User, case: Case, data: ContactInput
) -> FamilySupportContact:
    if not may_record_support(actor, case_facts(case)):
        raise ValidationError(_("Only those on the case record family support contacts."))
    errors = _check_contact(case, data)
    if errors:
        raise ValidationError(errors)
    contact = FamilySupportContact(
        case=case,
        recorded_by=user,
        organisation_id=actor.organisation_id,
        **_contact_fields(data),
    )
    contact.full_clean()
    contact.save()
    log_support(
        actor,
        case,
        name="support.family.create",
        operation=Operation.CREATE,
        object_type="family_support_contact",
        object_id=contact.pk,
        people=[data.relative.pk],
    )
    return contact


@transaction.atomic
def family_contact_update(
    *, actor: Actor, user: User, contact: FamilySupportContact, data: ContactInput, version: int
) -> FamilySupportContact:
    """Changes a contact; ``version`` is the one the user saw."""
    case = contact.case
    if not may_change_support_record(
        actor, case_facts(case), organisation_id=contact.organisation_id
    ):
        raise ValidationError(_("Only the recording organisation or the lead changes a contact."))
    if current_version(FamilySupportContact, contact.pk) != version:
        raise StaleEdit
    errors = _check_contact(case, data)
    if errors:
        raise ValidationError(errors)
    before = contact.relative_id
    update_if_current(FamilySupportContact, contact.pk, version, **_contact_fields(data))
    contact.refresh_from_db()
    log_support(
        actor,
        case,
        name="support.family.update",
        operation=Operation.UPDATE,
        object_type="family_support_contact",
        object_id=contact.pk,
        people=[before, contact.relative_id],
    )
    return contact


# --- Assessment references. ---


@dataclass(frozen=True)
class AssessmentInput:
    """What an assessment reference records: words and dates, never a score."""

    instrument: str
    assessor: str
    assessed_on: date
    narrative: str
    instrument_name: str = ""
    assessor_organisation: Organisation | None = None
    document_reference: str = ""
    next_on: date | None = None


def _check_assessment(case: Case, data: AssessmentInput) -> Errors:
    errors: Errors = {}
    _require_open(case, errors)
    if data.instrument not in Instrument.values:
        errors["instrument"] = [
            _("Choose the instrument from the list: VERA-2R, ERG, IR-46, other or unstructured.")
        ]
    if data.instrument == Instrument.OTHER and not data.instrument_name.strip():
        errors["instrument_name"] = [_("Name the instrument that was used.")]
    check_text(data.instrument_name, "instrument_name", 100, errors)
    check_text(data.assessor, "assessor", NAME_LIMIT, errors, required=_("Say who made it."))
    organisation = data.assessor_organisation
    if organisation is not None and organisation.region_id != case.municipality.region_id:
        errors["assessor_organisation"] = [_("Choose an organisation of the region.")]
    _not_future(data.assessed_on, "assessed_on", errors)
    check_text(
        data.narrative,
        "narrative",
        LONG_LIMIT,
        errors,
        required=_("Write what the assessment concluded, in words."),
    )
    check_text(data.document_reference, "document_reference", NAME_LIMIT, errors)
    if data.next_on is not None and data.next_on <= data.assessed_on:
        errors["next_on"] = [_("The next assessment must come after this one.")]
    return errors


def _assessment_fields(data: AssessmentInput) -> dict[str, object]:
    return {
        "instrument": data.instrument,
        "instrument_name": data.instrument_name.strip()
        if data.instrument == Instrument.OTHER
        else "",
        "assessor": data.assessor.strip(),
        "assessor_organisation": data.assessor_organisation,
        "assessed_on": data.assessed_on,
        "narrative": data.narrative.strip(),
        "document_reference": data.document_reference.strip(),
        "next_on": data.next_on,
    }


def sync_assessment_task(assessment: AssessmentReference) -> None:
    """The next assessment is the lead's task (no score, only a date to plan for).

    The task leads to the case's assessment references, where the next one is referred to:
    everyone on the case sees the task on the case page and may open that list, while the
    page that changes this reference is only for those who may change it."""
    if assessment.next_on is None:
        task_withdraw(source=TaskSource.ASSESSMENT, source_id=assessment.pk)
        return
    task_assign(
        source=TaskSource.ASSESSMENT,
        source_id=assessment.pk,
        case=assessment.case,
        owner=assessment.case.lead,
        title=Title(TitleKey.NEXT_ASSESSMENT),
        url=f"/casussen/{assessment.case_id}/ondersteuning/taxaties/",
        due_on=assessment.next_on,
    )


@transaction.atomic
def assessment_record(
    *, actor: Actor, user: User, case: Case, data: AssessmentInput
) -> AssessmentReference:
    """Records a reference; its next date becomes a task for the case's lead."""
    if not may_record_support(actor, case_facts(case)):
        raise ValidationError(_("Only those on the case record assessment references."))
    errors = _check_assessment(case, data)
    if errors:
        raise ValidationError(errors)
    assessment = AssessmentReference(
        case=case,
        recorded_by=user,
        organisation_id=actor.organisation_id,
        **_assessment_fields(data),
    )
    assessment.full_clean()
    assessment.save()
    sync_assessment_task(assessment)
    log_support(
        actor,
        case,
        name="support.assessment.create",
        operation=Operation.CREATE,
        object_type="assessment_reference",
        object_id=assessment.pk,
    )
    return assessment


@transaction.atomic
def assessment_update(
    *,
    actor: Actor,
    user: User,
    assessment: AssessmentReference,
    data: AssessmentInput,
    version: int,
) -> AssessmentReference:
    case = assessment.case
    if not may_change_support_record(
        actor, case_facts(case), organisation_id=assessment.organisation_id
    ):
        raise ValidationError(_("Only the recording organisation or the lead changes it."))
    if current_version(AssessmentReference, assessment.pk) != version:
        raise StaleEdit
    errors = _check_assessment(case, data)
    if errors:
        raise ValidationError(errors)
    update_if_current(AssessmentReference, assessment.pk, version, **_assessment_fields(data))
    assessment.refresh_from_db()
    sync_assessment_task(assessment)
    log_support(
        actor,
        case,
        name="support.assessment.update",
        operation=Operation.UPDATE,
        object_type="assessment_reference",
        object_id=assessment.pk,
    )
    return assessment
