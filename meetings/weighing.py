"""What a weighing session weighs: criteria, alternative explanations and outcomes.

The vocabulary lives here, with the weighing session, so that the decision form (meetings)
and the decision record (signals.WeighingDecision) share one list and one set of rules.
Nothing here scores or ranks a person: every answer comes with the evidence and its source,
and the judgement is written out by the people in the session.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Derived from the factsheet "De rol van gemeenten in de aanpak van radicalisering" (2015):
# concrete signals of radicalisation, (intended) travel, the person's network, and the
# vulnerability of the person and those around them. Religious practice alone is not one.
CRITERIA: tuple[tuple[str, Any], ...] = (
    (
        "behaviour",
        gettext_lazy(
            "Concrete behaviour that points to radicalisation (what was seen or heard; "
            "beliefs or religious practice alone are not enough)"
        ),
    ),
    (
        "change",
        gettext_lazy("A worrying change in the person's behaviour, contacts or circumstances"),
    ),
    (
        "travel_or_violence",
        gettext_lazy(
            "Signs of intended travel to a conflict area, or of preparing or glorifying violence"
        ),
    ),
    (
        "extremist_contacts",
        gettext_lazy("Contacts with known extremist networks or recruiters"),
    ),
    (
        "vulnerability",
        gettext_lazy(
            "Vulnerability of the person or their surroundings (for example a minor, or "
            "brothers, sisters and friends who may be drawn in)"
        ),
    ),
)
CRITERION_CODES = tuple(code for code, _label in CRITERIA)


class Answer(models.TextChoices):
    MET = "met", gettext_lazy("met")
    NOT_MET = "not_met", gettext_lazy("not met")
    UNKNOWN = "unknown", gettext_lazy("unknown")


class Alternative(models.TextChoices):
    MENTAL_HEALTH = "mental_health", gettext_lazy("mental health problems")
    CRIME = "crime", gettext_lazy("ordinary crime")
    FAMILY_CONFLICT = "family_conflict", gettext_lazy("family conflict")
    IDENTITY = "identity", gettext_lazy("youth or identity development")
    OTHER = "other", gettext_lazy("other")


class Outcome(models.TextChoices):
    NO_CONCERN = "no_concern", gettext_lazy("no concern")
    REFER_TO_CARE = "refer_to_care", gettext_lazy("refer to regular care")
    GATHER_INFORMATION = "gather_information", gettext_lazy("gather more information")
    INCLUDE = "include", gettext_lazy("include in the person-centred approach")
    ESCALATE_TO_TRIANGLE = "escalate_to_triangle", gettext_lazy("escalate to the local triangle")


# Outcomes that end the signal: it is closed and kept only until its retention date.
CLOSING_OUTCOMES = frozenset({Outcome.NO_CONCERN, Outcome.REFER_TO_CARE})
# Outcomes that bring the signal back to the weighing session on its review date. An
# escalated signal returns too, so the triangle's answer is recorded as a new decision and a
# signal is never left open without a date (closing it then sets its retention date).
RETURNING_OUTCOMES = frozenset({Outcome.GATHER_INFORMATION, Outcome.ESCALATE_TO_TRIANGLE})
REVIEW_MONTHS = 3

TEXT_LIMIT = 4000
NOTE_LIMIT = 1000


@dataclass(frozen=True)
class CriterionAnswer:
    code: str
    answer: str
    evidence: str = ""
    source: str = ""

    @property
    def label(self) -> str:
        return str(dict(CRITERIA).get(self.code, self.code))

    @property
    def answer_label(self) -> str:
        return str(dict(Answer.choices).get(self.answer, self.answer))

    def as_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "answer": self.answer,
            "evidence": self.evidence,
            "source": self.source,
        }


@dataclass(frozen=True)
class WeighingInput:
    """One weighing as the session wrote it down; checked by ``weighing_errors``."""

    criteria: tuple[CriterionAnswer, ...]
    alternatives: tuple[str, ...]
    proportionality: str
    subsidiarity: str
    reasoning: str
    outcome: str
    alternatives_other: str = ""
    review_on: date | None = None
    referral_organisation_id: int | None = None
    outcome_note: str = ""

    @property
    def alternative_labels(self) -> list[str]:
        labels = dict(Alternative.choices)
        return [str(labels.get(code, code)) for code in self.alternatives]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_review_date(meeting_day: date) -> date:
    return add_months(meeting_day, REVIEW_MONTHS)


def criterion_field(code: str, part: str) -> str:
    """The form field of one part (answer, evidence, source) of one criterion."""
    return f"{code}_{part}"


def _criteria_errors(criteria: tuple[CriterionAnswer, ...]) -> dict[str, list[str]]:
    codes = [c.code for c in criteria]
    if sorted(codes) != sorted(CRITERION_CODES):
        return {"criteria": [_("Answer every criterion exactly once.")]}
    errors: dict[str, list[str]] = {}
    labels = dict(CRITERIA)
    for criterion in criteria:
        label = labels[criterion.code]
        if criterion.answer not in Answer.values:
            errors[criterion_field(criterion.code, "answer")] = [
                _("Choose met, not met or unknown for: %(c)s.") % {"c": label}
            ]
        elif criterion.answer != Answer.UNKNOWN and not criterion.evidence.strip():
            errors[criterion_field(criterion.code, "evidence")] = [
                _("Write the evidence for your answer to: %(c)s.") % {"c": label}
            ]
        if criterion.evidence.strip() and not criterion.source.strip():
            errors[criterion_field(criterion.code, "source")] = [
                _("Name the source of the evidence for: %(c)s.") % {"c": label}
            ]
        for part, text in (("evidence", criterion.evidence), ("source", criterion.source)):
            if len(text) > NOTE_LIMIT:
                errors[criterion_field(criterion.code, part)] = [
                    _("Keep this under %(n)s characters.") % {"n": NOTE_LIMIT}
                ]
    return errors


def _review_errors(data: WeighingInput, meeting_day: date) -> list[str]:
    if data.outcome not in RETURNING_OUTCOMES:
        return []
    if data.review_on is None:
        return [_("Give the date on which the session weighs this signal again.")]
    if data.review_on <= meeting_day:
        return [_("The review date must lie after the date of the session.")]
    if data.review_on > latest_review_date(meeting_day):
        return [
            _("The review date may lie at most three months after the session (%(day)s).")
            % {"day": date_format(latest_review_date(meeting_day), "SHORT_DATE_FORMAT")}
        ]
    return []


def weighing_errors(data: WeighingInput, *, meeting_day: date) -> dict[str, list[str]]:
    """Everything wrong with a weighing, by form field; empty when it may be recorded."""
    errors: dict[str, list[str]] = {}

    def add(field: str, messages: list[str]) -> None:
        if messages:
            errors.setdefault(field, []).extend(messages)

    errors.update(_criteria_errors(data.criteria))
    if not data.alternatives:
        add("alternatives", [_("Tick the alternative explanations the session considered.")])
    if any(code not in Alternative.values for code in data.alternatives):
        add("alternatives", [_("Choose alternative explanations from the list.")])
    if Alternative.OTHER in data.alternatives and not data.alternatives_other.strip():
        add("alternatives_other", [_("Describe the other explanation that was considered.")])
    for field, message in (
        ("proportionality", _("Write down why this outcome is proportionate.")),
        ("subsidiarity", _("Write down why a lighter way does not suffice.")),
        ("reasoning", _("Write down the session's judgement and its reasons.")),
    ):
        text = getattr(data, field)
        if not text.strip():
            add(field, [message])
        elif len(text) > TEXT_LIMIT:
            add(field, [_("Keep this under %(n)s characters.") % {"n": TEXT_LIMIT}])
    if data.outcome not in Outcome.values:
        add("outcome", [_("Choose one of the outcomes in the list.")])
        return errors
    add("review_on", _review_errors(data, meeting_day))
    if data.outcome == Outcome.REFER_TO_CARE and data.referral_organisation_id is None:
        add("referral_organisation", [_("Choose the organisation that takes over the care.")])
    if data.outcome == Outcome.REFER_TO_CARE and not data.outcome_note.strip():
        add("outcome_note", [_("Write down what is handed over to the care organisation.")])
    if data.outcome == Outcome.ESCALATE_TO_TRIANGLE and not data.outcome_note.strip():
        add("outcome_note", [_("Write down to whom in the triangle and when it is escalated.")])
    for field in ("outcome_note", "alternatives_other"):
        if len(getattr(data, field)) > NOTE_LIMIT:
            add(field, [_("Keep this under %(n)s characters.") % {"n": NOTE_LIMIT}])
    return errors


# --- Validators for the stored JSON of a decision (signals.WeighingDecision). ---


def validate_criteria(value: Any) -> None:
    """The criteria as stored: every criterion once, with an answer, evidence and source."""
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise ValidationError(_("The criteria must be a list of answers."))
    try:
        answers = tuple(
            CriterionAnswer(
                code=str(row["code"]),
                answer=str(row["answer"]),
                evidence=str(row.get("evidence", "")),
                source=str(row.get("source", "")),
            )
            for row in value
        )
    except KeyError as missing:
        raise ValidationError(_("Every criterion needs its code and answer.")) from missing
    errors = _criteria_errors(answers)
    if errors:
        raise ValidationError([m for messages in errors.values() for m in messages])


def validate_alternatives(value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Tick the alternative explanations the session considered."))
    if any(code not in Alternative.values for code in value):
        raise ValidationError(_("Choose alternative explanations from the list."))
