"""Builders for the report tests: signals, weighing decisions, cases and interventions
planted at a given moment, straight in the database (the reports only read them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from accounts.models import Municipality
from cases.models import Case, CaseEvent
from measures.models import Intervention, MeasureType
from meetings.models import Meeting, MeetingKind
from persons.models import Subject
from signals.models import Signal, WeighingDecision
from tests.personas import World

# A planted person's name and case number must never appear in any report output.
PLANTED_SURNAME = "Zeldzaamnaam"


def current_quarter() -> str:
    """The code of the quarter the (travelled) clock is in: a period that has not ended."""
    today = timezone.localdate()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def moment(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def subject(world: World, *, birth_year: int | None = 1990, surname: str = "Voorbeeld") -> Subject:
    return Subject.objects.create(
        municipality=world.wijkstad, given_names="Sam", surname=surname, birth_year=birth_year
    )


def signal(
    world: World,
    *,
    received: date,
    concern: str = "unclear",
    municipality: Municipality | None = None,
    status: str = "awaiting_weighing",
) -> Signal:
    return Signal.objects.create(
        municipality=municipality or world.wijkstad,
        subject=subject(world),
        received_at=moment(received),
        channel="phone",
        reporter_type="professional",
        description="Waarneming.",
        concern_type=concern,
        status=status,
        verification_deadline=received + timedelta(days=5),
    )


def weigh(world: World, signal: Signal, *, outcome: str, on: date) -> WeighingDecision:
    meeting = Meeting.objects.create(
        kind=MeetingKind.WEIGHING,
        municipality=signal.municipality,
        held_at=moment(on),
        chair=world.lead.user,
    )
    return WeighingDecision.objects.create(
        signal=signal,
        meeting=meeting,
        decided_at=moment(on),
        decided_by_name="Lea Lead",
        criteria=[],
        alternatives=[],
        proportionality="p",
        subsidiarity="s",
        reasoning="r",
        outcome=outcome,
    )


def case(
    world: World,
    *,
    opened: date,
    situation: str = "concern",
    status: str = "active",
    birth_year: int | None = 1990,
    surname: str = "Voorbeeld",
    municipality: Municipality | None = None,
) -> Case:
    new = Case.objects.create(
        subject=subject(world, birth_year=birth_year, surname=surname),
        municipality=municipality or world.wijkstad,
        lead=world.lead.user,
        situation=situation,
        status=status,
        closure_reason="other" if status == "closed" else "",
    )
    Case.objects.filter(pk=new.pk).update(opened_at=moment(opened))
    new.refresh_from_db()
    return new


def change(case: Case, *, kind: str, old: str, new: str, on: date, **outcome: str) -> None:
    """A situation or status change on the timeline, at a given day (the field follows);
    ``outcome`` holds a return motive or travel outcome recorded with it."""
    event = CaseEvent.objects.create(
        case=case,
        actor_name="Lea Lead",
        kind=kind,
        from_value=old,
        to_value=new,
        reason=".",
        **outcome,
    )
    CaseEvent.objects.filter(pk=event.pk).update(at=moment(on))
    field = "situation" if kind == CaseEvent.Kind.SITUATION else "status"
    values = {field: new}
    if new == "closed":
        values["closure_reason"] = "other"
    Case.objects.filter(pk=case.pk).update(**values)


def measure_type(regime: str) -> MeasureType:
    found = MeasureType.objects.filter(regime=regime).first()
    if found is not None:
        return found
    return MeasureType.objects.create(
        code=f"test-{regime}",
        name=f"Test {regime}",
        regime=regime,
        competent_authority="burgemeester",
    )


def intervention(
    world: World, case: Case, *, regime: str, start: date | None, end: date | None = None
) -> Intervention:
    return Intervention.objects.create(
        case=case,
        measure_type=measure_type(regime),
        responsible_organisation=world.gemeente_wijkstad,
        competent_authority="burgemeester",
        legal_basis="art. 1",
        state="active" if start else "proposed",
        start_on=start,
        end_on=end,
        created_by=world.lead.user,
    )
