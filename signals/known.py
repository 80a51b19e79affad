""" "Already known?": the identity check at intake (issue 3, DESIGN §4).

A user who may see a matching person gets the candidate, why it matched and where to look;
anyone else learns only that there is a hit and whom to contact (the lead of the person's
municipality) — never a name, a date or a count. Every check is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from access.facts import Actor, SubjectFacts
from access.subjects import may_view_subject
from accounts.models import Municipality, User
from audit.models import Operation, ProcessingRecord
from audit.services import log_processing
from persons.matching import Candidate, PersonQuery, find_candidates
from persons.models import Subject
from signals.gates import signal_facts, signals_visible_to
from signals.models import Signal

ACTIVITY = "identity-check"


@dataclass(frozen=True)
class VisibleCandidate:
    candidate: Candidate
    subject: Subject
    signals: list[Signal]


@dataclass(frozen=True)
class HiddenHit:
    """A hit the user may not see: only where it is and whom to ask."""

    municipality: Municipality
    contacts: list[User]


@dataclass(frozen=True)
class CheckResult:
    visible: list[VisibleCandidate]
    hidden: list[HiddenHit]

    @property
    def hit(self) -> bool:
        return bool(self.visible or self.hidden)


def subject_facts(subject: Subject) -> SubjectFacts:
    return SubjectFacts(
        municipality_id=subject.municipality_id,
        signals=tuple(signal_facts(signal) for signal in subject.signals.all()),
    )


CHECK_NAME = "signals.already_known.check"


def checks_since(actor: Actor, moment: datetime) -> int:
    """How many checks the actor ran since ``moment``, counted from the processing log (one
    trace per request), so every worker process counts the same."""
    return (
        ProcessingRecord.objects.filter(
            name=CHECK_NAME, actor_id=actor.user_id, started_at__gte=moment
        )
        .values("trace_id")
        .distinct()
        .count()
    )


def may_check_now(actor: Actor) -> bool:
    """Within both limits per account: a burst per minute and a total per hour."""
    now = timezone.now()
    if checks_since(actor, now - timedelta(minutes=1)) >= settings.KNOWN_CHECKS_PER_MINUTE:
        return False
    return checks_since(actor, now - timedelta(hours=1)) < settings.KNOWN_CHECKS_PER_HOUR


def already_known(actor: Actor, query: PersonQuery) -> CheckResult:
    """Runs the check over all municipalities and answers as much as the actor may know."""
    candidates = find_candidates(query)
    subjects = Subject.objects.select_related("municipality").in_bulk(
        [c.subject_id for c in candidates]
    )
    visible_signals = signals_visible_to(actor)
    visible: list[VisibleCandidate] = []
    hidden_by_municipality: dict[int, Municipality] = {}
    for candidate in candidates:
        subject = subjects[candidate.subject_id]
        if may_view_subject(actor, subject_facts(subject)):
            signals = list(visible_signals.filter(subject=subject).order_by("-received_at"))
            visible.append(VisibleCandidate(candidate, subject, signals))
        else:
            hidden_by_municipality[subject.municipality_id] = subject.municipality
    hidden = [
        HiddenHit(municipality, list(User.objects.leads_of(municipality).order_by("full_name")))
        for municipality in sorted(hidden_by_municipality.values(), key=lambda m: m.name)
    ]
    # The check processes the identity of every candidate, shown or not: one record each.
    log_processing(
        activity=ACTIVITY,
        name=CHECK_NAME,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"subject:{c.subject_id}" for c in candidates],
        object_type="identity_check",
    )
    return CheckResult(visible=visible, hidden=hidden)
