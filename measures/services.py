"""Write functions for interventions: propose, move along the workflow, renew, record a
legal remedy. Each change is one transaction with its history line, its processing record
and the tasks its clocks ask for; a change based on an outdated version is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_direct_measures
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case
from cases.workflow import CaseStatus
from lib.concurrency import require_current, update_if_current
from lib.dates import period_end
from measures.catalogue import CATALOGUE
from measures.models import Intervention, InterventionEvent, LegalRemedy, MeasureType
from measures.workflow import FINAL, IN_FORCE, InterventionState, transition_allowed
from tasks.models import TaskSource
from tasks.services import task_assign, task_close, task_withdraw
from tasks.titles import Title, TitleKey

S = InterventionState


@dataclass(frozen=True)
class StepInput:
    """What a step of the workflow may carry besides its reason."""

    decided_on: date | None = None
    start_on: date | None = None
    end_on: date | None = None


def _log(actor: Actor, intervention: Intervention, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"subject:{intervention.case.subject_id}"],
        object_type="intervention",
        object_id=intervention.pk,
    )


def _event(intervention: Intervention, user: User, old: str, new: str, reason: str) -> None:
    InterventionEvent.objects.create(
        intervention=intervention,
        from_state=old,
        to_state=new,
        end_on=intervention.end_on,
        reason=reason,
        actor=user,
        actor_name=user.full_name,
    )


def _require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})


@transaction.atomic
def intervention_propose(
    *,
    actor: Actor,
    user: User,
    case: Case,
    measure_type: MeasureType,
    responsible_organisation: Organisation,
    legal_basis: str = "",
    competent_authority: str = "",
    note: str = "",
    reason: str,
) -> Intervention:
    if not may_direct_measures(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director proposes measures."))
    _require(case.status != CaseStatus.CLOSED, "__all__", _("The case is closed."))
    _require(measure_type.active, "measure_type", _("This measure is no longer in use."))
    _require(bool(reason.strip()), "reason", _("Give the reason for this measure."))
    _require(
        responsible_organisation.region_id == case.municipality.region_id,
        "responsible_organisation",
        _("Only organisations of the region can be responsible."),
    )
    intervention = Intervention(
        case=case,
        measure_type=measure_type,
        responsible_organisation=responsible_organisation,
        competent_authority=competent_authority.strip() or measure_type.competent_authority,
        legal_basis=legal_basis.strip() or measure_type.legal_source,
        note=note.strip(),
        created_by=user,
    )
    intervention.full_clean()
    intervention.save()
    _event(intervention, user, "", S.PROPOSED, reason.strip())
    _log(actor, intervention, name="measures.propose", operation=Operation.CREATE)
    return intervention


def maximum_end(intervention: Intervention) -> date | None:
    """The last day the measure may last with every renewal, or None without a maximum."""
    months = intervention.measure_type.maximum_total_months
    if months is None or intervention.start_on is None:
        return None
    return period_end(intervention.start_on, months)


def law_expiry_warning(intervention: Intervention) -> str:
    """A warning when the measure would outlive the temporary law it rests on, else ''."""
    expires = intervention.measure_type.law_expires_on
    if expires is None or intervention.end_on is None or intervention.end_on < expires:
        return ""
    return _(
        "This measure would run until %(end)s, but the law it rests on is in force only until "
        "%(expires)s. Check whether the law has been extended before deciding."
    ) % {"end": _day(intervention.end_on), "expires": _day(expires)}


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def _within_maximum(intervention: Intervention, end_on: date | None, message: str) -> None:
    limit = maximum_end(intervention)
    if limit is not None and end_on is not None and end_on > limit:
        raise _refuse(
            "end_on",
            message
            % {
                "end": _day(end_on),
                "months": intervention.measure_type.maximum_total_months,
                "limit": _day(limit),
            },
        )


def _activation(intervention: Intervention, step: StepInput) -> dict[str, object]:
    if step.start_on is None:
        raise _refuse("start_on", _("Give the first day of the measure."))
    measure = intervention.measure_type
    end_on = step.end_on
    if end_on is None and measure.default_duration_months:
        end_on = period_end(step.start_on, measure.default_duration_months)
    if end_on is not None and end_on < step.start_on:
        raise _refuse("end_on", _("The end date cannot lie before the start date."))
    intervention.start_on, intervention.end_on = step.start_on, end_on
    _within_maximum(
        intervention,
        end_on,
        _("The measure may last at most %(months)s months: until %(limit)s at the latest."),
    )
    return {"start_on": step.start_on, "end_on": end_on}


def _renewal(intervention: Intervention, step: StepInput) -> dict[str, object]:
    renewal_months = intervention.measure_type.renewal_step_months
    if renewal_months is None:
        raise _refuse("end_on", _("This measure cannot be renewed."))
    if intervention.end_on is None:
        raise _refuse("end_on", _("The measure has no end date yet."))
    # The renewal is a new period that starts the day after the current end.
    new_end = step.end_on or period_end(intervention.end_on + timedelta(days=1), renewal_months)
    if new_end <= intervention.end_on:
        raise _refuse("end_on", _("A renewal must end later."))
    _within_maximum(
        intervention,
        new_end,
        _(
            "A renewal until %(end)s goes beyond the maximum of %(months)s months "
            "(until %(limit)s)."
        ),
    )
    intervention.end_on = new_end
    return {"end_on": new_end}


def _remedy(intervention: Intervention, kind: str, decided_on: date, days: int) -> None:
    starts = decided_on + timedelta(days=1)
    remedy = LegalRemedy.objects.create(
        intervention=intervention,
        kind=kind,
        term_starts_on=starts,
        deadline=starts + timedelta(days=days - 1),
    )
    _remedy_task(remedy)


def _remedies_for(intervention: Intervention, to: str, step: StepInput) -> None:
    decided_on = step.decided_on or timezone.localdate()
    if to == S.INTENT_NOTIFIED:
        _remedy(intervention, LegalRemedy.Kind.VIEW, decided_on, settings.MEASURE_VIEW_TERM_DAYS)
    measure = intervention.measure_type
    if to in (S.DECIDED, S.EXTENDED) and measure.appeal_term_days:
        # Objection first where the law has an objection phase; otherwise straight to court.
        kind = LegalRemedy.Kind.OBJECTION if measure.objection_phase else LegalRemedy.Kind.APPEAL
        _remedy(intervention, kind, decided_on, measure.appeal_term_days)


def sync_measure_tasks(intervention: Intervention) -> None:
    """The lead's task before the end of a measure in force: decide on renewal (when the
    type can be renewed) or prepare the end; withdrawn when the measure is no longer in
    force. Due a configurable number of days before the end (default six weeks)."""
    if intervention.state not in IN_FORCE or intervention.end_on is None:
        task_withdraw(source=TaskSource.MEASURE, source_id=intervention.pk)
        return
    renewable = intervention.measure_type.renewal_step_months is not None
    key = TitleKey.MEASURE_RENEWAL if renewable else TitleKey.MEASURE_ENDS
    title = Title(key, {"measure": intervention.measure_type.name})
    warning = timedelta(days=settings.MEASURE_END_WARNING_DAYS)
    task_assign(
        source=TaskSource.MEASURE,
        source_id=intervention.pk,
        case=intervention.case,
        owner=intervention.case.lead,
        title=title,
        url=f"/casussen/{intervention.case_id}/maatregelen/{intervention.pk}/",
        due_on=max(intervention.end_on - warning, intervention.start_on or intervention.end_on),
    )


@transaction.atomic
def intervention_transition(
    *,
    actor: Actor,
    user: User,
    intervention: Intervention,
    to: str,
    reason: str,
    version: int,
    step: StepInput = StepInput(),
) -> Intervention:
    """Moves the intervention along the table; activating, renewing and ending set dates
    within the measure's maximum; deciding opens the term for objection as a task."""
    if not may_direct_measures(actor, case_facts(intervention.case)):
        raise ValidationError(_("Only the lead or the process director moves measures."))
    _require(bool(reason.strip()), "reason", _("Give the reason for this step."))
    _require(to in S.values, "to", _("Choose the next step from the list."))
    require_current(intervention, version)
    if not transition_allowed(intervention.state, to):
        raise ValidationError(
            _("A measure that is %(current)s cannot become %(target)s.")
            % {"current": S(intervention.state).label, "target": S(to).label}
        )
    old = intervention.state
    changes: dict[str, object] = {"state": to}
    if to == S.ACTIVE:
        changes.update(_activation(intervention, step))
    elif to == S.EXTENDED:
        changes.update(_renewal(intervention, step))
    elif to == S.ENDED:
        end_on = step.end_on or timezone.localdate()
        if intervention.start_on is not None and end_on < intervention.start_on:
            raise _refuse("end_on", _("The end date cannot lie before the start date."))
        changes["end_on"] = end_on
    update_if_current(Intervention, intervention.pk, version, **changes)
    intervention.refresh_from_db()
    _event(intervention, user, old, to, reason.strip())
    _remedies_for(intervention, to, step)
    sync_measure_tasks(intervention)
    _log(actor, intervention, name="measures.transition", operation=Operation.UPDATE)
    return intervention


