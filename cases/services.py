"""Write functions for cases: open, change situation or status, change the team.

Each change is one transaction with its timeline event and its processing record; a change
based on an outdated version is refused (StaleEdit), never silently applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Membership, Municipality, Organisation, Role, User
from audit.models import Operation
from audit.services import log_processing
from cases.models import ActionStatus, BreakGlassAccess, Case, CaseEvent, TeamMember
from cases.review_tasks import sync_review_task
from cases.situations import before_report
from cases.workflow import (
    TRAVEL_OUTCOME_ASKED,
    TRAVEL_OUTCOME_CHOSEN,
    CaseStatus,
    ClosureReason,
    DeathSource,
    ReturnMotive,
    Situation,
    TravelOutcome,
    is_way_back,
    situation_allowed,
    status_allowed,
)
from lib.concurrency import require_current, update_if_current
from persons.models import Subject
from signals.models import Signal, WeighingDecision
from tasks.models import TaskSource
from tasks.services import task_withdraw

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


def _event(
    case: Case,
    user: User,
    kind: str,
    reason: str,
    old: str = "",
    new: str = "",
    **outcome: str,
) -> None:
    CaseEvent.objects.create(
        case=case,
        actor=user,
        actor_name=user.full_name,
        kind=kind,
        from_value=old,
        to_value=new,
        reason=reason,
        **outcome,
    )


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this change.")})


def _is_process_director_of_region(user: User, municipality: Municipality) -> bool:
    return (
        Membership.objects.current()
        .filter(
            user=user,
            role=Role.PROCESS_DIRECTOR,
            organisation__region_id=municipality.region_id,
        )
        .exists()
    )


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
    if process_director is not None and not _is_process_director_of_region(
        process_director, municipality
    ):
        raise ValidationError(
            {"process_director": _("The process director must work for the region.")}
        )
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


def _return_motive(current: str, to: str, motive: str, note: str) -> dict[str, str]:
    """The motive for return: required for a change to "returned", refused for any other.

    Going back to "returned" from a death report that proved wrong is not a new return: no
    motive is asked, so the council report does not count the return twice."""
    if to != Situation.RETURNED or is_way_back(current, to):
        if motive or note.strip():
            raise ValidationError(
                {"return_motive": _("A motive for return is only recorded when someone returns.")}
            )
        return {}
    if motive not in ReturnMotive.values:
        raise ValidationError(
            {
                "return_motive": _(
                    "Choose the motive for return: disillusioned, medical care, other or not known."
                )
            }
        )
    if motive == ReturnMotive.OTHER and not note.strip():
        raise ValidationError({"return_motive_note": _("Describe the other motive.")})
    return {"return_motive": motive, "return_motive_note": note.strip()}


def _travel_outcome(current: str, to: str, outcome: str) -> dict[str, str]:
    """How an intention to travel ended: asked when the case leaves "intends to travel" for
    concern or detention, "departed" by itself when the person left, refused otherwise."""
    if current == Situation.INTENDS_TO_TRAVEL and to == Situation.DEPARTED:
        if outcome not in ("", TravelOutcome.DEPARTED):
            raise ValidationError(
                {"travel_outcome": _("The person departed: travel was not prevented.")}
            )
        return {"travel_outcome": TravelOutcome.DEPARTED}
    if current == Situation.INTENDS_TO_TRAVEL and to in TRAVEL_OUTCOME_ASKED:
        if outcome not in TRAVEL_OUTCOME_CHOSEN:
            raise ValidationError(
                {
                    "travel_outcome": _(
                        "Say how the intention to travel ended: travel prevented, or the "
                        "intention given up or not confirmed."
                    )
                }
            )
        return {"travel_outcome": outcome}
    if outcome:
        raise ValidationError(
            {
                "travel_outcome": _(
                    "An outcome of travel is only recorded when a case leaves 'intends to travel'."
                )
            }
        )
    return {}


def _death_source(to: str, source: str, note: str) -> dict[str, str]:
    """The source of a confirmed death: required for a change to "deceased", refused for any
    other (an unconfirmed report is the situation "reported deceased, not confirmed")."""
    if to != Situation.DECEASED:
        if source or note.strip():
            raise ValidationError(
                {"death_source": _("A source is only recorded when a death is confirmed.")}
            )
        return {}
    if source not in DeathSource.values:
        raise ValidationError(
            {
                "death_source": _(
                    "Choose what confirms the death: the BRP, the police, the NCTV or the "
                    "Public Prosecution Service, an official document, or another source. "
                    "Without confirmation, choose 'reported deceased, not confirmed'."
                )
            }
        )
    if source == DeathSource.OTHER and not note.strip():
        raise ValidationError({"death_source_note": _("Describe the other source.")})
    return {"death_source": source, "death_source_note": note.strip()}


def _refuse_situation(current: str, to: str, before: str | None) -> NoReturn:
    if to not in Situation.values:
        raise ValidationError({"to": _("Choose the new situation from the list.")})
    if current == Situation.REPORTED_DECEASED and to != Situation.DECEASED and before:
        raise ValidationError(
            {
                "to": _(
                    "A reported death is either confirmed, or the case goes back to the "
                    "situation it had before the report: %(previous)s."
                )
                % {"previous": Situation(before).label}
            }
        )
    raise ValidationError(
        _("A case whose situation is %(current)s cannot change to %(target)s.")
        % {"current": Situation(current).label, "target": Situation(to).label}
    )


@transaction.atomic
def case_change_situation(
    *,
    actor: Actor,
    user: User,
    case: Case,
    to: str,
    reason: str,
    version: int,
    return_motive: str = "",
    return_motive_note: str = "",
    travel_outcome: str = "",
    death_source: str = "",
    death_source_note: str = "",
) -> Case:
    """Moves the situation. A return records its motive (coded, with text); leaving "intends
    to travel" records how the intention ended, so that both can be counted (issue 14, 7).

    A death is reported ("reported deceased, not confirmed") or confirmed ("deceased", only
    with its source). A report is confirmed, or withdrawn by going back to the situation the
    case had before it, and only to that one, with the reason (issue 14, 6)."""
    _require_reason(reason)
    require_current(case, version)
    before = before_report(case)
    if to not in Situation.values or not situation_allowed(case.situation, to, before):
        _refuse_situation(case.situation, to, before)
    outcome = _return_motive(case.situation, to, return_motive, return_motive_note)
    outcome.update(_travel_outcome(case.situation, to, travel_outcome))
    outcome.update(_death_source(to, death_source, death_source_note))
    update_if_current(Case, case.pk, version, situation=to)
    _event(case, user, CaseEvent.Kind.SITUATION, reason, case.situation, to, **outcome)
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
    decided_by: User | None = None,
) -> Case:
    """Moves the status; closing needs a closure reason, and who decided is recorded
    (``decided_by``, by default the user who records it)."""
    _require_reason(reason)
    require_current(case, version)
    if not status_allowed(case.status, to):
        raise ValidationError(
            _("A case that is %(current)s cannot become %(target)s.")
            % {"current": CaseStatus(case.status).label, "target": CaseStatus(to).label}
        )
    changes: dict[str, object] = {"status": to}
    if to == CaseStatus.CLOSED:
        if closure_reason not in ClosureReason.values:
            raise ValidationError({"closure_reason": _("Choose why the case is closed.")})
        deciders = {case.lead_id, case.process_director_id, user.pk}
        if decided_by is not None and decided_by.pk not in deciders:
            raise ValidationError(
                {"decided_by": _("The lead or the process director of the case decides.")}
            )
        changes.update(closure_reason=closure_reason, closed_by=decided_by or user)
    update_if_current(Case, case.pk, version, **changes)
    _event(case, user, CaseEvent.Kind.STATUS, reason, case.status, to)
    case.refresh_from_db()
    _log(actor, case, name="cases.status", operation=Operation.UPDATE, user=user)
    # A closed case needs no review any more: its review task is withdrawn.
    sync_review_task(case)
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
    update_if_current(Case, case.pk, version)
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
    update_if_current(Case, case.pk, version)
    current.update(removed_at=timezone.now())
    # Its people lose access now, so their open action tasks go too: no reminder may point
    # them at a case they can no longer open. The lead reassigns the action.
    for action_id in case.actions.filter(
        owner_organisation=organisation, status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    ).values_list("pk", flat=True):
        task_withdraw(source=TaskSource.ACTION, source_id=action_id)
    _event(case, user, CaseEvent.Kind.TEAM_REMOVED, reason, old=organisation.name)
    _log(actor, case, name="cases.team.remove", operation=Operation.UPDATE, user=user)


@transaction.atomic
def case_set_review(
    *, actor: Actor, user: User, case: Case, review_on: date, reason: str, version: int
) -> Case:
    """Sets the date the case conference looks at the case again."""
    _require_reason(reason)
    if review_on < timezone.localdate():
        raise ValidationError({"review_on": _("The review date cannot be in the past.")})
    old = case.review_on.isoformat() if case.review_on else ""
    update_if_current(Case, case.pk, version, review_on=review_on)
    _event(case, user, CaseEvent.Kind.REVIEW, reason, old, review_on.isoformat())
    case.refresh_from_db()
    _log(actor, case, name="cases.review", operation=Operation.UPDATE, user=user)
    # The lead's review task follows the date (assigned, or moved to the new date).
    sync_review_task(case)
    return case


def break_glass_hours() -> int:
    """How long emergency access lasts (settings.BREAK_GLASS_HOURS, 4 hours by default)."""
    return int(getattr(settings, "BREAK_GLASS_HOURS", 4))


@transaction.atomic
def break_glass_open(*, actor: Actor, user: User, case: Case, reason: str) -> BreakGlassAccess:
    """Opens a case by emergency access for a limited time. The caller has checked
    access.cases.may_break_glass; the access lands on the privacy officer's review list."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason why you need access now.")})
    access = BreakGlassAccess.objects.create(
        case=case,
        user=user,
        organisation_id=actor.organisation_id,
        reason=reason.strip(),
        expires_at=timezone.now() + timedelta(hours=break_glass_hours()),
    )
    # The case version is not raised: emergency access changes nothing in the case itself.
    _event(case, user, CaseEvent.Kind.BREAK_GLASS, reason.strip())
    _log(actor, case, name="cases.break_glass", operation=Operation.CREATE, user=user)
    return access
