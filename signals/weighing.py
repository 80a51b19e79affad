"""The weighing of signals: what is due for a session, and recording its decision.

Registered as the agenda source for "signal" items of weighing sessions (meetings.agenda), so
that the meetings app can build agendas and record decisions without importing signals.

Outcomes and what they do to the signal (DESIGN §2):

- no concern, refer to regular care: weighed → closed; kept until decision date +
  SIGNAL_RETENTION_DAYS (the date is on the signal and on the decision);
- gather information: weighed; back on the agenda from its review date (≤ three months);
- include: weighed; the hooks registered with ``on_include`` run after the commit (the cases
  app opens the case); its retention follows the case;
- escalate to the local triangle: weighed, without a retention date yet; back on the agenda
  from its review date, where the triangle's answer is recorded as a new decision — which
  closes the signal (and sets its retention date) or includes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from access.cases import case_scope
from access.facts import Actor
from access.signals import may_edit_signal, may_view_signal
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from meetings.agenda import (
    AgendaSource,
    DecisionSummary,
    DueItem,
    ItemChanged,
    ItemSummary,
    register_agenda_source,
)
from meetings.models import Meeting, MeetingKind
from meetings.weighing import (
    CLOSING_OUTCOMES,
    RETURNING_OUTCOMES,
    CriterionAnswer,
    Outcome,
    WeighingInput,
    weighing_errors,
)
from signals.gates import (
    ACTIVITY,
    ITEM_TYPE,
    get_signal_for_user,
    log_signal_read,
    signals_facts,
)
from signals.models import Signal, WeighingDecision
from signals.services import StaleEdit, retention_date, signal_transition
from signals.workflow import Status

REASON_AWAITING = gettext_noop("awaiting weighing")
REASON_REVIEW = gettext_noop("review date reached")
REASON_DECIDED = gettext_noop("decided in this session")

IncludeHook = Callable[[WeighingDecision], None]
_include_hooks: list[IncludeHook] = []


def on_include(hook: IncludeHook) -> IncludeHook:
    """Registers a callable that runs, after the commit, for every decision to include.

    The cases app registers the opening of a case here (it comes after signals in the import
    order). Usable as a decorator.
    """
    if hook not in _include_hooks:
        _include_hooks.append(hook)
    return hook


def remove_include_hook(hook: IncludeHook) -> None:
    if hook in _include_hooks:
        _include_hooks.remove(hook)


def _run_include_hooks(decision: WeighingDecision) -> None:
    for hook in list(_include_hooks):
        hook(decision)


def meeting_day(meeting: Meeting) -> date:
    return timezone.localtime(meeting.held_at).date()


def _latest(field: str) -> Subquery:
    latest = WeighingDecision.objects.filter(signal=OuterRef("pk")).order_by("-decided_at", "-id")
    return Subquery(latest.values(field)[:1])


def signals_due(meeting: Meeting) -> QuerySet[Signal]:
    """The municipality's signals awaiting weighing, and those whose review date has come."""
    returning = Q(
        status=Status.WEIGHED,
        last_outcome__in=RETURNING_OUTCOMES,
        last_review_on__lte=meeting_day(meeting),
    )
    return (
        Signal.objects.filter(municipality_id=meeting.municipality_id)
        .annotate(last_outcome=_latest("outcome"), last_review_on=_latest("review_on"))
        .filter(Q(status=Status.AWAITING_WEIGHING) | returning)
        .order_by("received_at", "id")
    )


def _due_items(meeting: Meeting) -> list[DueItem]:
    """What belongs on the agenda: what is due, and what this meeting already decided."""
    due = [
        DueItem(
            item_id=signal.pk,
            reason=REASON_AWAITING if signal.status == Status.AWAITING_WEIGHING else REASON_REVIEW,
            subjects=(f"subject:{signal.subject_id}",) if signal.subject_id else (),
        )
        for signal in signals_due(meeting)
    ]
    due_ids = {d.item_id for d in due}
    decided_here = WeighingDecision.objects.filter(meeting=meeting).exclude(signal_id__in=due_ids)
    return due + [
        DueItem(item_id=signal_id, reason=REASON_DECIDED)
        for signal_id in decided_here.values_list("signal_id", flat=True)
    ]