@transaction.atomic
def catalogue_load() -> int:
    """Adds the types of measures.catalogue that do not exist yet; returns how many."""
    existing = set(MeasureType.objects.values_list("code", flat=True))
    new = [
        MeasureType(
            code=entry.code,
            name=entry.name,
            regime=entry.regime,
            description=entry.description,
            competent_authority=entry.authority,
            mayor_decides=entry.mayor_decides,
            default_duration_months=entry.default_months,
            renewal_step_months=entry.renewal_months,
            maximum_total_months=entry.maximum_months,
            consent_required=entry.consent,
            appeal_route=entry.appeal_route,
            appeal_term_days=entry.appeal_days,
            objection_phase=entry.objection,
            legal_source=entry.legal_source,
            law_expires_on=entry.law_expires_on,
        )
        for entry in CATALOGUE
        if entry.code not in existing
    ]
    MeasureType.objects.bulk_create(new)
    return len(new)


# --- Legal remedies and review dates. ---

# Outcomes that say the remedy was lodged; "not used" and "term running" say it was not.
LODGED_OUTCOMES = frozenset(
    {
        LegalRemedy.Outcome.PENDING,
        LegalRemedy.Outcome.UPHELD,
        LegalRemedy.Outcome.REJECTED,
        LegalRemedy.Outcome.WITHDRAWN,
    }
)


