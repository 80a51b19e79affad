"""Builders for weighing-session tests: a session with the core partners, signals awaiting
weighing, and a complete weighing as the form would hand it over."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation
from meetings.models import Meeting
from meetings.services import agenda_build, meeting_create
from meetings.weighing import CRITERION_CODES, CriterionAnswer, WeighingInput
from persons.models import Subject
from signals.models import Signal, WeighingDecision
from signals.services import signal_register, signal_transition
from signals.weighing import weighing_decide
from signals.workflow import Status
from tests.personas import World, sign_in


def prosecution(world: World) -> Organisation:
    return Organisation.objects.get_or_create(
        name="OM Testland", kind=Organisation.Kind.PROSECUTION, region=world.region
    )[0]


def session_time(days: int = 7) -> datetime:
    """A session some days from now at ten in the morning, local time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def plan(world: World, *organisations: Organisation, days: int = 7) -> Meeting:
    return meeting_create(
        actor=world.actor(world.lead),
        municipality=world.wijkstad,
        held_at=session_time(days),
        chair=world.lead.user,
        organisations=list(organisations) or [world.gemeente_wijkstad, world.police],
    )


def new_signal(
    world: World,
    *,
    surname: str = "Testpersoon",
    status: str = Status.AWAITING_WEIGHING,
    municipality: Any = None,
) -> Signal:
    municipality = municipality or world.wijkstad
    subject = Subject.objects.create(
        municipality=municipality, given_names="Sam", surname=surname, birth_year=2008
    )
    signal = signal_register(
        actor=world.actor(world.lead),
        user=world.lead.user,
        municipality=municipality,
        received_at=timezone.now() - timedelta(days=2),
        channel="phone",
        reporter_type="professional",
        description="Deelt op school filmpjes die geweld verheerlijken.",
        concern_type="unclear",
        subject=subject,
    )
    if status != Status.RECEIVED:
        signal = signal_transition(
            actor=world.actor(world.lead),
            user=world.lead.user,
            signal=signal,
            to=status,
            reason="Identiteit bevestigd door de school.",
            version=signal.version,
        )
    return signal


def weighing(**overrides: Any) -> WeighingInput:
    """A complete weighing with outcome "no concern"; override what a test is about."""
    data = WeighingInput(
        criteria=tuple(
            CriterionAnswer(
                code=code, answer="not_met", evidence="Niets gezien of gehoord.", source="school"
            )
            for code in CRITERION_CODES
        ),
        alternatives=("identity",),
        proportionality="Geen zorg, dus geen verdere stappen.",
        subsidiarity="De school begeleidt de leerling zelf.",
        reasoning="Het gedrag past bij de leeftijd; geen aanwijzingen voor radicalisering.",
        outcome="no_concern",
    )
    return replace(data, **overrides)


def decide(
    world: World, meeting: Meeting, signal: Signal, *, version: int | None = None, **overrides: Any
) -> WeighingDecision:
    signal.refresh_from_db()
    return weighing_decide(
        actor=world.actor(world.lead),
        user=world.lead.user,
        meeting=meeting,
        signal=signal,
        data=weighing(**overrides),
        version=signal.version if version is None else version,
    )


def on_agenda(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.agenda_items.order_by("position").values_list("item_id", "reason"))


def built(world: World, meeting: Meeting) -> Meeting:
    agenda_build(meeting, actor=world.actor(world.lead))
    return meeting


def english(client: Client, membership: Any) -> Client:
    """Signed in and reading English, so assertions can quote the msgids."""
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
