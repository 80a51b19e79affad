"""The intake's data and write path, shared by the intake form and the API.

The rules that span several fields (``intake_problems``, ``subject_problems``) and the write
(``signal_intake``) live here, so that a signal registered through either door is checked in
the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.facts import Actor
from access.signals import (
    may_register_intelligence_notice,
    may_register_received_notice,
    may_register_signal,
)
from accounts.models import Municipality, Organisation, User
from persons.matching import PersonQuery, Strength, find_candidates
from persons.models import Subject
from persons.services import subject_create
from signals.models import Channel, ReporterType, Signal
from signals.services import NoticeDetails, signal_register

SUBJECT_FIELDS = (
    "given_names",
    "surname_prefix",
    "surname",
    "birth_year",
    "birth_month",
    "birth_day",
    "bsn",
    "bsn_legal_basis",
)


def reporter_choices(actor: Actor) -> list[tuple[str, Any]]:
    """An intelligence notice (AIVD) reaches the mayor; only the lead registers one."""
    if may_register_intelligence_notice(actor):
        return list(ReporterType.choices)
    return [c for c in ReporterType.choices if c[0] != ReporterType.INTELLIGENCE_NOTICE]


def region_municipalities(actor: Actor) -> Any:
    return Municipality.objects.filter(region_id=actor.region_id).order_by("name")


def region_organisations(actor: Actor) -> Any:
    return Organisation.objects.filter(region_id=actor.region_id).order_by("name")


@dataclass(frozen=True)
class SubjectDetails:
    given_names: str
    surname: str
    surname_prefix: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    bsn: str = ""
    bsn_legal_basis: str = ""


@dataclass(frozen=True)
class Intake:
    municipality: Municipality
    received_at: datetime
    channel: str
    reporter_type: str
    description: str
    concern_type: str
    urgency: str
    reporting_organisation: Organisation | None = None
    subject: SubjectDetails | None = None
    notice: NoticeDetails | None = None
    # Why a new person is recorded although a strong candidate is already known.
    someone_else_reason: str = ""
    # Whether and when the police unit was informed (None: not asked, e.g. a follow-up).
    police_informed: bool | None = None
    police_informed_at: datetime | None = None


def intake_problems(data: Mapping[str, Any]) -> dict[str, str]:
    """Rules across the fields of an intake (cleaned values); field name → message."""
    problems: dict[str, str] = {}
    received_at = data.get("received_at")
    if received_at is not None and received_at > timezone.now():
        problems["received_at"] = str(_("The moment of receipt lies in the future."))
    if data.get("police_informed") is True:
        informed_at = data.get("police_informed_at")
        if informed_at is None:
            problems["police_informed_at"] = str(_("Give when the police unit was informed."))
        elif informed_at > timezone.now():
            problems["police_informed_at"] = str(
                _("The moment the police unit was informed lies in the future.")
            )
    reporter = data.get("reporter_type")
    if reporter == ReporterType.PROFESSIONAL and not data.get("reporting_organisation"):
        problems["reporting_organisation"] = str(
            _("Choose the organisation of the professional who reported the signal.")
        )
    if reporter == ReporterType.INTELLIGENCE_NOTICE:
        if not (data.get("notice_reference") or "").strip():
            problems["notice_reference"] = str(_("Give the reference of the intelligence notice."))
        dated = data.get("notice_dated")
        if dated is None:
            problems["notice_dated"] = str(_("Give the date of the intelligence notice."))
        elif dated > timezone.localdate():
            problems["notice_dated"] = str(_("The intelligence notice cannot be dated later."))
        elif received_at is not None and dated > timezone.localtime(received_at).date():
            problems["notice_dated"] = str(
                _("The intelligence notice cannot be dated after it was received.")
            )
    return problems


def _subject(municipality: Municipality, details: SubjectDetails) -> Subject:
    return Subject(municipality=municipality, **asdict(details))


def subject_problems(municipality: Municipality, details: SubjectDetails) -> dict[str, list[str]]:
    """What is wrong with a person's details; field name → messages."""
    problems: dict[str, list[str]] = {}
    try:
        # The unique BSN is checked below with a message a user can act on.
        _subject(municipality, details).full_clean(
            exclude=["created_by"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        problems.update(error.message_dict)
    if details.bsn and Subject.objects.filter(bsn=details.bsn).exists():
        # Telling that the BSN is known is the hit/no-hit answer of the "already known?"
        # check (DESIGN §4); nothing about the person or their file is shown.
        problems.setdefault("bsn", []).append(
            str(
                _(
                    "A person with this BSN is already known in Schakel. Leave the BSN empty "
                    "and register the signal; the lead links it to the known person."
                )
            )
        )
    return problems


def strong_candidate_known(details: SubjectDetails) -> bool:
    """Whether the matcher finds a strong candidate for these details, anywhere."""
    query = PersonQuery(
        surname=details.surname,
        given_names=details.given_names,
        surname_prefix=details.surname_prefix,
        birth_year=details.birth_year,
        birth_month=details.birth_month,
        birth_day=details.birth_day,
        bsn=details.bsn,
    )
    return any(c.strength == Strength.STRONG for c in find_candidates(query))


SOMEONE_ELSE_MESSAGE = _(
    "A person with very similar details is already known in Schakel (see “Already known?”). "
    "If this is someone else, say why in “This is someone else”; if it is the same person, "
    "leave the person's details empty so that the lead links the signal."
)


def subject_record(*, actor: Actor, municipality: Municipality, details: SubjectDetails) -> Subject:
    """Records the person of a new signal through persons.services (which logs it)."""
    problems = subject_problems(municipality, details)
    if problems:
        raise ValidationError(problems)
    return subject_create(actor=actor, municipality=municipality, **asdict(details))


@transaction.atomic
def signal_intake(*, actor: Actor, user: User, intake: Intake) -> Signal:
    """Registers a signal and, when named, the person it is about, in one transaction."""
    if not may_register_signal(actor, municipality_region_id=intake.municipality.region_id):
        # The views ask the policy first; this guards the write path itself.
        raise PermissionDenied
    problems = intake_problems(
        {
            "received_at": intake.received_at,
            "reporter_type": intake.reporter_type,
            "reporting_organisation": intake.reporting_organisation,
            "notice_reference": intake.notice.reference if intake.notice else "",
            "notice_dated": intake.notice.dated if intake.notice else None,
            "police_informed": intake.police_informed,
            "police_informed_at": intake.police_informed_at,
        }
    )
    if intake.reporter_type not in dict(reporter_choices(actor)):
        problems["reporter_type"] = str(_("Choose who reported the signal from the list."))
    if problems:
        raise ValidationError(problems)
    subject = None
    note = ""
    if intake.subject is not None:
        if strong_candidate_known(intake.subject):
            if not intake.someone_else_reason.strip():
                raise ValidationError({"someone_else_reason": [str(SOMEONE_ELSE_MESSAGE)]})
            note = str(_("New person although a strong candidate was known: %(reason)s")) % {
                "reason": intake.someone_else_reason.strip()
            }
        subject = subject_record(
            actor=actor, municipality=intake.municipality, details=intake.subject
        )
    professional = intake.reporter_type == ReporterType.PROFESSIONAL
    return signal_register(
        actor=actor,
        user=user,
        municipality=intake.municipality,
        received_at=intake.received_at,
        channel=intake.channel,
        reporter_type=intake.reporter_type,
        description=intake.description,
        concern_type=intake.concern_type,
        urgency=intake.urgency,
        subject=subject,
        reporting_organisation=intake.reporting_organisation if professional else None,
        notice=intake.notice if intake.reporter_type == ReporterType.INTELLIGENCE_NOTICE else None,
        note=note,
        police_informed=intake.police_informed,
        police_informed_at=intake.police_informed_at if intake.police_informed else None,
    )


@dataclass(frozen=True)
class ReceivedNotice:
    """An intelligence notice (NCTV/AIVD ambtsbericht) as the mayor's office received it."""

    municipality: Municipality
    received_at: datetime
    reference: str
    dated: Any
    description: str
    concern_type: str
    urgency: str
    subject: SubjectDetails | None = None


@transaction.atomic
def notice_receive(*, actor: Actor, user: User, notice: ReceivedNotice) -> Signal:
    """The mayor's office registers an intelligence notice it received: a signal with the
    notice's restricted metadata, through the same checks and write as the intake. The lead
    verifies and weighs the signal; the mayor's office keeps seeing the notice's metadata
    only (access.signals.may_view_intelligence_notice), never the signal."""
    if not may_register_received_notice(actor, municipality_id=notice.municipality.pk):
        raise PermissionDenied
    problems = intake_problems(
        {
            "received_at": notice.received_at,
            "reporter_type": ReporterType.INTELLIGENCE_NOTICE,
            "notice_reference": notice.reference,
            "notice_dated": notice.dated,
        }
    )
    if problems:
        raise ValidationError(problems)
    subject = None
    if notice.subject is not None:
        # Whether the person is known already is not asked here: the answer would tell the
        # mayor's office that Schakel knows someone (perhaps in another municipality). The
        # person is recorded as the notice names them, and the lead links or merges them.
        subject = subject_record(
            actor=actor, municipality=notice.municipality, details=notice.subject
        )
    return signal_register(
        actor=actor,
        user=user,
        municipality=notice.municipality,
        received_at=notice.received_at,
        channel=Channel.LETTER,
        reporter_type=ReporterType.INTELLIGENCE_NOTICE,
        description=notice.description,
        concern_type=notice.concern_type,
        urgency=notice.urgency,
        subject=subject,
        notice=NoticeDetails(reference=notice.reference.strip(), dated=notice.dated),
    )
