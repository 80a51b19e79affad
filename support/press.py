"""The press line (woordvoeringslijn) of a case: drawn up, agreed in the local triangle,
valid until a date, and versioned — every change appends a revision with the full text.

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
from access.facts import Actor
from accounts.models import Municipality, User
from audit.models import Operation
from cases.gates import case_facts
from cases.models import Case
from cases.workflow import CaseStatus
from lib.concurrency import StaleEdit, update_if_current
from support.models import PressLead, PressLine, PressLineRevision
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


@dataclass(frozen=True)
class PressInput:
    lead: str
    core_messages: str
    valid_until: date
    questions_and_answers: tuple[tuple[str, str], ...] = ()
    agreed_by: str = ""
    agreed_on: date | None = None


def _check(case: Case, data: PressInput) -> Errors:
    errors: Errors = {}
    if case.status == CaseStatus.CLOSED:
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
        valid_until=line.valid_until,
    )


@transaction.atomic
def press_line_draw_up(*, actor: Actor, user: User, case: Case, data: PressInput) -> PressLine:
    if not may_direct_press(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director records the press line."))
    errors = _check(case, data)
    if errors:
        raise ValidationError(errors)
    line = PressLine(case=case, created_by=user, **_fields(data))
    line.full_clean()
    line.save()
    _revise(line, user)
    log_support(
        actor,
        case,
        name="support.press.create",
        operation=Operation.CREATE,
        object_type="press_line",
        object_id=line.pk,
    )
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
    was withdrawn because the text changed without a new agreement."""
    case = line.case
    if not may_direct_press(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director records the press line."))
    if current_version(PressLine, line.pk) != version:
        raise StaleEdit
    line.refresh_from_db()
    errors = _check(case, data)
    if line.status() == "expired":
        errors["__all__"] = [_("This press line has expired; draw up a new one.")]
    if errors:
        raise ValidationError(errors)
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
    update_if_current(PressLine, line.pk, version, **changes)
    line.refresh_from_db()
    _revise(line, user)
    log_support(
        actor,
        case,
        name="support.press.update",
        operation=Operation.UPDATE,
        object_type="press_line",
        object_id=line.pk,
    )
    return line, withdrawn


def press_lines_awaiting_agreement(municipality: Municipality) -> QuerySet[PressLine]:
    """Draft press lines of the municipality's open cases, still valid, that the local
    triangle has yet to agree: for the mayor's dashboard. Soonest end first.

    The caller shows these to the mayor's office: it gates and logs what it shows."""
    return (
        PressLine.objects.drafts()
        .filter(case__municipality=municipality)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case")
        .order_by("valid_until", "created_at", "id")
    )


def current_press_line(case: Case) -> PressLine | None:
    """The line in force (the newest that has not expired), else the newest one."""
    lines = PressLine.objects.filter(case=case)
    return lines.in_force().order_by("-created_at", "-id").first() or lines.first()