@transaction.atomic
def remedy_record(
    *,
    actor: Actor,
    user: User,
    remedy: LegalRemedy,
    lodged_on: date | None,
    outcome: str,
    note: str = "",
    version: int,
) -> LegalRemedy:
    """Records whether a legal remedy was lodged and how it ended. Once the term is no
    longer running, the lead's deadline task for it is done."""
    intervention = remedy.intervention
    if not may_direct_measures(actor, case_facts(intervention.case)):
        raise ValidationError(_("Only the lead or the process director records legal remedies."))
    _require(
        outcome in LegalRemedy.Outcome.values, "outcome", _("Choose an outcome from the list.")
    )
    if outcome in LODGED_OUTCOMES:
        _require(lodged_on is not None, "lodged_on", _("Give the day it was lodged."))
    else:
        _require(
            lodged_on is None,
            "lodged_on",
            _("Leave the day it was lodged empty: with this outcome it was not lodged."),
        )
    if lodged_on is not None:
        _require(
            lodged_on >= remedy.term_starts_on,
            "lodged_on",
            _("It cannot have been lodged before the term started on %(start)s.")
            % {"start": _day(remedy.term_starts_on)},
        )
        _require(
            lodged_on <= timezone.localdate(),
            "lodged_on",
            _("The day it was lodged cannot lie in the future."),
        )
    update_if_current(
        LegalRemedy, remedy.pk, version, lodged_on=lodged_on, outcome=outcome, note=note.strip()
    )
    remedy.refresh_from_db()
    if outcome == LegalRemedy.Outcome.OPEN:
        # Back to "term running": the deadline matters again.
        _remedy_task(remedy)
    else:
        task_close(source=TaskSource.REMEDY, source_id=remedy.pk)
    _appeal_after_objection(remedy)
    _log(actor, intervention, name="measures.remedy.record", operation=Operation.UPDATE)
    return remedy


