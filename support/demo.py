"""Demo data for family support, the press line, assessments and aftercare.

Lina Voorbeeld's case (about to travel) gets two contacts with her mother (the network
person "Moeder van Lina", from the network demo), the second with a referral to the
Familiesteunpunt; a press line agreed in the triangle (lead: municipality); and one
unstructured assessment with a next date. Sara Proefhuis (returned) gets a reintegration
plan. Everything is made through the services, once: running it again changes nothing.
Call ``seed_support_demo()`` after the cases and the network demo.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from access.facts import Actor
from accounts.models import Membership, Organisation, Role
from cases.models import Case
from cases.plans import goal_owner_choices
from cases.workflow import Situation
from network.models import NetworkPerson
from support.aftercare import PartInput, reintegration_plan_save
from support.models import (
    AssessmentReference,
    Domain,
    FamilySupportContact,
    Instrument,
    PressLead,
    PressLine,
    ReintegrationPlan,
)
from support.press import PressInput, press_line_draw_up
from support.services import (
    AssessmentInput,
    ContactInput,
    assessment_record,
    family_contact_record,
)

MOTHER = "Moeder van Lina"


def _lead_actor(case: Case) -> Actor | None:
    membership = (
        Membership.objects.current()
        .select_related("organisation", "user")
        .filter(user=case.lead, role=Role.LEAD, organisation__municipality_id=case.municipality_id)
        .first()
    )
    return actor_for_membership(membership) if membership else None


def _case(surname: str, situation: str | None = None) -> Case | None:
    cases = Case.objects.select_related("subject", "lead", "municipality").filter(
        subject__surname=surname
    )
    if situation:
        cases = cases.filter(situation=situation)
    return cases.order_by("pk").first()


def _seed_lina(case: Case, actor: Actor) -> None:
    today = timezone.localdate()
    user = case.lead
    mother = NetworkPerson.objects.filter(case=case, name=MOTHER).first()
    if mother is not None and not FamilySupportContact.objects.filter(case=case).exists():
        family_contact_record(
            actor=actor,
            user=user,
            case=case,
            data=ContactInput(
                relative=mother,
                contact_on=today - timedelta(days=21),
                question_kinds=frozenset({"practical", "emotional"}),
                summary="[demo] Moeder maakt zich zorgen over wat Lina online bekijkt.",
                agreements="[demo] Dossierhouder belt over twee weken terug.",
            ),
        )
        family_contact_record(
            actor=actor,
            user=user,
            case=case,
            data=ContactInput(
                relative=mother,
                contact_on=today - timedelta(days=7),
                question_kinds=frozenset({"care"}),
                summary="[demo] Moeder wil weten waar zij zelf met haar vragen terecht kan.",
                agreements="[demo] Aangemeld bij het Familiesteunpunt; moeder belt zelf ook.",
                referred=True,
                referred_on=today - timedelta(days=7),
            ),
        )
    if not PressLine.objects.filter(case=case).exists():
        press_line_draw_up(
            actor=actor,
            user=user,
            case=case,
            data=PressInput(
                lead=PressLead.MUNICIPALITY,
                core_messages=(
                    "[demo] De gemeente werkt samen met partners aan de aanpak van "
                    "radicalisering. Over individuele personen doen wij geen uitspraken."
                ),
                questions_and_answers=(
                    (
                        "[demo] Zijn er jongeren uit de gemeente die willen uitreizen?",
                        "[demo] Wij doen geen uitspraken over personen of aantallen.",
                    ),
                ),
                agreed_by="[demo] Burgemeester, politiechef, officier van justitie",
                agreed_on=today - timedelta(days=3),
                valid_until=today + timedelta(days=90),
            ),
        )
    if not AssessmentReference.objects.filter(case=case).exists():
        assessment_record(
            actor=actor,
            user=user,
            case=case,
            data=AssessmentInput(
                instrument=Instrument.UNSTRUCTURED,
                assessor="[demo] Gedragsdeskundige van de jeugdzorg",
                assessor_organisation=None,
                assessed_on=today - timedelta(days=14),
                narrative=(
                    "[demo] Zorg over online contacten; het gezin en de school zijn "
                    "beschermend. Opnieuw bekijken na de zomervakantie."
                ),
                document_reference="[demo] Rapport jeugdzorg, kenmerk JZ-DEMO-1",
                next_on=today + timedelta(days=60),
            ),
        )


def _owner(case: Case, kind: str) -> Organisation | None:
    return next((o for o in goal_owner_choices(case) if o.kind == kind), None)


def _seed_sara(case: Case, actor: Actor) -> None:
    if ReintegrationPlan.objects.filter(case=case).exists():
        return
    review = timezone.localdate() + timedelta(days=42)
    kind = Organisation.Kind
    municipality = _owner(case, kind.MUNICIPALITY)
    parts = [
        PartInput(
            Domain.HOUSING, "[demo] Tijdelijke woning via de gemeente.", municipality, review
        ),
        PartInput(
            Domain.WORK_EDUCATION, "[demo] Traject naar werk via het Werkplein.", municipality
        ),
        PartInput(
            Domain.COACHING,
            "[demo] Wekelijkse exitbegeleiding.",
            _owner(case, kind.EXIT_FACILITY),
            review,
        ),
        PartInput(
            Domain.PSYCHOLOGICAL_CARE,
            "[demo] Traumabehandeling.",
            _owner(case, kind.MENTAL_HEALTH),
            review,
        ),
        PartInput(Domain.FAMILY, "[demo] Gesprekken met ouders, met haar instemming."),
        PartInput(
            Domain.CONTACT_BANS,
            "[demo] Bijzondere voorwaarde: geen contact met medereizigers.",
            _owner(case, kind.PROBATION),
            review,
        ),
    ]
    reintegration_plan_save(actor=actor, user=case.lead, case=case, parts=parts, version=None)


@transaction.atomic
def seed_support_demo() -> None:
    """Adds the support demo records that are missing; absent demo cases are skipped."""
    lina = _case("Voorbeeld")
    if lina is not None and (actor := _lead_actor(lina)) is not None:
        _seed_lina(lina, actor)
    sara = _case("Proefhuis", Situation.RETURNED)
    if sara is not None and (actor := _lead_actor(sara)) is not None:
        _seed_sara(sara, actor)
