"""Follow-up of a network person (issue 6, point 4): a concern proposes, a person decides.

A professional on the case writes why someone in the network needs attention and proposes a
preventive action in the case or a new signal for the weighing session. The proposal itself
creates nothing: only when the case's lead or process director confirms it is the action
agreed (cases.actions.action_create) or the signal registered (signals.intake). Declining
keeps the proposal with the reason. Nothing here scores a person or passes a status along a
relation; the concern is the professional's own words about one person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import (
    may_confirm_followup,
    may_decide_followup,
    may_propose_followup,
)
from access.facts import Actor, CaseFacts
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.actions import action_create
from cases.gates import ACTIVITY
from cases.models import Case
from lib.concurrency import StaleEdit
from network.gates import person_ref
from network.models import FollowUp, NetworkPerson, NodeKind
from signals.intake import Intake, SubjectDetails, signal_intake
from signals.models import Channel, ConcernType, ReporterType, Signal, Urgency
from signals.services import signal_register

REASON_LIMIT = 2000
NOTE_LIMIT = 1000
SIGNAL_TEXT_LIMIT = 2000
OBJECT_TYPE = "network_followup"


def signal_origin_text() -> str:
    """The opening of a signal registered from a follow-up: where it came from, and nothing
    of the case itself (the weighing session may include people who do not see the case)."""
    return _(
        "Registered from a follow-up of a network analysis: a professional asked for "
        "attention for this person, who is in the surroundings of a case. The lead has "
        "the details."
    )


# --- Who may do what. ---


def followups_of(case: Case) -> list[FollowUp]:
    """The follow-ups of a case's network, newest first (the caller logs the people shown)."""
    return list(
        FollowUp.objects.filter(person__case=case)
        .select_related("person", "proposed_by", "decided_by", "action", "signal")
        .order_by("-proposed_at", "-id")
    )


def followup_context(actor: Actor, case: Case, facts: CaseFacts) -> dict[str, Any]:
    """The context of ``network/_followups.html`` on the network page."""
    return {
        "follow_ups": followups_of(case),
        "followups_may_decide": may_decide_followup(actor, facts),
        "followups_may_propose": may_propose_followup(actor, facts),
    }


def _log(actor: Actor, case: Case, follow_up: FollowUp, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"subject:{case.subject_id}", person_ref(follow_up.person_id)],
        object_type=OBJECT_TYPE,
        object_id=follow_up.pk,
    )


def _check_text(value: str, field: str, limit: int, required: str, errors: dict) -> None:
    if not value.strip():
        errors[field] = [required]
    elif len(value.strip()) > limit:
        errors[field] = [_("Write at most %(limit)d characters.") % {"limit": limit}]


# --- Proposing. ---


@transaction.atomic
def followup_propose(
    *,
    actor: Actor,
    user: User,
    case: Case,
    facts: CaseFacts,
    person: NetworkPerson,
    reason: str,
    proposal: str,
) -> FollowUp:
    """Records the concern and what it proposes. Creates no action and no signal."""
    if not may_propose_followup(actor, facts):
        raise ValidationError(
            _("Only the lead, the process director or the team propose a follow-up.")
        )
    errors: dict[str, list[str]] = {}
    if person.case_id != case.pk:
        errors["person"] = [_("This person is not in the network of this case.")]
    elif person.kind != NodeKind.PERSON:
        errors["person"] = [_("A follow-up is for a person, not for a place or organisation.")]
    elif person.represents_case_subject:
        errors["person"] = [
            _("The person of the case already has the case itself; propose an action there.")
        ]
    _check_text(reason, "reason", REASON_LIMIT, _("Write why this person needs attention."), errors)
    if proposal not in FollowUp.Proposal.values:
        errors["proposal"] = [_("Choose what you propose: a preventive action or a new signal.")]
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp(person=person, reason=reason.strip(), proposal=proposal, proposed_by=user)
    follow_up.full_clean()
    follow_up.save()
    _log(actor, case, follow_up, name="cases.network.followup.create", operation=Operation.CREATE)
    return follow_up


# --- Deciding. ---


def _lock_proposed(follow_up: FollowUp, version: int) -> FollowUp:
    """The follow-up as it is now, locked; a newer version or a decision meanwhile is stale."""
    current = FollowUp.objects.select_for_update().filter(pk=follow_up.pk).first()
    if current is None or current.version != version:
        raise StaleEdit
    if current.status != FollowUp.Status.PROPOSED:
        raise StaleEdit
    return current


def _decide(
    actor: Actor,
    user: User,
    case: Case,
    follow_up: FollowUp,
    *,
    status: str,
    note: str,
    name: str,
    **created: object,
) -> FollowUp:
    updated = FollowUp.objects.filter(pk=follow_up.pk, version=follow_up.version).update(
        status=status,
        decided_by=user,
        decided_at=timezone.now(),
        decision_note=note.strip(),
        version=F("version") + 1,
        **created,
    )
    if not updated:
        raise StaleEdit
    follow_up.refresh_from_db()
    _log(actor, case, follow_up, name=name, operation=Operation.UPDATE)
    return follow_up


def _require_decider(actor: Actor, facts: CaseFacts, case: Case, follow_up: FollowUp) -> None:
    if not may_decide_followup(actor, facts):
        raise ValidationError(_("Only the lead or the process director decide on a follow-up."))
    if follow_up.person.case_id != case.pk:
        raise ValidationError(_("This follow-up belongs to another case."))


