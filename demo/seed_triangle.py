"""The demo's local triangle (issue 14, point 4): a weighing session that escalated a signal
to the triangle, and Wijkstad's next triangle meeting with that escalation on its agenda,
chaired by the mayor's office. Dates relative to today; seeding twice changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Municipality, Organisation, Role
from demo.seed_signals import _criteria, _decide, _lead, _session, _working_day_near
from meetings.models import Meeting, MeetingKind
from meetings.services import agenda_build
from meetings.triangle import triangle_create, triangle_organisations
from meetings.weighing import Alternative, Outcome, WeighingInput
from persons.models import Subject
from signals.services import signal_register, signal_transition
from signals.workflow import Status

DESCRIPTION = "[demo] Politie en school zien voorbereidingen voor uitreis; weegploeg schaalt op."


def seed_triangle() -> int:
    """Returns how many triangle meetings Wijkstad has."""
    wijkstad = Municipality.objects.get(name="Wijkstad")
    existing = Meeting.objects.filter(kind=MeetingKind.TRIANGLE, municipality=wijkstad)
    if existing.exists():
        return existing.count()
    mayor = (
        Membership.objects.current()
        .select_related("user")
        .filter(role=Role.MAYOR_OFFICE, organisation__municipality=wijkstad)
        .order_by("pk")
        .first()
    )
    if mayor is None:
        return 0
    lead = _lead(wijkstad)
    actor = actor_for_membership(lead)
    subject = Subject.objects.create(
        municipality=wijkstad, given_names="Yusuf", surname="Driehoek", birth_year=2003
    )
    signal = signal_register(
        actor=actor,
        user=lead.user,
        municipality=wijkstad,
        received_at=timezone.now() - timedelta(days=6),
        channel="phone",
        reporter_type="professional",
        reporting_organisation=Organisation.objects.filter(kind="police").first(),
        description=DESCRIPTION,
        concern_type="jihadist",
        urgency="urgent",
        subject=subject,
    )
    for status in (Status.VERIFYING, Status.AWAITING_WEIGHING):
        signal.refresh_from_db()
        signal = signal_transition(
            actor=actor,
            user=lead.user,
            signal=signal,
            to=status,
            reason="[demo] Geverifieerd met de politie.",
            version=signal.version,
        )
    session = _session(wijkstad, lead, days_from_now=-3)
    agenda_build(session, actor=actor)
    _decide(
        lead,
        session,
        signal,
        WeighingInput(
            criteria=_criteria("met"),
            alternatives=(Alternative.FAMILY_CONFLICT,),
            proportionality="[demo] Voorbereiding van uitreis vraagt een besluit van de driehoek.",
            subsidiarity="[demo] Zorg alleen houdt de uitreis niet tegen.",
            reasoning="[demo] Concrete aanwijzingen voor voorgenomen uitreis.",
            outcome=Outcome.ESCALATE_TO_TRIANGLE,
            review_on=timezone.localdate() + timedelta(days=30),
            outcome_note="[demo] Naar de driehoek van volgende week (burgemeester, politie, OM).",
        ),
    )
    day = _working_day_near(6)
    triangle = triangle_create(
        actor=actor_for_membership(mayor),
        municipality=wijkstad,
        held_at=timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0)),
        chair=mayor.user,
        organisations=list(triangle_organisations(wijkstad)),
    )
    agenda_build(triangle, actor=actor_for_membership(mayor))
    return 1
