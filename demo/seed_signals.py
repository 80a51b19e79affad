"""Fictional demo signals in every state, about clearly invented people.

Surnames such as "Voorbeeld" and "Oefenberg" mark the people as fictional. Signals are made
through the real services (history, deadlines, processing log), once: a second run finds
them by their description and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Municipality, Organisation, Role, User
from lib.workdays import is_working_day
from meetings.models import Meeting
from meetings.services import agenda_build, meeting_create
from meetings.weighing import CRITERIA, Alternative, CriterionAnswer, Outcome, WeighingInput
from persons.models import Subject
from signals.models import Signal
from signals.services import NoticeDetails, signal_merge, signal_register, signal_transition
from signals.weighing import weighing_decide
from signals.workflow import Status


@dataclass(frozen=True)
class DemoPerson:
    given_names: str
    surname: str
    born: tuple[int, int | None, int | None]
    municipality: str
    prefix: str = ""


@dataclass(frozen=True)
class DemoSignal:
    key: str  # first words of the description, unique among demo signals
    person: DemoPerson
    description: str
    reporter_type: str
    reporter_organisation: str | None
    concern_type: str
    urgency: str
    path: tuple[Status, ...]  # the statuses it moves through after "received"
    days_ago: int


def _years_ago(years: int, month: int, day: int) -> tuple[int, int | None, int | None]:
    return (timezone.localdate().year - years, month, day)


LINA = DemoPerson("Lina", "Voorbeeld", _years_ago(15, 3, 14), "Wijkstad")
YOUSSEF = DemoPerson("Youssef", "Oefenberg", _years_ago(17, 9, 2), "Wijkstad", prefix="el")
DAAN = DemoPerson("Daan", "Demostra", (timezone.localdate().year - 19, None, None), "Wijkstad")
MILA = DemoPerson("Mila", "Proefmans", _years_ago(16, 6, 1), "Wijkstad")
TOM = DemoPerson("Tom", "Fictiefhof", _years_ago(22, 1, 30), "Wijkstad")
KEES = DemoPerson("Kees", "Testbeek", _years_ago(34, 11, 11), "Polderveen", prefix="van")

SCHOOL = "Scholengemeenschap De Wijkse Horizon"
POLICE = "Politie Eenheid Lage Landen"

SIGNALS = [
    DemoSignal(
        "[demo] Mentor ziet",
        LINA,
        "[demo] Mentor ziet dat de leerling zich terugtrekt uit de klas, contact met vriendinnen "
        "verbreekt en online berichten deelt die geweld tegen ongelovigen goedpraten.",
        "professional",
        SCHOOL,
        "unclear",
        "urgent",
        (Status.VERIFYING, Status.AWAITING_WEIGHING),
        6,
    ),
    DemoSignal(
        "[demo] Wijkagent hoort",
        YOUSSEF,
        "[demo] Wijkagent hoort van jongerenwerk dat de jongere spreekt over uitreizen naar een "
        "strijdgebied en spullen verkoopt.",
        "professional",
        POLICE,
        "jihadist",
        "urgent",
        (Status.VERIFYING,),
        3,
    ),
    DemoSignal(
        "[demo] Buurtbewoner meldt",
        YOUSSEF,
        "[demo] Buurtbewoner meldt dat de jongere vaak met onbekende ouderen afspreekt.",
        "citizen",
        None,
        "unclear",
        "normal",
        (),
        2,
    ),
    DemoSignal(
        "[demo] Sportclub meldt",
        DAAN,
        "[demo] Sportclub meldt racistische uitingen en het verspreiden van flyers van een "
        "extreemrechtse groep.",
        "professional",
        None,
        "right_wing",
        "normal",
        (),
        1,
    ),
    DemoSignal(
        "[demo] Ouder maakt zich zorgen",
        MILA,
        "[demo] Ouder maakt zich zorgen over de nieuwe online vriendengroep van de dochter.",
        "family",
        None,
        "unclear",
        "normal",
        (Status.VERIFYING, Status.AWAITING_WEIGHING),
        40,
    ),
    DemoSignal(
        "[demo] Collega meldt",
        TOM,
        "[demo] Collega meldt dat de man een baard liet staan en is gaan bidden op het werk.",
        "professional",
        None,
        "unclear",
        "normal",
        (Status.VERIFYING, Status.AWAITING_WEIGHING),
        60,
    ),
    DemoSignal(
        "[demo] Acute dreiging",
        KEES,
        "[demo] Acute dreiging: de man kondigt online een aanslag aan op een moskee in de regio.",
        "professional",
        POLICE,
        "right_wing",
        "acute",
        (),
        0,
    ),
]

NOTICE_KEY = "[demo] Ambtsbericht over"


def _lead(municipality: Municipality) -> Membership:
    """The municipality's lead who directs its demo cases: the first one seeded (Wijkstad
    also has a stand-in lead, who directs no case)."""
    lead = (
        Membership.objects.current()
        .select_related("organisation", "user")
        .filter(role=Role.LEAD, organisation__municipality=municipality)
        .order_by("pk")
        .first()
    )
    if lead is None:
        raise Membership.DoesNotExist(f"No current lead in {municipality}.")
    return lead


def _person(person: DemoPerson, municipality: Municipality, user: User) -> Subject:
    year, month, day = person.born
    subject = Subject.objects.filter(
        municipality=municipality, given_names=person.given_names, surname=person.surname
    ).first()
    if subject is None:
        subject = Subject(
            municipality=municipality,
            given_names=person.given_names,
            surname_prefix=person.prefix,
            surname=person.surname,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            created_by=user,
        )
        subject.full_clean()
        subject.save()
    return subject


def _received(days_ago: int) -> datetime:
    now = timezone.now()
    moment = (now - timedelta(days=days_ago)).replace(hour=9, minute=30, second=0, microsecond=0)
    return min(moment, now - timedelta(minutes=5))


def _seed_signal(demo: DemoSignal) -> Signal:
    municipality = Municipality.objects.get(name=demo.person.municipality)
    lead = _lead(municipality)
    actor = actor_for_membership(lead)
    reporter = (
        Organisation.objects.get(name=demo.reporter_organisation)
        if demo.reporter_organisation
        else None
    )
    signal = signal_register(
        actor=actor,
        user=lead.user,
        municipality=municipality,
        received_at=_received(demo.days_ago),
        channel="phone",
        reporter_type=demo.reporter_type,
        reporting_organisation=reporter,
        description=demo.description,
        concern_type=demo.concern_type,
        urgency=demo.urgency,
        subject=_person(demo.person, municipality, lead.user),
    )
    for status in demo.path:
        signal = signal_transition(
            actor=actor,
            user=lead.user,
            signal=signal,
            to=status,
            reason="[demo] Voorbeeldstap in de demonstratie.",
            version=signal.version,
        )
    return signal


@transaction.atomic
def seed_signals() -> int:
    """Creates the demo signals that do not exist yet; returns how many exist."""
    wijkstad = Municipality.objects.get(name="Wijkstad")
    police_contact = User.objects.filter(email="politie@schakel.example").first()
    if police_contact is not None and wijkstad.police_contact_id != police_contact.pk:
        wijkstad.police_contact = police_contact
        wijkstad.save(update_fields=["police_contact"])
    existing = set(
        Signal.objects.filter(description__startswith="[demo]").values_list(
            "description", flat=True
        )
    )
    created: dict[str, Signal] = {}
    for demo in SIGNALS:
        if demo.description in existing:
            continue
        created[demo.key] = _seed_signal(demo)
    _merge_duplicate(created)
    _seed_notice(wijkstad, existing)
    _seed_sessions(wijkstad, created)
    return Signal.objects.filter(description__startswith="[demo]").count()


def _merge_duplicate(created: dict[str, Signal]) -> None:
    duplicate = created.get("[demo] Buurtbewoner meldt")
    original = created.get("[demo] Wijkagent hoort")
    if duplicate is None or original is None:
        return
    lead = _lead(duplicate.municipality)
    signal_merge(
        actor=actor_for_membership(lead),
        user=lead.user,
        signal=duplicate,
        into=original,
        reason="[demo] Zelfde jongere, zelfde zorg: samengevoegd.",
        version=duplicate.version,
    )


def _seed_notice(municipality: Municipality, existing: set[str]) -> None:
    description = f"{NOTICE_KEY} een inwoner met contacten in een extremistisch netwerk."
    if description in existing:
        return
    lead = _lead(municipality)
    signal_register(
        actor=actor_for_membership(lead),
        user=lead.user,
        municipality=municipality,
        received_at=_received(4),
        channel="letter",
        reporter_type="intelligence_notice",
        description=description,
        concern_type="jihadist",
        urgency="urgent",
        notice=NoticeDetails(reference="[demo] AIVD-0000-0001", dated=date(2026, 1, 1)),
    )


CORE_PARTNERS = ("Gemeente Wijkstad", POLICE, "Arrondissementsparket Lage Landen")


def _criteria(answer: str) -> tuple[CriterionAnswer, ...]:
    return tuple(
        CriterionAnswer(
            code=code,
            answer=answer,
            evidence="[demo] Toelichting van de deelnemers." if answer != "unknown" else "",
            source="[demo] Melding en verificatie." if answer != "unknown" else "",
        )
        for code, _label in CRITERIA
    )


def _working_day_near(days_from_now: int) -> date:
    """A working day (no weekend or public holiday) at or before the day asked for."""
    day = timezone.localdate() + timedelta(days=days_from_now)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _session(municipality: Municipality, lead: Membership, days_from_now: int) -> Meeting:
    day = _working_day_near(days_from_now)
    held_at = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    return meeting_create(
        actor=actor_for_membership(lead),
        municipality=municipality,
        held_at=held_at,
        chair=lead.user,
        organisations=list(Organisation.objects.filter(name__in=CORE_PARTNERS)),
    )


def _decide(lead: Membership, meeting: Meeting, signal: Signal, data: WeighingInput) -> None:
    signal.refresh_from_db()
    weighing_decide(
        actor=actor_for_membership(lead),
        user=lead.user,
        meeting=meeting,
        signal=signal,
        data=data,
        version=signal.version,
    )


def _seed_sessions(municipality: Municipality, created: dict[str, Signal]) -> None:
    """A past session that weighed two signals, and an upcoming one with an agenda."""
    tom = created.get("[demo] Collega meldt")
    mila = created.get("[demo] Ouder maakt zich zorgen")
    if tom is None or mila is None:
        return  # seeded before: the sessions exist too
    lead = _lead(municipality)
    past = _session(municipality, lead, days_from_now=-2)
    agenda_build(past, actor=actor_for_membership(lead))
    _decide(
        lead,
        past,
        tom,
        WeighingInput(
            criteria=_criteria("not_met"),
            alternatives=(Alternative.IDENTITY,),
            proportionality="[demo] Geen aanleiding voor maatregelen.",
            subsidiarity="[demo] Niet van toepassing.",
            reasoning="[demo] Geloofsbeleving alleen is geen signaal van radicalisering.",
            outcome=Outcome.NO_CONCERN,
        ),
    )
    _decide(
        lead,
        past,
        mila,
        WeighingInput(
            criteria=_criteria("unknown"),
            alternatives=(Alternative.IDENTITY,),
            proportionality="[demo] Eerst meer weten voordat iets wordt besloten.",
            subsidiarity="[demo] School en ouders kunnen informatie aanvullen.",
            reasoning="[demo] Onvoldoende bekend om te wegen.",
            outcome=Outcome.GATHER_INFORMATION,
            review_on=timezone.localdate() + timedelta(days=60),
        ),
    )
    upcoming = _session(municipality, lead, days_from_now=9)
    agenda_build(upcoming, actor=actor_for_membership(lead))
