"""Fictional demo preparedness: Wijkstad fully prepared, Polderveen partly, Dijkhoven barely.

Wijkstad's data are an EXAMPLE TO ADAPT (a typical division of the seven tasks, not advice).
Key figures are invented people, marked "[demo]" in their notes. Everything is written
through the real services (validation, processing log), once: a second run finds each record
by its natural key and changes nothing. Runs after demo.seed has made the municipalities,
organisations and demo accounts.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from access.facts import Actor
from accounts.models import Membership, Municipality, Organisation, Role
from preparedness.models import (
    AgreementRole,
    CotTask,
    KeyFigure,
    LocalScan,
    PartnerAgreement,
    PolicyRecord,
    ReadinessItem,
    ReadinessStatus,
    SupportOrganisation,
    Topic,
    TrainingRecord,
)
from preparedness.services import (
    KeyFigureData,
    TrainingData,
    key_figure_create,
    local_scan_record,
    partner_agreement_save,
    policy_record_save,
    readiness_item_save,
    training_record_create,
)

EXAMPLE = "[voorbeeld — pas aan de eigen situatie aan]"

GEMEENTE = "Gemeente Wijkstad"
POLITIE = "Politie Eenheid Lage Landen"
OM = "Arrondissementsparket Lage Landen"
ZVH = "Zorg- en Veiligheidshuis Lage Landen"
WIJKTEAM = "Wijkteam Wijkstad-Noord"
SCHOOL = "Scholengemeenschap De Wijkse Horizon"
JEUGD = "Jeugdhulp Lage Landen"
EXIT = "Exitbegeleiding Lage Landen"

L, C = AgreementRole.LEAD, AgreementRole.CONTRIBUTOR
T = CotTask
# A typical division of the seven tasks in a middle-sized municipality (after the COT scheme
# in the seed): organisation, task, part, contact (a function, not a name).
WIJKSTAD_AGREEMENTS = [
    (GEMEENTE, T.AGENDA_SETTING, L, "dossierhouder radicalisering"),
    (POLITIE, T.AGENDA_SETTING, C, "teamchef wijkteam politie"),
    (GEMEENTE, T.PREVENTION, L, "beleidsadviseur jeugd"),
    (WIJKTEAM, T.PREVENTION, C, "teamleider wijkteam"),
    (SCHOOL, T.PREVENTION, C, "zorgcoördinator"),
    (WIJKTEAM, T.SIGNALLING, L, "jongerenwerker"),
    (SCHOOL, T.SIGNALLING, C, "zorgcoördinator"),
    (POLITIE, T.SIGNALLING, C, "wijkagent"),
    (GEMEENTE, T.REPORTING, L, "dossierhouder radicalisering"),
    (POLITIE, T.REPORTING, C, "wijkagent"),
    (POLITIE, T.INTERPRETING, L, "informatierechercheur"),
    (GEMEENTE, T.INTERPRETING, C, "dossierhouder radicalisering"),
    (OM, T.INTERPRETING, C, "officier van justitie"),
    (ZVH, T.INFORMATION_EXCHANGE, L, "procesregisseur"),
    (POLITIE, T.INFORMATION_EXCHANGE, C, "informatierechercheur"),
    (GEMEENTE, T.INFORMATION_EXCHANGE, C, "privacyfunctionaris"),
    (GEMEENTE, T.RESPONDING, L, "dossierhouder radicalisering"),
    (OM, T.RESPONDING, C, "officier van justitie"),
    (JEUGD, T.RESPONDING, C, "gedragswetenschapper"),
    (EXIT, T.RESPONDING, C, "exitbegeleider"),
]

WIJKSTAD_KEY_FIGURES = [
    # name, community, last contact (days ago), next contact (days ahead; negative = lapsed)
    ("Karim Voorbeeldzoon", "Moskeevereniging Wijkstad-Noord (fictief)", 40, 50),
    ("Ayla Proefmakers", "Vrouwennetwerk De Brug (fictief)", 20, 70),
    ("Johan Oefenaar", "Jongerencentrum Het Plein (fictief)", 120, -10),
]


def _actor(municipality: Municipality) -> Actor | None:
    membership = (
        Membership.objects.current()
        .filter(role=Role.LEAD, organisation__municipality=municipality)
        .select_related("organisation")
        .order_by("id")
        .first()
    )
    return actor_for_membership(membership) if membership is not None else None


def _days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def _item(
    actor: Actor,
    municipality: Municipality,
    topic: Topic,
    note: str,
    *,
    status: ReadinessStatus | None = None,
    regional_lead: Municipality | None = None,
) -> int:
    if ReadinessItem.objects.filter(municipality=municipality, topic=topic).exists():
        return 0
    readiness_item_save(
        actor=actor,
        municipality=municipality,
        topic=topic,
        note=note,
        status=status,
        regional_lead=regional_lead,
        version=0,
    )
    return 1


def _policy(actor: Actor, municipality: Municipality, reference: str, *, council: bool) -> int:
    if PolicyRecord.objects.filter(municipality=municipality).exists():
        return 0
    policy_record_save(
        actor=actor,
        municipality=municipality,
        adopted_on=_days(-300),
        reference=reference,
        council_discussed_on=_days(-250) if council else None,
        note=EXAMPLE,
        version=0,
    )
    return 1


def _training(
    actor: Actor, municipality: Municipality, organisation: Organisation, data: TrainingData
) -> int:
    exists = TrainingRecord.objects.filter(
        municipality=municipality, organisation=organisation, training=data.training
    ).exists()
    if exists:
        return 0
    training_record_create(actor=actor, municipality=municipality, data=data)
    return 1


def _agreement(
    actor: Actor,
    municipality: Municipality,
    organisation: Organisation,
    task: CotTask,
    role: AgreementRole,
    contact: str,
) -> int:
    exists = PartnerAgreement.objects.filter(
        municipality=municipality, organisation=organisation, task=task
    ).exists()
    if exists:
        return 0
    partner_agreement_save(
        actor=actor,
        municipality=municipality,
        organisation=organisation,
        task=task,
        role=role,
        contact_person=contact,
        agreed_on=_days(-200),
        version=0,
    )
    return 1


def _seed_wijkstad(municipality: Municipality, organisations: dict[str, Organisation]) -> int:
    actor = _actor(municipality)
    if actor is None:
        return 0
    made = _policy(actor, municipality, "WS/OOV/2025-014 (voorbeeld)", council=True)
    if not LocalScan.objects.filter(municipality=municipality).exists():
        local_scan_record(
            actor=actor,
            municipality=municipality,
            carried_out_on=_days(-200),
            summary=(
                "Na incidenten elders nam de spanning tussen groepen jongeren rond het "
                f"winkelcentrum toe; geen concrete signalen van uitreis. {EXAMPLE}"
            ),
            partners=[organisations[POLITIE], organisations[WIJKTEAM], organisations[SCHOOL]],
            next_scan_on=_days(165),
        )
        made += 1
    for name, task, role, contact in WIJKSTAD_AGREEMENTS:
        made += _agreement(actor, municipality, organisations[name], task, role, contact)
    for name, community, last, following in WIJKSTAD_KEY_FIGURES:
        if KeyFigure.objects.filter(municipality=municipality, name=name).exists():
            continue
        key_figure_create(
            actor=actor,
            municipality=municipality,
            data=KeyFigureData(
                name=name,
                contact_details="via het wijkteam (fictief)",
                community=community,
                trust_notes="[demo] Verzonnen persoon. Contact op basis van wederkerigheid.",
                last_contact_on=_days(-last),
                next_contact_on=_days(following),
            ),
        )
        made += 1
    course = "Training signaleren en duiden (gezamenlijk)"
    for name, count in ((GEMEENTE, 4), (POLITIE, 6), (SCHOOL, 3), (WIJKTEAM, 5)):
        made += _training(
            actor,
            municipality,
            organisations[name],
            TrainingData(
                organisation=organisations[name],
                participant_name="",
                participant_count=count,
                training=course,
                held_on=_days(-150),
                refresh_on=_days(580),
                joint=True,
            ),
        )
    made += _item(actor, municipality, Topic.PARTNERS, f"Verdeling van de zeven taken. {EXAMPLE}")
    made += _item(
        actor,
        municipality,
        Topic.CONSULTATION,
        f"Maandelijks signaleringsoverleg met politie en OM; casusoverleg in het ZVH. {EXAMPLE}",
        status=ReadinessStatus.DONE,
    )
    return made


def _seed_polderveen(municipality: Municipality, organisations: dict[str, Organisation]) -> int:
    actor = _actor(municipality)
    if actor is None:
        return 0
    made = _policy(actor, municipality, "PV/2025-031 (concept)", council=False)
    made += _agreement(actor, municipality, organisations[POLITIE], T.SIGNALLING, L, "wijkagent")
    gemeente = Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY, municipality=municipality
    ).first()
    if gemeente is not None:
        made += _agreement(
            actor, municipality, gemeente, T.REPORTING, L, "dossierhouder radicalisering"
        )
        made += _training(
            actor,
            municipality,
            gemeente,
            TrainingData(
                organisation=gemeente,
                participant_name="",
                participant_count=2,
                training="E-learning privacy bij signalen",
                held_on=_days(-400),
                refresh_on=_days(-35),
                joint=False,
            ),
        )
    made += _item(
        actor,
        municipality,
        Topic.CONSULTATION,
        "Aansluiten bij het regionale signaleringsoverleg wordt besproken.",
        status=ReadinessStatus.IN_PROGRESS,
    )
    return made


def _seed_dijkhoven(municipality: Municipality, wijkstad: Municipality) -> int:
    actor = _actor(municipality)
    if actor is None:
        return 0
    return _item(
        actor,
        municipality,
        Topic.LEAD,
        "Dijkhoven is klein en sluit aan bij de dossierhouder van Wijkstad, die een regionale "
        "regierol vervult. De eigen contactpersoon zorgt voor de lokale lijnen.",
        regional_lead=wijkstad,
    )


@transaction.atomic
def _seed_directory_contacts() -> None:
    """FICTIONAL phone numbers and e-mail addresses for the directory, so the demo shows
    where they go. The numbers use the non-existent area code 00 and the addresses the
    reserved .example domain; a real installation enters verified details."""
    for index, organisation in enumerate(SupportOrganisation.objects.order_by("pk"), start=1):
        SupportOrganisation.objects.filter(pk=organisation.pk, phone="", email="").update(
            phone=f"+31 00 000 00 {index:02d}",
            email=f"contact{index:02d}@steunpunt.example",
        )


def seed_preparedness() -> int:
    """Fills the demo municipalities' preparedness; returns how many records it made."""
    municipalities = {
        m.name: m
        for m in Municipality.objects.filter(name__in=["Wijkstad", "Polderveen", "Dijkhoven"])
    }
    if len(municipalities) < 3:
        return 0
    organisations = {o.name: o for o in Organisation.objects.all()}
    needed = {GEMEENTE, POLITIE, OM, ZVH, WIJKTEAM, SCHOOL, JEUGD, EXIT}
    if not needed <= organisations.keys():
        return 0
    _seed_directory_contacts()
    return (
        _seed_wijkstad(municipalities["Wijkstad"], organisations)
        + _seed_polderveen(municipalities["Polderveen"], organisations)
        + _seed_dijkhoven(municipalities["Dijkhoven"], municipalities["Wijkstad"])
    )
