"""The search box: persons by name, signals and cases by number — only what the policy shows.

Every object comes from a list scope (``signals_visible_to``, ``cases_visible_to``), and a
person is shown only when ``may_view_subject`` says so on the facts of all their signals and
cases; the search never filters by a rule of its own. Every search writes the processing
log: one record per person shown (for a number, the person the signal or case is about), or
one record without a person when nothing is shown. The words searched for are in no record,
no URL and no log line: the view takes them from a POST and forgets them.

A number the actor may not see: the answer is "nothing found", exactly as for a number that
does not exist, and no refusal (``access.refusal.refused``) is written. A refusal records an
object fetched by id through a gate; the search never fetches by id — it asks the actor's
scope for the number, so it does not even learn that an object out of reach exists, and
there is nothing to refuse. Walking numbers shows in the log all the same: each search is a
record under "search", and the throttle below stops a script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from access.facts import Actor, SubjectFacts
from access.subjects import may_view_subject
from audit.models import Operation, ProcessingRecord
from audit.services import log_processing
from cases.gates import case_facts, cases_visible_to
from cases.models import Case
from cases.workflow import CaseStatus
from persons.models import Subject
from persons.names import fold
from search.names import NameRow, prepare, reasons_for
from search.terms import NameSplit, SearchTerms
from signals.gates import signals_facts, signals_visible_to
from signals.models import Signal

ACTIVITY = "search"
SEARCH_NAME = "search.query"
# More people than this answer a name: the page shows the first ones and asks for more of
# the name, so a short word cannot list everyone the actor may see.
MAX_PERSONS = 20


@dataclass(frozen=True)
class PersonResult:
    subject: Subject
    reasons: tuple[str, ...]
    open_cases: list[Case]
    signals: list[Signal]


@dataclass(frozen=True)
class SearchResult:
    persons: list[PersonResult]
    more_persons: bool
    signal: Signal | None
    case: Case | None

    @property
    def found(self) -> bool:
        return bool(self.persons or self.signal or self.case)


# --- Throttle: a search is an identity lookup, limited like "already known?". ---


def searches_since(actor: Actor, moment: datetime) -> int:
    """How many searches the actor ran since ``moment``, counted from the processing log (one
    trace per request), so every worker process counts the same."""
    return (
        ProcessingRecord.objects.filter(
            name=SEARCH_NAME, actor_id=actor.user_id, started_at__gte=moment
        )
        .values("trace_id")
        .distinct()
        .count()
    )


def may_search_now(actor: Actor) -> bool:
    """Within both limits per account. The limits of "already known?" apply
    (KNOWN_CHECKS_PER_MINUTE, KNOWN_CHECKS_PER_HOUR), counted apart from its checks."""
    now = timezone.now()
    if searches_since(actor, now - timedelta(minutes=1)) >= settings.KNOWN_CHECKS_PER_MINUTE:
        return False
    return searches_since(actor, now - timedelta(hours=1)) < settings.KNOWN_CHECKS_PER_HOUR


# --- Persons. ---


def subject_facts(subject: Subject) -> SubjectFacts:
    """The facts of a person with every signal and case about them (signals.known reads only
    the signals: it answers the intake, who never sees cases)."""
    signals = list(Signal.objects.select_related("municipality").filter(subject=subject))
    cases = Case.objects.select_related("municipality").filter(subject=subject)
    return SubjectFacts(
        municipality_id=subject.municipality_id,
        signals=tuple(signals_facts(signals).values()),
        cases=tuple(case_facts(case) for case in cases),
    )


def _visible_pool(actor: Actor) -> QuerySet[Subject]:
    """The people of the signals and cases the actor may see: the scopes decide, and only
    these names are compared with what was typed."""
    through_signals = signals_visible_to(actor).values("subject_id")
    through_cases = cases_visible_to(actor).values("subject_id")
    return Subject.objects.filter(Q(pk__in=through_signals) | Q(pk__in=through_cases))


def _matching_ids(actor: Actor, splits: tuple[NameSplit, ...]) -> list[tuple[int, tuple[str, ...]]]:
    prepared = prepare(splits)
    found: list[tuple[tuple[str, str, int], int, tuple[str, ...]]] = []
    rows = (
        _visible_pool(actor)
        .order_by()
        .values_list("id", "given_names", "surname_prefix", "surname", "match_surname")
    )
    for pk, given, prefix, surname, surname_key in rows:
        reasons = reasons_for(prepared, NameRow(pk, given, prefix, surname))
        if reasons is not None:
            # By name, then id: never by how well or how much.
            found.append(((surname_key, fold(given), pk), pk, reasons))
    found.sort(key=lambda item: item[0])
    return [(pk, reasons) for _order, pk, reasons in found]


def _persons(actor: Actor, splits: tuple[NameSplit, ...]) -> tuple[list[PersonResult], bool]:
    matching = _matching_ids(actor, splits)
    shown = matching[:MAX_PERSONS]
    subjects = Subject.objects.select_related("municipality").in_bulk([pk for pk, _r in shown])
    visible = [
        (subjects[pk], reasons)
        for pk, reasons in shown
        if pk in subjects and may_view_subject(actor, subject_facts(subjects[pk]))
    ]
    ids = [subject.pk for subject, _reasons in visible]
    signals_of: dict[int, list[Signal]] = {}
    for signal in signals_visible_to(actor).filter(subject_id__in=ids).order_by("-received_at"):
        signals_of.setdefault(signal.subject_id or 0, []).append(signal)
    cases_of: dict[int, list[Case]] = {}
    open_cases = (
        cases_visible_to(actor)
        .filter(subject_id__in=ids)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-opened_at")
    )
    for case in open_cases:
        cases_of.setdefault(case.subject_id, []).append(case)
    results = [
        PersonResult(
            subject=subject,
            reasons=reasons,
            open_cases=cases_of.get(subject.pk, []),
            signals=signals_of.get(subject.pk, []),
        )
        for subject, reasons in visible
    ]
    return results, len(matching) > MAX_PERSONS


# --- The search. ---


def search(actor: Actor, terms: SearchTerms) -> SearchResult:
    """Runs the search as far as the actor may see, and logs it (see the module docstring)."""
    persons: list[PersonResult] = []
    more = False
    signal: Signal | None = None
    case: Case | None = None
    if terms.is_number and terms.number is not None:
        signal = (
            signals_visible_to(actor)
            .select_related("subject", "municipality")
            .filter(pk=terms.number)
            .first()
        )
        case = (
            cases_visible_to(actor)
            .select_related("subject", "municipality")
            .filter(pk=terms.number)
            .first()
        )
    elif not terms.is_number:
        persons, more = _persons(actor, terms.names)
    shown = {person.subject.pk for person in persons}
    if signal is not None and signal.subject_id is not None:
        shown.add(signal.subject_id)
    if case is not None:
        shown.add(case.subject_id)
    log_processing(
        activity=ACTIVITY,
        name=SEARCH_NAME,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"subject:{pk}" for pk in sorted(shown)],
        object_type="search",
    )
    return SearchResult(persons=persons, more_persons=more, signal=signal, case=case)
