"""Builders for the signal page and API tests: extra personas, signals, weighing agendas."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import Membership, Municipality, Role
from accounts.services import api_token_create
from meetings.models import AgendaItem, Attendee, Meeting, MeetingKind
from persons.models import Subject
from signals.models import Signal
from signals.services import NoticeDetails, signal_register
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in


def intake_desk(world: World, email: str = "meldpunt@test.schakel.example") -> Membership:
    user = UserFactory.create(email=email, full_name="Ilse Intake")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.INTAKE
    )


def mayor_office(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Kees Kabinet")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )


def person(
    world: World, *, surname: str = "Testpersoon", municipality: Municipality | None = None
) -> Subject:
    return Subject.objects.create(
        municipality=municipality or world.wijkstad,
        given_names="Sam",
        surname=surname,
        birth_year=2008,
    )


def new_signal(
    world: World,
    *,
    by: Membership | None = None,
    municipality: Municipality | None = None,
    subject: Subject | None = None,
    received_at: datetime | None = None,
    named: bool = True,
    **overrides: Any,
) -> Signal:
    """A signal registered through the service, by the lead unless ``by`` says otherwise."""
    registrant = by or world.lead
    municipality = municipality or world.wijkstad
    if subject is None and named:
        subject = person(world, municipality=municipality)
    values: dict[str, Any] = {
        "actor": world.actor(registrant),
        "user": registrant.user,
        "municipality": municipality,
        "received_at": received_at or timezone.now() - timedelta(hours=2),
        "channel": "phone",
        "reporter_type": "professional",
        "reporting_organisation": world.police,
        "description": "Deelt op school filmpjes die geweld verheerlijken.",
        "concern_type": "unclear",
        "subject": subject,
    }
    values.update(overrides)
    return signal_register(**values)


def notice_signal(world: World) -> Signal:
    return new_signal(
        world,
        reporter_type="intelligence_notice",
        reporting_organisation=None,
        notice=NoticeDetails(reference="AB-2027-0042", dated=timezone.localdate()),
    )


def on_weighing_agenda(
    world: World, signal: Signal, *organisations: Any, kind: str = ""
) -> Meeting:
    """Puts a signal on a session's agenda with the given organisations attending."""
    meeting = Meeting.objects.create(
        kind=kind or MeetingKind.WEIGHING,
        municipality=signal.municipality,
        held_at=timezone.now() + timedelta(days=3),
        chair=world.lead.user,
    )
    for organisation in organisations:
        Attendee.objects.create(meeting=meeting, organisation=organisation)
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        item_type="signal",
        item_id=signal.pk,
        reason="awaiting weighing",
    )
    return meeting


def bearer(membership: Membership) -> dict[str, str]:
    _token, plaintext = api_token_create(membership=membership, name="test", days=1)
    return {"Authorization": f"Bearer {plaintext}"}


def local_input(moment: datetime) -> str:
    """A moment as the datetime-local field sends it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def intake_post(world: World, **overrides: Any) -> dict[str, Any]:
    """A complete, valid intake form for Testwijkstad, reported by the police."""
    data: dict[str, Any] = {
        "municipality": world.wijkstad.pk,
        "received_at": local_input(timezone.now() - timedelta(hours=1)),
        "channel": "phone",
        "reporter_type": "professional",
        "reporting_organisation": world.police.pk,
        "description": "Leerling toont op school filmpjes die geweld verheerlijken.",
        "concern_type": "unclear",
        "urgency": "normal",
        "police_informed": "yes",
        "police_informed_at": local_input(timezone.now() - timedelta(minutes=30)),
        "given_names": "Sara",
        "surname_prefix": "van",
        "surname": "Testpersoon",
        "birth_year": "2011",
        "birth_month": "",
        "birth_day": "",
        "bsn": "",
        "bsn_legal_basis": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def api_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "municipality": world.wijkstad.pk,
        "received_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "channel": "email",
        "reporter_type": "professional",
        "reporting_organisation": world.police.pk,
        "description": "Leerling toont op school filmpjes die geweld verheerlijken.",
        "concern_type": "right_wing",
        "urgency": "urgent",
        "police_informed": False,
        "subject": {"given_names": "Sara", "surname": "Testpersoon", "birth_year": 2011},
    }
    body.update(overrides)
    return body


def sign_in_en(client: Client, membership: Membership) -> None:
    """Signed in, reading English: assertions quote the msgids, which stay true once the
    Dutch catalogue is filled in."""
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