@transaction.atomic
def followup_confirm_action(
    *,
    actor: Actor,
    user: User,
    case: Case,
    facts: CaseFacts,
    follow_up: FollowUp,
    version: int,
    description: str,
    owner_organisation: Organisation,
    owner: User,
    due_on: date,
    note: str = "",
) -> FollowUp:
    """Confirms a proposed preventive action: agrees exactly one action in the case."""
    _require_decider(actor, facts, case, follow_up)
    current = _lock_proposed(follow_up, version)
    if current.proposal != FollowUp.Proposal.PREVENTIVE_ACTION:
        raise ValidationError(_("This follow-up proposes a signal, not an action."))
    action = action_create(
        actor=actor,
        user=user,
        case=case,
        description=description,
        owner_organisation=owner_organisation,
        owner=owner,
        due_on=due_on,
    )
    return _decide(
        actor,
        user,
        case,
        current,
        status=FollowUp.Status.CONFIRMED,
        note=note,
        name="cases.network.followup.confirm",
        action=action,
    )


@dataclass(frozen=True)
class SignalChoices:
    """What the lead chooses when a proposed signal is registered."""

    concern_type: str = ConcernType.UNCLEAR
    urgency: str = Urgency.NORMAL
    text: str = ""
    # Identifying details, only when the lead gives them: the person becomes a new subject.
    subject: SubjectDetails | None = None
    someone_else_reason: str = ""


def _signal_description(text: str) -> str:
    origin = signal_origin_text()
    return f"{origin}\n\n{text.strip()}" if text.strip() else origin


def _register_signal(
    actor: Actor, user: User, case: Case, person: NetworkPerson, choices: SignalChoices
) -> Signal:
    errors: dict[str, list[str]] = {}
    if len(choices.text.strip()) > SIGNAL_TEXT_LIMIT:
        errors["text"] = [_("Write at most %(limit)d characters.") % {"limit": SIGNAL_TEXT_LIMIT}]
    if choices.concern_type not in ConcernType.values:
        errors["concern_type"] = [_("Choose the type of concern from the list.")]
    if choices.urgency not in Urgency.values:
        errors["urgency"] = [_("Choose the urgency from the list.")]
    linked = person.subject
    if linked is not None and linked.municipality_id != case.municipality_id:
        # A subject of another municipality is that municipality's to weigh.
        linked = None
    if linked is not None and choices.subject is not None:
        errors["given_names"] = [
            _(
                "This person is already linked to a known subject; leave the details empty "
                "and the signal is registered for that subject."
            )
        ]
    if errors:
        raise ValidationError(errors)
    reporting = Organisation.objects.get(pk=actor.organisation_id)
    description = _signal_description(choices.text)
    if linked is not None:
        # The intake path would record a new person; this one is known already.
        return signal_register(
            actor=actor,
            user=user,
            municipality=case.municipality,
            received_at=timezone.now(),
            channel=Channel.OTHER,
            reporter_type=ReporterType.PROFESSIONAL,
            description=description,
            concern_type=choices.concern_type,
            urgency=choices.urgency,
            subject=linked,
            reporting_organisation=reporting,
        )
    intake = Intake(
        municipality=case.municipality,
        received_at=timezone.now(),
        channel=Channel.OTHER,
        reporter_type=ReporterType.PROFESSIONAL,
        description=description,
        concern_type=choices.concern_type,
        urgency=choices.urgency,
        reporting_organisation=reporting,
        subject=choices.subject,
        someone_else_reason=choices.someone_else_reason,
    )
    return signal_intake(actor=actor, user=user, intake=intake)


@transaction.atomic
def followup_confirm_signal(
    *,
    actor: Actor,
    user: User,
    case: Case,
    facts: CaseFacts,
    follow_up: FollowUp,
    version: int,
    choices: SignalChoices,
    note: str = "",
) -> FollowUp:
    """Confirms a proposed signal: registers exactly one signal for the weighing session.

    The signal is about the linked subject when the lead linked the network person to a known
    subject of the municipality; about a new subject when the lead gives identifying details
    now; otherwise about nobody yet (the lead links it when weighing)."""
    _require_decider(actor, facts, case, follow_up)
    if not may_confirm_followup(
        actor, facts, proposes_signal=follow_up.proposal == FollowUp.Proposal.SIGNAL
    ):
        raise ValidationError(_("Only the lead of the municipality registers a signal."))
    current = _lock_proposed(follow_up, version)
    if current.proposal != FollowUp.Proposal.SIGNAL:
        raise ValidationError(_("This follow-up proposes an action, not a signal."))
    signal = _register_signal(actor, user, case, current.person, choices)
    return _decide(
        actor,
        user,
        case,
        current,
        status=FollowUp.Status.CONFIRMED,
        note=note,
        name="cases.network.followup.confirm",
        signal=signal,
    )


@transaction.atomic
def followup_decline(
    *,
    actor: Actor,
    user: User,
    case: Case,
    facts: CaseFacts,
    follow_up: FollowUp,
    version: int,
    note: str,
) -> FollowUp:
    """Declines the proposal with a note; nothing is created."""
    _require_decider(actor, facts, case, follow_up)
    errors: dict[str, list[str]] = {}
    _check_text(note, "note", NOTE_LIMIT, _("Say why the proposal is declined."), errors)
    if errors:
        raise ValidationError(errors)
    current = _lock_proposed(follow_up, version)
    return _decide(
        actor,
        user,
        case,
        current,
        status=FollowUp.Status.DECLINED,
        note=note,
        name="cases.network.followup.decline",
    )