def _summary(decision: WeighingDecision) -> DecisionSummary:
    return DecisionSummary(
        outcome=decision.outcome,
        outcome_label=decision.get_outcome_display(),
        decided_on=timezone.localtime(decision.decided_at).date(),
        decided_by=decision.decided_by_name,
        review_on=decision.review_on,
        retention_until=decision.retention_until,
        referral_organisation=(
            decision.referral_organisation.name if decision.referral_organisation else ""
        ),
        record=WeighingInput(
            criteria=tuple(
                CriterionAnswer(
                    code=row["code"],
                    answer=row["answer"],
                    evidence=row.get("evidence", ""),
                    source=row.get("source", ""),
                )
                for row in decision.criteria
            ),
            alternatives=tuple(decision.alternatives),
            alternatives_other=decision.alternatives_other,
            proportionality=decision.proportionality,
            subsidiarity=decision.subsidiarity,
            reasoning=decision.reasoning,
            outcome=decision.outcome,
            review_on=decision.review_on,
            referral_organisation_id=decision.referral_organisation_id,
            outcome_note=decision.outcome_note,
        ),
    )


def _visible_cases(actor: Actor, decisions: dict[int, WeighingDecision]) -> dict[int, int]:
    """Per signal, the case its decision here opened, when the actor may see that case: one
    query for the whole agenda. The case model is reached through the decision's relation,
    which keeps the cases app out of this one's imports."""
    opened = {sid: d.case.pk for sid, d in decisions.items() if hasattr(d, "case")}
    if not opened:
        return {}
    case_model = WeighingDecision._meta.get_field("case").related_model
    visible = set(
        case_model._default_manager.filter(case_scope(actor), pk__in=opened.values()).values_list(
            "pk", flat=True
        )
    )
    return {sid: case_id for sid, case_id in opened.items() if case_id in visible}


def _links(signal: Signal, case_id: int | None) -> tuple[tuple[str, str], ...]:
    """The signal's page (the caller has checked the actor may see it) and the case this
    session's decision opened, when the actor may see that case."""
    number = {"number": signal.pk}
    links = [(_("Signal %(number)s") % number, reverse("signals:detail", args=[signal.pk]))]
    if case_id is not None:
        label = _("Case %(number)s") % {"number": case_id}
        links.append((label, reverse("cases:detail", args=[case_id])))
    return tuple(links)


def _describe(
    *, actor: Actor, meeting: Meeting, item_ids: Sequence[int], log_name: str
) -> dict[int, ItemSummary]:
    """What the actor may see of these signals; the reads of what is returned are logged."""
    signals = list(
        Signal.objects.select_related("subject", "municipality").filter(
            pk__in=item_ids, municipality_id=meeting.municipality_id
        )
    )
    due_ids = set(signals_due(meeting).filter(pk__in=item_ids).values_list("pk", flat=True))
    decisions = {
        d.signal_id: d
        for d in WeighingDecision.objects.select_related("referral_organisation", "case").filter(
            meeting=meeting, signal_id__in=item_ids
        )
    }
    opened = _visible_cases(actor, decisions)
    summaries: dict[int, ItemSummary] = {}
    shown: list[Signal] = []
    # The signals' own facts, so this page agrees with the signal gate; one batch for all.
    all_facts = signals_facts(signals)
    for signal in signals:
        facts = all_facts[signal.pk]
        if not may_view_signal(actor, facts):
            continue
        decision = decisions.get(signal.pk)
        shown.append(signal)
        summaries[signal.pk] = ItemSummary(
            title=_("Signal %(number)s") % {"number": signal.pk},
            subject=signal.subject.display_name if signal.subject else "",
            status=str(Status(signal.status).label),
            description=signal.description,
            version=signal.version,
            decidable=(decision is None and signal.pk in due_ids and may_edit_signal(actor, facts)),
            decision=_summary(decision) if decision else None,
            links=_links(signal, opened.get(signal.pk)),
        )
    log_signal_read(actor, shown, name=log_name)
    return summaries


def _refuse_unless_due(signal: Signal, meeting: Meeting) -> None:
    if meeting.kind != MeetingKind.WEIGHING:
        raise ValidationError(_("Signals are weighed in a weighing session."))
    if signal.municipality_id != meeting.municipality_id:
        raise ValidationError(_("This signal belongs to another municipality."))
    if WeighingDecision.objects.filter(signal=signal, meeting=meeting).exists():
        raise ValidationError(_("This session has already decided on this signal."))
    if not signals_due(meeting).filter(pk=signal.pk).exists():
        raise ValidationError(_("This signal is not awaiting weighing in this session."))


