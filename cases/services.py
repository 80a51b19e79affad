"""Write functions for cases: open, change situation or status, change the team.

Each change is one transaction with its timeline event and its processing record; a change
based on an outdated version is refused (StaleEdit), never silently applied.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Actor
from accounts.models import Municipality, Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.models import Case, CaseEvent, TeamMember
from cases.workflow import CaseStatus, ClosureReason, Situation, situation_allowed, status_allowed
from lib.concurrency import StaleEdit
from persons.models import Subject
from signals.models import Signal, WeighingDecision

ACTIVITY = "case-coordination"


def _log(actor: Actor | None, case: Case, *, name: str, operation: Operation, user: User) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        actor_user_id=user.pk,
        subjects=[f"subject:{case.subject_id}"],
        object_type="case",
        object_id=case.pk,
    )


def _event(case: Case, user: User, kind: str, reason: str, old: str = "", new: str = "") -> None:
    CaseEvent.objects.create(
        case=case,
        actor=user,
        actor_name=user.full_name,
        kind=kind,
        from_value=old,
        to_value=new,
        reason=reason,
    )


def _bump(case: Case, version: int, **changes: object) -> None:
    updated = Case.objects.filter(pk=case.pk, version=version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise StaleEdit


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this change.")})


@transaction.atomic
def case_open(
    *,
    actor: Actor | None,
    user: User,
    subject: Subject,
    municipality: Municipality,
    lead: User,
    team: Sequence[Organisation] = (),
    process_director: User | None = None,
    signal: Signal | None = None,
    decision: WeighingDecision | None = None,
    reason: str,
) -> Case:
    _require_reason(reason)
    if subject.municipality_id != municipality.pk:
        raise ValidationError({"subject": _("This person belongs to another municipality.")})
    if not User.objects.leads_of(municipality).filter(pk=lead.pk).exists():
        raise ValidationError({"lead": _("The lead must be a lead of the municipality.")})
    if any(o.region_id != municipality.region_id for o in team):
        raise ValidationError({"team": _("Only organisations of the region can take part.")})
    case = Case(
        subject=subject,
        municipality=municipality,
        lead=lead,
        process_director=process_director,
        signal=signal,
        decision=decision,
    )
    case.full_clean()
    case.save()
    TeamMember.objects.bulk_create([TeamMember(case=case, organisation=o) for o in team])
    _event(case, user, CaseEvent.Kind.OPENED, reason, new=Situation.CONCERN)
    _log(actor, case, name="cases.open", operation=Operation.CREATE, user=user)
    return case


@transaction.atomic
def case_change_situation(
    *, actor: Actor, user: User, case: Case, to: str, reason: str, version: int
) -> Case:
    _require_reason(reason)
    if not situation_allowed(case.situation, to):
        raise ValidationError(
            _("A case whose situation is %(current)s cannot change to %(target)s.")
            % {"current": Situation(case.situation).label, "target": Situation(to).label}
        )
    _bump(case, version, situation=to)
    _event(case, user, CaseEvent.Kind.SITUATION, reason, case.situation, to)
    case.refresh_from_db()
    _log(actor, case, name="cases.situation", operation=Operation.UPDATE, user=user)
    return case


@transaction.atomic
def case_change_status(
    *,
    actor: Actor,
    user: User,
    case: Case,
    to: str,
    reason: str,
    version: int,
    closure_reason: str = "",
) -> Case:
    """Moves the status; closing needs a closure reason, and who decided is recorded."""
    _require_reason(reason)
    if not status_allowed(case.status, to):
        raise ValidationError(
            _("A case that is %(current)s cannot become %(target)s.")
            % {"current": CaseStatus(case.status).label, "target": CaseStatus(to).label}
        )
    changes: dict[str, object] = {"status": to}
    if to == CaseStatus.CLOSED:
        if closure_reason not in ClosureReason.values:
            raise ValidationError({"closure_reason": _("Choose why the case is closed.")})
        changes.update(closure_reason=closure_reason, closed_by=user)
    _bump(case, version, **changes)
    _event(case, user, CaseEvent.Kind.STATUS, reason, case.status, to)
    case.refresh_from_db()
    _log(actor, case, name="cases.status", operation=Operation.UPDATE, user=user)
    return case


@transaction.atomic
def team_add(
    *, actor: Actor, user: User, case: Case, organisation: Organisation, reason: str, version: int
) -> TeamMember:
    """Grants the organisation's partners access to the case from this moment."""
    _require_reason(reason)
    if organisation.region_id != case.municipality.region_id:
        raise ValidationError(
            {"organisation": _("Only organisations of the region can take part.")}
        )
    if case.team.filter(organisation=organisation, removed_at__isnull=True).exists():
        raise ValidationError({"organisation": _("This organisation is already on the team.")})
    _bump(case, version)
    member = TeamMember.objects.create(case=case, organisation=organisation)
    _event(case, user, CaseEvent.Kind.TEAM_ADDED, reason, new=organisation.name)
    _log(actor, case, name="cases.team.add", operation=Operation.UPDATE, user=user)
    return member


@transaction.atomic
def team_remove(
    *, actor: Actor, user: User, case: Case, organisation: Organisation, reason: str, version: int
) -> None:
    """Ends the organisation's access at once; the row stays as history."""
    _require_reason(reason)
    current = case.team.filter(organisation=organisation, removed_at__isnull=True)
    if not current.exists():
        raise ValidationError({"organisation": _("This organisation is not on the team.")})
    _bump(case, version)
    current.update(removed_at=timezone.now())
    _event(case, user, CaseEvent.Kind.TEAM_REMOVED, reason, old=organisation.name)
    _log(actor, case, name="cases.team.remove", operation=Operation.UPDATE, user=user)
