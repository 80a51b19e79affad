"""The press line (woordvoeringslijn) of a case or of the municipality itself: drawn up,
agreed in the local triangle, valid until a date, and versioned — every change appends a
revision with the full text.

Before a line is agreed, its texts go through the name-and-number check (support.name_check)
against the names of the case's subject and network persons (a line of the municipality has
no persons; numbers of people are checked always). A finding blocks the agreement until the
text is changed or a reason to agree anyway is recorded; that reason is kept with the
agreement (and in the revision) and its use is logged. Drafting is never blocked.

The status is read from the dates (PressLine.status): a draft until the triangle's agreement
is recorded, agreed after, expired once its valid-until day has passed. When the text of an
agreed line changes without a new agreement being recorded, the line becomes a draft again:
the triangle agreed to words, not to a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from access.cases import may_direct_press
from access.facts import Actor, MunicipalityFacts
from access.press_lines import may_keep_municipal_press
from accounts.models import Municipality, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case
from cases.workflow import CaseStatus
from lib.concurrency import StaleEdit, update_if_current
from network.models import NetworkPerson, NodeKind
from support.models import PressLead, PressLine, PressLineRevision
from support.name_check import Finding, FindingKind, PersonName, check_texts
from support.services import (
    LONG_LIMIT,
    Errors,
    check_text,
    current_version,
    log_support,
)

# Said on every press line page and in the API (seed §2.5).
PRESS_REMINDER = _lazy("Never give out names or numbers of individual cases.")
QA_LIMIT = 10
QA_TEXT_LIMIT = 1000
AGREED_BY_LIMIT = 300
REASON_LIMIT = 1000
# The field of the reason to agree despite the check: errors of the check are filed under it.
REASON_FIELD = "agreed_despite_check"


@dataclass(frozen=True)
class PressInput:
    lead: str
    core_messages: str
    valid_until: date
    questions_and_answers: tuple[tuple[str, str], ...] = ()
    agreed_by: str = ""
    agreed_on: date | None = None
    # Why the line is agreed although the name-and-number check found something.
    agreed_despite_check: str = ""


# --- The name-and-number check. ---


def press_people(case: Case | None) -> list[PersonName]:
    """The persons whose names a line of ``case`` must not give: its subject and the persons
    (not places or organisations) of its network. None for a line of the municipality."""
    if case is None:
        return []
    subject = case.subject
    people = [PersonName(subject.given_names, subject.surname_prefix, subject.surname)]
    names = NetworkPerson.objects.filter(case=case, kind=NodeKind.PERSON).values_list(
        "name", flat=True
    )
    people += [PersonName.from_full_name(name) for name in names]
    return people


def press_texts(data: PressInput) -> dict[str, str]:
    """The texts of a line that go out, keyed by how the user knows where they are."""
    texts = {str(_("core messages")): data.core_messages}
    for number, (question, answer) in enumerate(data.questions_and_answers, start=1):
        texts[str(_("question %(number)d") % {"number": number})] = question
        texts[str(_("answer %(number)d") % {"number": number})] = answer
    return texts


def press_findings(case: Case | None, data: PressInput) -> list[Finding]:
    return check_texts(press_texts(data), press_people(case))


def describe_findings(findings: list[Finding]) -> str:
    """The findings in one sentence part: "“Oefenberg” (core messages), “drie jongeren”
    (answer 2)"."""
    parts = []
    for finding in findings:
        if finding.kind == FindingKind.NAME:
            template = _("the name “%(found)s” (%(where)s)")
        else:
            template = _("the number of people “%(found)s” (%(where)s)")
        parts.append(template % {"found": finding.found, "where": finding.where})
    return ", ".join(parts)


def findings_message(findings: list[Finding]) -> str:
    return _(
        "The press line cannot be agreed yet: the check found %(findings)s. Change the text, "
        "or record why the local triangle agrees to it anyway."
    ) % {"findings": describe_findings(findings)}


def findings_warning(findings: list[Finding]) -> str:
    """Said after saving a draft: the check does not block a draft, but will block agreeing."""
    return _(
        "Saved. Note: the check found %(findings)s. Before the line can be agreed, change "
        "the text or record a reason."
    ) % {"findings": describe_findings(findings)}