@transaction.atomic
def weighing_decide(
    *, actor: Actor, user: User, meeting: Meeting, signal: Signal, data: WeighingInput, version: int
) -> WeighingDecision:
    """Records the session's decision and moves the signal, in one transaction.

    ``version`` is the signal's version the user saw; a newer one refuses the decision
    (StaleEdit) and nothing is written. Returns the decision, with its retention date for the
    outcomes that close the signal.
    """
    if not Signal.objects.filter(pk=signal.pk, version=version).exists():
        # Said first: whatever else is wrong, the user is looking at an old version.
        raise StaleEdit
    _refuse_unless_due(signal, meeting)
    day = meeting_day(meeting)
    errors = weighing_errors(data, meeting_day=day)
    if errors:
        raise ValidationError(errors)
    referral = None
    if data.outcome == Outcome.REFER_TO_CARE and data.referral_organisation_id is not None:
        referral = Organisation.objects.filter(pk=data.referral_organisation_id).first()
        if referral is None:
            raise ValidationError(
                {"referral_organisation": [_("Choose the organisation that takes over the care.")]}
            )
    outcome = Outcome(data.outcome)
    reason = _("Weighed in the session of %(day)s: %(outcome)s.") % {
        "day": date_format(day, "SHORT_DATE_FORMAT"),
        "outcome": outcome.label,
    }
    if signal.status == Status.WEIGHED:
        signal = signal_transition(
            actor=actor,
            user=user,
            signal=signal,
            to=Status.AWAITING_WEIGHING,
            reason=_("Back on the agenda of the session of %(day)s: review date reached.")
            % {"day": date_format(day, "SHORT_DATE_FORMAT")},
            version=version,
        )
        version = signal.version
    signal = signal_transition(
        actor=actor, user=user, signal=signal, to=Status.WEIGHED, reason=reason, version=version
    )
    retention = None
    if outcome in CLOSING_OUTCOMES:
        signal = signal_transition(
            actor=actor,
            user=user,
            signal=signal,
            to=Status.CLOSED,
            reason=reason,
            version=signal.version,
        )
        retention = retention_date(timezone.localdate())
        Signal.objects.filter(pk=signal.pk).update(retention_until=retention)
    decision = WeighingDecision(
        signal=signal,
        meeting=meeting,
        decided_by=user,
        decided_by_name=user.full_name,
        criteria=[c.as_json() for c in data.criteria],
        alternatives=list(data.alternatives),
        alternatives_other=data.alternatives_other.strip(),
        proportionality=data.proportionality.strip(),
        subsidiarity=data.subsidiarity.strip(),
        reasoning=data.reasoning.strip(),
        outcome=outcome,
        review_on=data.review_on if outcome in RETURNING_OUTCOMES else None,
        referral_organisation=referral,
        outcome_note=data.outcome_note.strip(),
        retention_until=retention,
    )
    decision.full_clean()
    decision.save()
    log_processing(
        activity=ACTIVITY,
        name="signals.weighing.decide",
        operation=Operation.CREATE,
        actor=actor,
        subjects=[f"subject:{signal.subject_id}"] if signal.subject_id else [],
        object_type="weighing_decision",
        object_id=decision.pk,
    )
    if outcome == Outcome.INCLUDE:
        transaction.on_commit(partial(_run_include_hooks, decision))
    return decision


def _decide(
    *,
    actor: Actor,
    user: User,
    meeting: Meeting,
    item_id: int,
    data: WeighingInput,
    version: int,
) -> DecisionSummary:
    """The agenda's way in: through the signal gate (edit), then the decision service."""
    signal = get_signal_for_user(actor, item_id, write=True)
    try:
        decision = weighing_decide(
            actor=actor, user=user, meeting=meeting, signal=signal, data=data, version=version
        )
    except StaleEdit as stale:
        raise ItemChanged from stale
    return _summary(decision)


register_agenda_source(
    AgendaSource(
        item_type=ITEM_TYPE,
        meeting_kind=MeetingKind.WEIGHING,
        activity=ACTIVITY,
        due=_due_items,
        describe=_describe,
        decide=_decide,
    )
)