def _appeal_after_objection(remedy: LegalRemedy) -> None:
    """A rejected objection opens the term for appeal, counted from the decision on the
    objection (today, when it is recorded); once per objection."""
    days = remedy.intervention.measure_type.appeal_term_days
    if remedy.kind != LegalRemedy.Kind.OBJECTION or remedy.outcome != LegalRemedy.Outcome.REJECTED:
        return
    if not days:
        return
    later = LegalRemedy.objects.filter(
        intervention=remedy.intervention,
        kind=LegalRemedy.Kind.APPEAL,
        term_starts_on__gt=remedy.term_starts_on,
    )
    if later.exists():
        return
    _remedy(remedy.intervention, LegalRemedy.Kind.APPEAL, timezone.localdate(), days)


def _remedy_task(remedy: LegalRemedy) -> None:
    intervention = remedy.intervention
    task_assign(
        source=TaskSource.REMEDY,
        source_id=remedy.pk,
        case=intervention.case,
        owner=intervention.case.lead,
        title=Title(TitleKey.REMEDY_TERM, {"measure": intervention.measure_type.name}),
        url=f"/casussen/{intervention.case_id}/maatregelen/{intervention.pk}/",
        due_on=remedy.deadline,
    )


@transaction.atomic
def intervention_set_review(
    *,
    actor: Actor,
    user: User,
    intervention: Intervention,
    review_on: date | None,
    version: int,
) -> Intervention:
    """Sets (or clears) the day the measure is looked at again; the lead gets it as a task."""
    if not may_direct_measures(actor, case_facts(intervention.case)):
        raise ValidationError(_("Only the lead or the process director sets review dates."))
    _require(intervention.case.status != CaseStatus.CLOSED, "__all__", _("The case is closed."))
    _require(
        intervention.state not in FINAL,
        "__all__",
        _("This measure has ended; it is not reviewed any more."),
    )
    if review_on is not None:
        _require(
            review_on >= timezone.localdate(),
            "review_on",
            _("The review date cannot lie in the past."),
        )
    update_if_current(Intervention, intervention.pk, version, review_on=review_on)
    intervention.refresh_from_db()
    if review_on is None:
        task_withdraw(source=TaskSource.MEASURE_REVIEW, source_id=intervention.pk)
    else:
        task_assign(
            source=TaskSource.MEASURE_REVIEW,
            source_id=intervention.pk,
            case=intervention.case,
            owner=intervention.case.lead,
            title=Title(TitleKey.MEASURE_REVIEW, {"measure": intervention.measure_type.name}),
            url=f"/casussen/{intervention.case_id}/maatregelen/{intervention.pk}/",
            due_on=review_on,
        )
    _log(actor, intervention, name="measures.review", operation=Operation.UPDATE)
    return intervention


@transaction.atomic
def remedy_request_interim_relief(
    *, actor: Actor, user: User, intervention: Intervention, lodged_on: date, note: str = ""
) -> LegalRemedy:
    """Records a request for interim relief (voorlopige voorziening) at the court. It has no
    term of its own: it can be asked while an objection or appeal is pending, so it is
    recorded as lodged and pending until the court rules."""
    if not may_direct_measures(actor, case_facts(intervention.case)):
        raise ValidationError(_("Only the lead or the process director records legal remedies."))
    pending = intervention.remedies.filter(
        kind__in=(LegalRemedy.Kind.OBJECTION, LegalRemedy.Kind.APPEAL),
        outcome=LegalRemedy.Outcome.PENDING,
    )
    if not pending.exists():
        raise _refuse(
            "lodged_on",
            _("Interim relief can be asked only while an objection or appeal is pending."),
        )
    if lodged_on > timezone.localdate():
        raise _refuse("lodged_on", _("The day it was lodged cannot lie in the future."))
    remedy = LegalRemedy.objects.create(
        intervention=intervention,
        kind=LegalRemedy.Kind.INTERIM_RELIEF,
        term_starts_on=lodged_on,
        deadline=lodged_on,
        lodged_on=lodged_on,
        outcome=LegalRemedy.Outcome.PENDING,
        note=note.strip(),
    )
    _log(actor, intervention, name="measures.remedy.interim_relief", operation=Operation.CREATE)
    return remedy