def _agreement_check(case: Case | None, data: PressInput, *, agreeing: bool, errors: Errors) -> str:
    """The reason to store with the agreement: given only when it overrides findings."""
    reason = data.agreed_despite_check.strip()
    if len(reason) > REASON_LIMIT:
        errors[REASON_FIELD] = [_("Write at most %(limit)d characters.") % {"limit": REASON_LIMIT}]
        return ""
    if not agreeing:
        return ""
    findings = press_findings(case, data)
    if not findings:
        return ""
    if not reason:
        errors[REASON_FIELD] = [findings_message(findings)]
        return ""
    return reason


# --- Checks and writes. ---


def _check(case: Case | None, data: PressInput) -> Errors:
    errors: Errors = {}
    if case is not None and case.status == CaseStatus.CLOSED:
        errors["__all__"] = [_("The case is closed: nothing can be recorded in it any more.")]
    if data.lead not in PressLead.values:
        errors["lead"] = [_("Choose who leads: the public prosecutor or the municipality.")]
    check_text(
        data.core_messages,
        "core_messages",
        LONG_LIMIT,
        errors,
        required=_("Write the core messages."),
    )
    if len(data.questions_and_answers) > QA_LIMIT:
        errors["questions_and_answers"] = [
            _("Give at most %(limit)d questions and answers.") % {"limit": QA_LIMIT}
        ]
    for question, answer in data.questions_and_answers:
        if not question.strip() or not answer.strip():
            errors["questions_and_answers"] = [_("Give every question its answer, and back.")]
        elif max(len(question), len(answer)) > QA_TEXT_LIMIT:
            errors["questions_and_answers"] = [
                _("Write at most %(limit)d characters per question or answer.")
                % {"limit": QA_TEXT_LIMIT}
            ]
    check_text(data.agreed_by, "agreed_by", AGREED_BY_LIMIT, errors)
    today = timezone.localdate()
    if data.agreed_on is not None and not data.agreed_by.strip():
        errors["agreed_by"] = [_("Say who agreed the line in the local triangle.")]
    if data.agreed_by.strip() and data.agreed_on is None:
        errors["agreed_on"] = [_("Give the date the local triangle agreed the line.")]
    if data.agreed_on is not None and data.agreed_on > today:
        errors["agreed_on"] = [_("The agreement cannot lie in the future.")]
    if data.valid_until < today:
        errors["valid_until"] = [_("The line must still be valid today.")]
    if data.agreed_on is not None and data.valid_until < data.agreed_on:
        errors["valid_until"] = [
            _("The line cannot stop being valid before the day it was agreed.")
        ]
    return errors


def _fields(data: PressInput) -> dict[str, object]:
    return {
        "lead": data.lead,
        "core_messages": data.core_messages.strip(),
        "questions_and_answers": [
            {"question": q.strip(), "answer": a.strip()} for q, a in data.questions_and_answers
        ],
        "agreed_by": data.agreed_by.strip() if data.agreed_on else "",
        "agreed_on": data.agreed_on,
        "valid_until": data.valid_until,
    }


def _log(actor: Actor, line: PressLine, *, name: str, operation: Operation) -> None:
    """A line of a case is logged under the case's subject; a line of the municipality names
    nobody, so its record has no data subject."""
    if line.case is not None:
        log_support(
            actor,
            line.case,
            name=name,
            operation=operation,
            object_type="press_line",
            object_id=line.pk,
        )
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        object_type="press_line",
        object_id=line.pk,
    )


def _log_writes(actor: Actor, line: PressLine, *, name: str, operation: Operation) -> None:
    _log(actor, line, name=name, operation=operation)
    if line.agreed_despite_check:
        _log(actor, line, name="support.press.agree_despite_check", operation=operation)


def _may_direct(actor: Actor, line_case: Case | None, municipality: Municipality) -> bool:
    if line_case is not None:
        return may_direct_press(actor, case_facts(line_case))
    facts = MunicipalityFacts(municipality_id=municipality.pk, region_id=municipality.region_id)
    return may_keep_municipal_press(actor, facts)


def _revise(line: PressLine, user: User) -> PressLineRevision:
    return PressLineRevision.objects.create(
        press_line=line,
        number=line.version,
        changed_by=user,
        lead=line.lead,
        core_messages=line.core_messages,
        questions_and_answers=line.questions_and_answers,
        agreed_by=line.agreed_by,
        agreed_on=line.agreed_on,
        agreed_despite_check=line.agreed_despite_check,
        valid_until=line.valid_until,
    )


