"""Fictional demo data for the council report (issue 14, point 8): a quarter with figures, and
a draft report of it with the lead's text in outline and the police's explanation.

The other demo cases are opened on the day the seed runs, so the last ended quarter would be
empty and a report of it would show nothing. Here Wijkstad gets earlier cases, dated into the
last ended calendar quarter (or year, where the installation reports per year) relative to
today, never to a pinned date: opened in it, with an intention to travel that arose and was
given up in it. There are enough of them that the report shows figures, not only "< 10".

The cases are made through the real services (timeline, team, checklists, processing log)
and then dated back: the services stamp "now". Idempotent: a second run finds the cases by
their people and the report by its municipality and period, and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from access.facts import Actor
from accounts.models import Membership, Municipality, Organisation, Role
from cases.models import Case, CaseEvent, TeamMember
from cases.services import case_change_situation, case_change_status, case_open
from cases.workflow import CaseStatus, ClosureReason, Situation, TravelOutcome
from demo.seed_signals import DemoPerson, _lead, _person, _years_ago
from reports import services, texts
from reports.models import Channel, Classification, CouncilReport
from reports.periods import Period, recent_periods

POLICE = "Politie Eenheid Lage Landen"
YOUTH_CARE = "Jeugdhulp Lage Landen"
REASON = "[demo] Voorbeeldstap in de demonstratie."

# Invented people of the quarter (surnames marked as fictional, as everywhere in the demo).
GIVEN = (
    "Ayoub", "Bram", "Chaima", "Dewi", "Elif", "Floor", "Gerrit",
    "Hamza", "Iris", "Joost", "Kaoutar", "Luuk", "Meryem", "Niels",
)  # fmt: skip
QUARTER_PEOPLE = tuple(
    DemoPerson(given, f"Kwartaalproef{letter}", _years_ago(17 + n % 6, 1 + n % 12, 10), "Wijkstad")
    for n, (given, letter) in enumerate(zip(GIVEN, "ABCDEFGHIJKLMN", strict=True))
)

OUTLINE = (
    "[demo] In dit kwartaal werkten gemeente, politie en jeugdhulp nauw samen in de "
    "persoonsgerichte aanpak. Meer zorgen kwamen tijdig in beeld via het casusoverleg; "
    "voornemens tot uitreis werden in een vroeg stadium besproken en losgelaten. "
    "Wij blijven investeren in de weerbaarheid van jongeren en in scholing van "
    "professionals."
)
POLICE_SECTION = (
    "[demo] De politie deelde signalen binnen de afgesproken termijnen en nam deel aan elk "
    "casusoverleg. De samenwerking met wijkteams en scholen verliep goed."
)


def last_ended_period() -> Period:
    return recent_periods(today=timezone.localdate(), count=1)[0]


def _moment(period: Period, days_in: int, hour: int) -> datetime:
    day = min(period.start + timedelta(days=days_in), period.end)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _date_back(case: Case, period: Period, n: int) -> None:
    """Moves the case's opening, team and timeline into the period, in their order."""
    opened = _moment(period, 2 + 5 * n, 9)
    Case.objects.filter(pk=case.pk).update(opened_at=opened)
    TeamMember.objects.filter(case=case).update(added_at=opened)
    for step, event in enumerate(CaseEvent.objects.filter(case=case).order_by("at", "pk")):
        CaseEvent.objects.filter(pk=event.pk).update(at=opened + timedelta(days=step * 7))


def _seed_quarter_case(person: DemoPerson, period: Period, n: int, lead: Membership) -> None:
    municipality = Municipality.objects.get(name=person.municipality)
    actor = actor_for_membership(lead)
    case = case_open(
        actor=actor,
        user=lead.user,
        subject=_person(person, municipality, lead.user),
        municipality=municipality,
        lead=lead.user,
        team=list(Organisation.objects.filter(name__in=(POLICE, YOUTH_CARE)).order_by("name")),
        reason="[demo] Opgenomen in de persoonsgerichte aanpak.",
    )
    case = case_change_situation(
        actor=actor,
        user=lead.user,
        case=case,
        to=Situation.INTENDS_TO_TRAVEL,
        reason=REASON,
        version=case.version,
    )
    case = case_change_situation(
        actor=actor,
        user=lead.user,
        case=case,
        to=Situation.CONCERN,
        reason=REASON,
        version=case.version,
        travel_outcome=TravelOutcome.PREVENTED if n % 5 == 4 else TravelOutcome.ABANDONED,
    )
    _date_back(case, period, n)
    _close_today(case, actor, lead)


def _close_today(case: Case, actor: Actor, lead: Membership) -> None:
    """The quarter's cases were closed since: the report counts them as they were in the
    quarter, and today's case lists and task lists are not crowded with them."""
    case.refresh_from_db()
    for status in (CaseStatus.MONITORING, CaseStatus.CLOSURE_PROPOSED, CaseStatus.CLOSED):
        case = case_change_status(
            actor=actor,
            user=lead.user,
            case=case,
            to=status,
            reason="[demo] Doelen bereikt; afgesloten in het casusoverleg.",
            version=case.version,
            closure_reason=ClosureReason.GOALS_MET if status == CaseStatus.CLOSED else "",
        )


def _seed_report(period: Period, lead: Membership) -> None:
    municipality = Municipality.objects.get(name="Wijkstad")
    if CouncilReport.objects.filter(
        municipality=municipality, period_start=period.start, period_end=period.end
    ).exists():
        return
    actor = actor_for_membership(lead)
    report = services.council_report_create(
        actor=actor,
        user=lead.user,
        municipality=municipality,
        period_code=period.code,
        classification=Classification.PUBLIC,
        channel=Channel.COUNCIL_LETTER,
        today=timezone.localdate(),
    )
    texts.council_outline_write(
        actor=actor, user=lead.user, report=report, data=texts.TextInput(OUTLINE), version=0
    )
    police = (
        Membership.objects.current()
        .select_related("user", "organisation")
        .filter(role=Role.PARTNER, organisation__name=POLICE)
        .order_by("pk")
        .first()
    )
    if police is not None and report.contributors.filter(pk=police.organisation_id).exists():
        texts.council_section_write(
            actor=actor_for_membership(police),
            user=police.user,
            report=report,
            organisation=police.organisation,
            data=texts.TextInput(POLICE_SECTION),
            version=0,
        )


@transaction.atomic
def seed_reports() -> int:
    """Dates Wijkstad's quarter cases into the last ended period and drafts its report;
    returns how many quarter cases exist."""
    period = last_ended_period()
    lead = _lead(Municipality.objects.get(name="Wijkstad"))
    surnames = [person.surname for person in QUARTER_PEOPLE]
    existing = set(
        Case.objects.filter(subject__surname__in=surnames).values_list(
            "subject__surname", flat=True
        )
    )
    for n, person in enumerate(QUARTER_PEOPLE):
        if person.surname not in existing:
            _seed_quarter_case(person, period, n, lead)
    _seed_report(period, lead)
    return Case.objects.filter(subject__surname__in=surnames).count()
