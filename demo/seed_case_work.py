"""The work on the demo cases: entries in every information category, conferences with
minutes and decisions, plans of approach and actions (some overdue) — all fictional.

Everything goes through the real services, as the people would do it. Demo dates that must
lie in the past (a conference two weeks ago, an overdue action) are set afterwards with a
plain update, because the services rightly refuse to plan in the past.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Municipality, Organisation
from cases.actions import action_create, action_update
from cases.entries import entry_add
from cases.models import Action, Case, CaseEntry, ConferenceDecision, Goal
from cases.plans import GoalInput, plan_agree
from conferences.services import (
    conference_create,
    decision_record,
    minutes_add,
    minutes_close,
)
from demo.seed_signals import _lead, _working_day_near
from meetings.models import AgendaItem, Meeting
from tasks.models import Task, TaskSource

BASIS = "[demo] Convenant Zorg- en Veiligheidshuis, art. 5 (verstrekking voor de casusaanpak)"
CONSENT = "[demo] Toestemming van betrokkene en ouders, vastgelegd door de bron"


def _membership(email: str) -> Membership:
    return (
        Membership.objects.current().select_related("user", "organisation").get(user__email=email)
    )


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _day(days_from_now: int) -> date:
    return timezone.localdate() + timedelta(days=days_from_now)


def _at(days_from_now: int, hour: int = 14) -> datetime:
    """A working day (no weekend or public holiday) at or before the day asked for."""
    day = _working_day_near(days_from_now)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


ENTRIES = {
    # surname: (source organisation, category, legal basis, text)
    "Voorbeeld": [
        (
            "Politie Eenheid Lage Landen",
            "general",
            BASIS,
            "[demo] Wijkagent zag haar twee keer bij een bijeenkomst van een fictieve groep.",
        ),
        (
            "Jeugdhulp Lage Landen",
            "secrecy",
            CONSENT,
            "[demo] Jeugdhulp heeft zorgen over de thuissituatie; details blijven bij de bron.",
        ),
        (
            "Scholengemeenschap De Wijkse Horizon",
            "special",
            BASIS,
            "[demo] De mentor merkt dat haar geloofsbeleving snel verandert en zij verzuimt.",
        ),
    ],
    "Oefenberg": [
        (
            "Politie Eenheid Lage Landen",
            "criminal",
            BASIS,
            "[demo] Proces-verbaal opgemaakt over het delen van oproepen tot geweld.",
        ),
        (
            "Gemeente Wijkstad",
            "general",
            BASIS,
            "[demo] Familie meldt dat hij vermoedelijk naar het buitenland is vertrokken.",
        ),
    ],
    "Proefhuis": [
        (
            "GGZ De Lage Landen",
            "secrecy",
            CONSENT,
            "[demo] Zij is in behandeling; de behandelaar deelt alleen wat nodig is.",
        ),
        (
            "Exitbegeleiding Lage Landen",
            "general",
            BASIS,
            "[demo] Exitbegeleiding heeft wekelijks contact; zij werkt mee.",
        ),
    ],
    "Schijnveld": [
        (
            "Reclasseringsteam Lage Landen",
            "criminal",
            BASIS,
            "[demo] Reclassering bereidt het adviesrapport voor de rechtbank voor.",
        ),
    ],
    "Denkbeeld": [
        (
            "Gemeente Polderveen",
            "general",
            BASIS,
            "[demo] Overlijden gemeld via het ministerie; familie wordt ondersteund.",
        ),
    ],
    "Fictiefveld": [
        (
            "Gemeente Dijkhoven",
            "general",
            BASIS,
            "[demo] Signaal van de jongerenwerker over online contacten.",
        ),
    ],
}


def seed_entries(cases: dict[str, Case]) -> None:
    for surname, rows in ENTRIES.items():
        case = cases[surname]
        if case.entries.exists():
            continue
        lead = _lead(case.municipality)
        for source, category, basis, text in rows:
            entry_add(
                actor=actor_for_membership(lead),
                user=lead.user,
                case=case,
                kind=CaseEntry.Kind.NOTE,
                category=category,
                source_organisation=_org(source),
                legal_basis=basis,
                text=text,
            )


def seed_conferences(cases: dict[str, Case]) -> None:
    """Wijkstad: a conference two weeks ago (plan agreed, actions, minutes closed) and one
    next week, whose agenda holds the cases now due."""
    wijkstad = Municipality.objects.get(name="Wijkstad")
    if Meeting.objects.filter(municipality=wijkstad, kind="case_conference").exists():
        return
    director = _membership("procesregisseur@schakel.example")
    actor = actor_for_membership(director)
    partners = [
        _org(name)
        for name in (
            "Gemeente Wijkstad",
            "Politie Eenheid Lage Landen",
            "Arrondissementsparket Lage Landen",
            "Jeugdhulp Lage Landen",
            "Kinderbeschermingsregio Lage Landen",
            "Scholengemeenschap De Wijkse Horizon",
        )
    ]
    past = conference_create(
        actor=actor,
        municipality=wijkstad,
        held_at=_at(1),
        chair=director.user,
        organisations=partners,
    )
    lina = cases["Voorbeeld"]
    item = AgendaItem.objects.get(meeting=past, item_type="case", item_id=lina.pk)
    minutes_add(
        actor=actor,
        user=director.user,
        meeting=past,
        item=item,
        case=lina,
        category="general",
        source_organisation=_org("Politie Eenheid Lage Landen"),
        legal_basis=BASIS,
        text="[demo] Politie licht toe wat zij zag; de partners herkennen het beeld.",
    )
    decision_record(
        actor=actor,
        user=director.user,
        meeting=past,
        item=item,
        case=lina,
        kind=ConferenceDecision.Kind.CONTINUE,
        text="[demo] Persoonsgerichte aanpak met zorg, school en politie; plan vastgesteld.",
    )
    plan_agree(
        actor=actor,
        user=director.user,
        case=lina,
        summary="[demo] Lina blijft op school en in beeld; de familie wordt gesteund; "
        "een vertrek wordt voorkomen.",
        goals=[
            GoalInput(
                "[demo] Lina gaat weer naar school",
                Goal.Domain.CARE,
                _org("Scholengemeenschap De Wijkse Horizon"),
                _day(30),
            ),
            GoalInput(
                "[demo] Ouders weten waar zij hulp kunnen vragen",
                Goal.Domain.CARE,
                _org("Jeugdhulp Lage Landen"),
                _day(30),
            ),
            GoalInput(
                "[demo] Paspoort gesignaleerd zolang het reisrisico bestaat",
                Goal.Domain.ADMINISTRATIVE,
                _org("Gemeente Wijkstad"),
                _day(60),
            ),
        ],
        expected_number=0,
        meeting=past,
    )
    police = _membership("politie@schakel.example")
    youth = _membership("jeugdzorg@schakel.example")
    school = _membership("school@schakel.example")
    visit = action_create(
        actor=actor,
        user=director.user,
        case=lina,
        description="[demo] Huisbezoek samen met jeugdhulp",
        owner_organisation=police.organisation,
        owner=police.user,
        due_on=_day(7),
        agenda_item=item,
    )
    action_create(
        actor=actor,
        user=director.user,
        case=lina,
        description="[demo] Gesprek met de ouders over steun voor het gezin",
        owner_organisation=youth.organisation,
        owner=youth.user,
        due_on=_day(14),
        goal_position=2,
        agenda_item=item,
    )
    mentor = action_create(
        actor=actor,
        user=director.user,
        case=lina,
        description="[demo] Mentor plant wekelijks een gesprek",
        owner_organisation=school.organisation,
        owner=school.user,
        due_on=_day(7),
        goal_position=1,
        agenda_item=item,
    )
    action_update(
        actor=actor_for_membership(school),
        user=school.user,
        action=mentor,
        status="done",
        feedback="[demo] De gesprekken zijn ingepland en de eerste is gevoerd.",
        version=mentor.version,
    )
    minutes_close(actor=actor, user=director.user, meeting=past, version=past.version)
    # The story: the conference was two weeks ago and the home visit is now overdue.
    Meeting.objects.filter(pk=past.pk).update(held_at=_at(-14))
    Action.objects.filter(pk=visit.pk).update(due_on=_day(-4))
    Task.objects.filter(source=TaskSource.ACTION, source_id=visit.pk).update(due_on=_day(-4))
    _later_conference(wijkstad, director, partners)


def _later_conference(
    municipality: Municipality, director: Membership, partners: list[Organisation]
) -> None:
    conference_create(
        actor=actor_for_membership(director),
        municipality=municipality,
        held_at=_at(7),
        chair=director.user,
        organisations=partners,
    )