def _refusal(case: Case | None) -> ValidationError:
    if case is None:
        return ValidationError(
            _("Only the lead or the mayor's office records the municipality's press lines.")
        )
    return ValidationError(_("Only the lead or the process director records the press line."))


@transaction.atomic
def press_line_draw_up(
    *,
    actor: Actor,
    user: User,
    data: PressInput,
    case: Case | None = None,
    municipality: Municipality | None = None,
) -> PressLine:
    """Draws up a line of ``case``, or, without a case, of ``municipality``."""
    owner = case.municipality if case is not None else municipality
    if owner is None:
        raise ValueError("A press line belongs to a case or to a municipality.")
    if not _may_direct(actor, case, owner):
        raise _refusal(case)
    errors = _check(case, data)
    reason = _agreement_check(case, data, agreeing=data.agreed_on is not None, errors=errors)
    if errors:
        raise ValidationError(errors)
    line = PressLine(
        case=case,
        municipality=owner,
        created_by=user,
        agreed_despite_check=reason,
        **_fields(data),
    )
    line.full_clean()
    line.save()
    _revise(line, user)
    _log_writes(actor, line, name="support.press.create", operation=Operation.CREATE)
    return line


def _text_changed(line: PressLine, changes: dict[str, object]) -> bool:
    return any(
        getattr(line, key) != changes[key]
        for key in ("lead", "core_messages", "questions_and_answers")
    )


@transaction.atomic
def press_line_change(
    *, actor: Actor, user: User, line: PressLine, data: PressInput, version: int
) -> tuple[PressLine, bool]:
    """Changes the line and appends a revision. Returns the line and whether its agreement
    was withdrawn because the text changed without a new agreement.

    The check runs when this change agrees the line: a first agreement, or a new one (another
    date or other names). A line that stays agreed as it was keeps its recorded reason."""
    case = line.case
    if not _may_direct(actor, case, line.municipality):
        raise _refusal(case)
    if current_version(PressLine, line.pk) != version:
        raise StaleEdit
    line.refresh_from_db()
    errors = _check(case, data)
    if line.status() == "expired":
        errors["__all__"] = [_("This press line has expired; draw up a new one.")]
    changes = _fields(data)
    withdrawn = (
        line.agreed_on is not None
        and _text_changed(line, changes)
        and changes["agreed_on"] == line.agreed_on
        and changes["agreed_by"] == line.agreed_by
    )
    if withdrawn:
        changes["agreed_on"] = None
        changes["agreed_by"] = ""
    agreeing = changes["agreed_on"] is not None and (
        line.agreed_on is None
        or changes["agreed_on"] != line.agreed_on
        or changes["agreed_by"] != line.agreed_by
    )
    reason = _agreement_check(case, data, agreeing=agreeing, errors=errors)
    if errors:
        raise ValidationError(errors)
    if agreeing or changes["agreed_on"] is None:
        changes["agreed_despite_check"] = reason
    update_if_current(PressLine, line.pk, version, **changes)
    line.refresh_from_db()
    _revise(line, user)
    name = "support.press.update"
    if agreeing:
        _log_writes(actor, line, name=name, operation=Operation.UPDATE)
    else:
        _log(actor, line, name=name, operation=Operation.UPDATE)
    return line, withdrawn


def press_lines_awaiting_agreement(municipality: Municipality) -> QuerySet[PressLine]:
    """Draft press lines of the municipality (its own and those of its open cases), still
    valid, that the local triangle has yet to agree: for the mayor's dashboard. Soonest end
    first.

    The caller shows these to the mayor's office: it gates and logs what it shows."""
    return (
        PressLine.objects.drafts()
        .filter(municipality=municipality)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case", "case__municipality")
        .order_by("valid_until", "created_at", "id")
    )


def municipal_press_lines(municipality: Municipality) -> QuerySet[PressLine]:
    """The press lines of the municipality itself (no case), newest first."""
    return PressLine.objects.filter(municipality=municipality, case__isnull=True).select_related(
        "created_by"
    )


def current_press_line(case: Case) -> PressLine | None:
    """The line in force (the newest that has not expired), else the newest one."""
    lines = PressLine.objects.filter(case=case)
    return lines.in_force().order_by("-created_at", "-id").first() or lines.first()
