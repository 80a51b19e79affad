"""The starting set of checklist templates, in the product's own Dutch words.

The four scenario checklists follow the factsheet "De rol van gemeenten in de aanpak van
radicalisering" (VNG/NGB, 2015); intake, weighing, case conference and closure follow its
chapters on the signalling and case conference. This is data: ``manage.py load_checklists``
(and the demo seed) loads it once, after which the functional administrator keeps it under
/beheer/checklijsten/. Loading never changes a template or item that exists already, so local
corrections (another period, a reworded item) survive; it only adds what is missing.

Periods are given in days after the checklist's event date. Where the factsheet and the law
differ, the item's help text says so and names both, so the municipality can choose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import Organisation
from checklists.facts import FactKind
from checklists.models import AppliesTo, Scenario, TaskOwner

POLICE = Organisation.Kind.POLICE

FACTSHEET = "Factsheet 'De rol van gemeenten in de aanpak van radicalisering' (VNG/NGB, 2015)"
PASSPORT_LAW = "Paspoortwet art. 23"
BRP_LAW = "Wet basisregistratie personen art. 2.22 en 2.43"
DEATH_LAW = "Burgerlijk Wetboek boek 1, titel 18 (vermissing en vermoedelijk overlijden)"
# The factsheet checks deregistration "after a period of three months": 90 days by default.
BRP_CHECK_DAYS = 90


@dataclass(frozen=True)
class ItemEntry:
    code: str
    text: str
    help: str = ""
    source: str = FACTSHEET
    applies_to: AppliesTo = AppliesTo.ALL
    task_days: int | None = None  # None: no task
    owner: TaskOwner = TaskOwner.LEAD
    # What recorded in Schakel fulfils the item by itself (issue 14); "" leaves it manual.
    fulfilled_by: str = ""
    fact_parameter: str = ""
    # Carrying it out cannot be undone: it lapses only with the lead's reason.
    irreversible: bool = False
    # The kind of team organisation that usually does it (issue 14); "" leaves it with the
    # owner above.
    holder: str = ""


@dataclass(frozen=True)
class TemplateEntry:
    code: str
    name: str
    scenario: Scenario
    event_label: str
    description: str
    items: tuple[ItemEntry, ...] = field(default_factory=tuple)


AIVD_NOTICE = ItemEntry(
    code="intelligence-notice",
    text="Ambtsbericht van de AIVD besproken en de NCTV geconsulteerd",
    help=(
        "Alleen als er een ambtsbericht is. De burgemeester komt dan met de lokale driehoek in "
        "actie en neemt contact op met de NCTV (directie contra-terrorisme). Is er geen "
        "ambtsbericht, markeer dit punt dan als niet van toepassing."
    ),
)

TEMPLATES: tuple[TemplateEntry, ...] = (
    TemplateEntry(
        code="intake",
        name="Intake van een melding",
        scenario=Scenario.INTAKE,
        event_label="Datum van de melding",
        description="Wat bij elke nieuwe melding over radicalisering vastligt voor de weging.",
        items=(
            ItemEntry(
                code="recorded",
                text="Melding vastgelegd: datum, kanaal, melder en wat er is waargenomen",
                help="Feiten en waarnemingen, geen conclusies. Zo min mogelijk gegevens.",
                source="Schakel",
            ),
            ItemEntry(
                code="already-known",
                text="Nagegaan of de persoon al bekend is",
                help="Via 'Al bekend?': een treffer noemt alleen bij wie u terecht kunt.",
                source="Schakel",
            ),
            ItemEntry(
                code="behaviour-not-belief",
                text="Vastgesteld dat de melding over gedrag gaat, niet alleen over geloof",
                help=(
                    "Religieuze praktijk op zichzelf is geen signaal van radicalisering. "
                    "Noteer wat iemand doet of zegt dat zorgen baart."
                ),
                source="Schakel (ontwerp §7)",
            ),
            ItemEntry(
                code="police-informed",
                text="Politie-eenheid geïnformeerd over het vermoeden",
                help="De factsheet: informeer altijd uw politie-eenheid over vermoedens of "
                "concrete signalen van radicalisering.",
                task_days=2,
            ),
            ItemEntry(
                code="on-agenda",
                text="Geagendeerd voor het signaleringsoverleg",
                task_days=7,
            ),
        ),
    ),
    TemplateEntry(
        code="weighing",
        name="Weging in het signaleringsoverleg",
        scenario=Scenario.WEIGHING,
        event_label="Datum van het overleg",
        description="Het signaleringsoverleg weegt of een signaal ernstig genoeg is voor het "
        "casusoverleg.",
        items=(
            ItemEntry(
                code="triangle-present",
                text="Gemeente, politie en OM aan tafel",
                help="Bij voorkeur altijd de ambtelijke partners van de lokale driehoek.",
            ),
            ItemEntry(
                code="reporters-invited",
                text="Signalerende partners uitgenodigd waar dat nodig is",
                help="Bijvoorbeeld het jongerenwerk, leerplicht of het sociaal wijkteam.",
            ),
            ItemEntry(
                code="alternatives",
                text="Andere verklaringen, proportionaliteit en subsidiariteit vastgelegd",
                source="Schakel",
            ),
            ItemEntry(
                code="seriousness",
                text="Gewogen of het signaal ernstig genoeg is voor het casusoverleg",
            ),
            ItemEntry(
                code="decision-recorded",
                text="Besluit en datum van herbeoordeling vastgelegd",
                source="Schakel",
            ),
        ),
    ),
    TemplateEntry(
        code="case-conference",
        name="Multidisciplinair casusoverleg",
        scenario=Scenario.CASE_CONFERENCE,
        event_label="Datum van het eerste casusoverleg",
        description="De persoonsgerichte aanpak onder regie van de gemeente.",
        items=(
            ItemEntry(
                code="conference-set-up",
                text="Casusoverleg ingericht onder voorzitterschap van de gemeente",
                help="Minimaal gemeente, politie en OM; vaak aangevuld met jeugdzorg, "
                "reclassering, GGZ en soms de NCTV.",
                fulfilled_by=FactKind.CONFERENCE_HELD,
            ),
            ItemEntry(
                code="person-centred-plan",
                text="Persoonsgerichte aanpak opgesteld",
                help="Maatwerk: strafrechtelijke, bestuurlijke en zorgmaatregelen in "
                "samenhang. Een meisje van vijftien vraagt iets anders dan een volwassen "
                "ronselaar.",
                task_days=28,
                fulfilled_by=FactKind.PLAN_AGREED,
            ),
            ItemEntry(
                code="network-analysis",
                text="Netwerkanalyse gemaakt",
                help="Broertjes, zusjes, neven, nichten en vrienden kunnen kwetsbaar zijn; "
                "breng het netwerk in kaart en tref zo nodig preventieve zorgmaatregelen.",
                task_days=28,
                fulfilled_by=FactKind.NETWORK_RELATION,
            ),
            ItemEntry(
                code="family-support",
                text="Familieondersteuning aangeboden",
                help="Praktische, emotionele en zorgvragen; het Familiesteunpunt van het "
                "Landelijk Steunpunt Extremisme kan helpen.",
                task_days=14,
                fulfilled_by=FactKind.FAMILY_CONTACT,
            ),
            ItemEntry(
                code="press-line",
                text="Woordvoeringslijn afgesproken in de lokale driehoek",
                help="Geen namen en geen aantallen van concrete gevallen. De regie ligt bij "
                "het OM of bij de gemeente.",
                fulfilled_by=FactKind.PRESS_LINE_AGREED,
            ),
            ItemEntry(
                code="council-informed",
                text="Gemeenteraad geanonimiseerd en op hoofdlijnen geïnformeerd",
                help="Bijvoorbeeld in een besloten raadsvergadering.",
            ),
        ),
    ),
    TemplateEntry(
        code="intends-to-travel",
        name="Concrete signalen van uitreis",
        scenario=Scenario.INTENDS_TO_TRAVEL,
        event_label="Datum van het signaal",
        description="Er zijn concrete signalen dat iemand op het punt staat uit te reizen.",
        items=(
            ItemEntry(
                code="conference-set-up",
                text="Multidisciplinair casusoverleg ingericht",
                task_days=2,
                fulfilled_by=FactKind.CONFERENCE_HELD,
            ),
            ItemEntry(
                code="roles-agreed",
                text="Duidelijke afspraken gemaakt over rollen en taken",
                help="Ook over de harde en zachte interventies die worden ingezet.",
                task_days=3,
            ),
            AIVD_NOTICE,
            ItemEntry(
                code="passport-measure",
                text="Paspoortmaatregel overwogen; zo ja, NCTV geconsulteerd voor het stappenplan",
                help="Kan uitreis worden voorkomen met een paspoortmaatregel? De NCTV heeft "
                "een stappenplan voor het treffen ervan.",
                source=f"{FACTSHEET}; {PASSPORT_LAW}",
                task_days=2,
                fulfilled_by=FactKind.MEASURE_REQUESTED,
                fact_parameter="passport-invalidation",
            ),
            ItemEntry(
                code="child-protection",
                text="Raad voor de Kinderbescherming ingeschakeld",
                help="Wanneer er minderjarigen betrokken zijn.",
                applies_to=AppliesTo.MINORS,
                task_days=2,
                holder=Organisation.Kind.CHILD_PROTECTION,
            ),
        ),
    ),
    TemplateEntry(
        code="departed",
        name="Uitgereisd",
        scenario=Scenario.DEPARTED,
        event_label="Datum van vertrek",
        description="Iemand is daadwerkelijk uitgereisd.",
        items=(
            ItemEntry(
                code="missing-person-report",
                text="Aangifte van vermissing gedaan",
                task_days=2,
                holder=POLICE,
            ),
            ItemEntry(
                code="passport-signalled",
                text="Paspoort gesignaleerd",
                help="Zodat de persoon aan de grens nog kan worden tegengehouden, of bij "
                "terugkeer wordt opgemerkt.",
                task_days=2,
                holder=POLICE,
            ),
            ItemEntry(
                code="press-line",
                text="Woordvoeringslijn afgesproken in de lokale driehoek",
                help="Geen namen en geen aantallen van concrete gevallen. De regie ligt bij "
                "het OM of bij de gemeente.",
                task_days=7,
                fulfilled_by=FactKind.PRESS_LINE_AGREED,
            ),
            ItemEntry(
                code="network-analysis",
                text="Netwerkanalyse gemaakt in het casusoverleg",
                help="Wie uitreist, laat een netwerk achter dat kwetsbaar kan zijn.",
                task_days=14,
                fulfilled_by=FactKind.NETWORK_RELATION,
            ),
            ItemEntry(
                code="support-left-behind",
                text="Afgesproken wie de achterblijvers ondersteunt, en hoe",
                task_days=14,
            ),
            ItemEntry(
                code="brp-deregistration",
                text="Uitschrijving uit de BRP gecontroleerd",
                help="De factsheet noemt drie maanden na vertrek (toen nog de gemeentelijke "
                "basisadministratie). De BRP-regel is dat wie naar verwachting ten minste "
                "acht van de twaalf maanden buiten Nederland verblijft, vertrek naar het "
                "buitenland aangeeft, en anders ambtshalve wordt uitgeschreven (Wet BRP art. "
                "2.43 en 2.22). De termijn van deze taak is in te stellen.",
                source=f"{FACTSHEET}; {BRP_LAW}",
                task_days=BRP_CHECK_DAYS,
                fulfilled_by=FactKind.MEASURE_REQUESTED,
                fact_parameter="brp-deregistration",
                irreversible=True,
            ),
            ItemEntry(
                code="benefits-stopped",
                text="Uitkeringen en toeslagen stopgezet",
                help="Geen uitkering bij verblijf buiten Nederland; ook de Dienst Toeslagen "
                "informeren.",
                task_days=30,
                fulfilled_by=FactKind.MEASURE_REQUESTED,
                fact_parameter="benefits-ended",
                irreversible=True,
            ),
            ItemEntry(
                code="return-plan",
                text="Plan van aanpak gemaakt voor een mogelijke terugkeer",
                help="Blijf de uitreiziger in het casusoverleg volgen met het oog op terugkeer.",
                task_days=28,
                fulfilled_by=FactKind.PLAN_AGREED,
            ),
        ),
    ),
    TemplateEntry(
        code="returned",
        name="Teruggekeerd",
        scenario=Scenario.RETURNED,
        event_label="Datum van terugkeer",
        description="Iemand is teruggekeerd. Volg ook de stappen van de persoonsgerichte "
        "aanpak: casusoverleg, netwerkanalyse, familieondersteuning, woordvoeringslijn.",
        items=(
            ItemEntry(
                code="prosecution",
                text="Nagegaan of strafrechtelijke vervolging aan de orde is",
                help="Bij terugkeer zijn eerst de veiligheidsdiensten, politie en justitie aan "
                "zet; niet iedere terugkeerder wordt vervolgd.",
                task_days=7,
                holder=Organisation.Kind.PROSECUTION,
            ),
            ItemEntry(
                code="plan-of-approach",
                text="Plan van aanpak opgesteld in het casusoverleg",
                task_days=14,
                fulfilled_by=FactKind.PLAN_AGREED,
            ),
            AIVD_NOTICE,
            ItemEntry(
                code="reintegration-plan",
                text="Re-integratieplan (exittraject) opgesteld",
                help="Maatwerk met harde en zachte maatregelen: wonen, werk, coaching, "
                "psychologische begeleiding, familie, begeleiding bij religieuze vragen, "
                "contactverboden.",
                task_days=28,
                fulfilled_by=FactKind.REINTEGRATION_PLAN,
            ),
            ItemEntry(
                code="network-and-family",
                text="Netwerkanalyse bijgewerkt en familieondersteuning geboden",
                task_days=28,
            ),
            ItemEntry(
                code="press-line",
                text="Woordvoeringslijn over de terugkeer afgesproken in de lokale driehoek",
                help="Een terugkeer trekt vaak aandacht van de pers. Spreek af wie woordvoerder "
                "is (OM of gemeente) en wat gezegd mag worden: nooit namen of aantallen van "
                "concrete gevallen.",
                task_days=7,
                fulfilled_by=FactKind.PRESS_LINE_AGREED,
            ),
            ItemEntry(
                code="council-informed",
                text="Gemeenteraad op hoofdlijnen en zonder herleidbare gegevens geïnformeerd "
                "over de terugkeer",
                help="De burgemeester bepaalt hoe en wanneer, bijvoorbeeld in een besloten "
                "vergadering; geen namen en geen aantallen van concrete gevallen.",
                task_days=28,
            ),
        ),
    ),
    TemplateEntry(
        code="deceased",
        name="Gesneuveld",
        scenario=Scenario.DECEASED,
        event_label="Datum van het bericht van overlijden",
        description="Iemand is gesneuveld of zou zijn omgekomen.",
        items=(
            ItemEntry(
                code="family-informed",
                text="Familie op de hoogte van het overlijden; afgesproken wie het nieuws brengt",
                help="Soms weet de gemeente het eerder dan de familie. Kijk wie het bericht "
                "het best kan brengen (vaak de wijkagent).",
                task_days=1,
            ),
            ItemEntry(
                code="bereaved-support",
                text="Afgesproken wie de nabestaanden ondersteunt, en hoe",
                help="Bijvoorbeeld psychologische nazorg.",
                task_days=7,
                fulfilled_by=FactKind.FAMILY_CONTACT,
            ),
            ItemEntry(
                code="declaration-of-death",
                text="Nabestaanden geïnformeerd over de procedure voor een verklaring van "
                "overlijden",
                help="Zonder identificatie komt er geen akte van overlijden, die nodig is om "
                "bijvoorbeeld een bankrekening op te heffen of een testament uit te voeren. De "
                "gemeente kan adviseren bij een civielrechtelijke procedure.",
                source=f"{FACTSHEET}; {DEATH_LAW}",
                task_days=30,
            ),
            ItemEntry(
                code="brp-final",
                text="Persoon definitief uitgeschreven uit de BRP",
                help="De factsheet spreekt nog van de gemeentelijke basisadministratie.",
                source=f"{FACTSHEET}; {BRP_LAW}",
                task_days=30,
                irreversible=True,
            ),
        ),
    ),
    TemplateEntry(
        code="closure",
        name="Afsluiten van de casus",
        scenario=Scenario.CLOSURE,
        event_label="Datum van het voorstel tot afsluiten",
        description="Voordat het casusoverleg besluit de casus af te sluiten.",
        items=(
            ItemEntry(
                code="goals-reviewed",
                text="Doelen van het plan van aanpak nagelopen en het resultaat vastgelegd",
                source="Schakel",
            ),
            ItemEntry(
                code="aftercare",
                text="Afgesproken wie nieuwe signalen opmerkt en meldt (nazorg, monitoring)",
                source="Schakel",
            ),
            ItemEntry(
                code="partners-informed",
                text="Partners geïnformeerd over het afsluiten",
                source="Schakel",
            ),
            ItemEntry(
                code="measures-ended",
                text="Lopende maatregelen beëindigd of overgedragen",
                source="Schakel",
            ),
            ItemEntry(
                code="retention",
                text="Bewaartermijn nagelopen: gegevens worden daarna vernietigd",
                source="Schakel",
            ),
        ),
    ),
)
