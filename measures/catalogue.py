"""The starting catalogue of measure types, in the product's own words.

This is data, loaded into the database by ``manage.py load_measure_catalogue`` (and by the
demo seed); after that the functional administrator keeps it. Loading never overwrites a
type that exists already, so local corrections survive. No figure here is marked as checked
against the law text: a municipality confirms that itself, with the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from measures.workflow import Regime

AWB_TERM = 42  # days: objection and appeal under the Algemene wet bestuursrecht (six weeks)
TWBMT_LAPSES = date(2027, 3, 1)  # the Twbmt is temporary; currently extended until this day


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    regime: Regime
    authority: str
    legal_source: str
    description: str
    default_months: int | None = None
    renewal_months: int | None = None
    maximum_months: int | None = None
    consent: bool = False
    appeal_route: str = ""
    appeal_days: int | None = None
    objection: bool = True
    law_expires_on: date | None = None
    mayor_decides: bool = False


AWB_ROUTE = "Bezwaar bij het bestuursorgaan, daarna beroep bij de rechtbank (Awb)."
TWBMT_ROUTE = "Beroep bij de rechtbank; geen bezwaarfase (Twbmt art. 6)."


def _twbmt(code: str, name: str, what: str) -> CatalogueEntry:
    return CatalogueEntry(
        code=code,
        name=name,
        regime=Regime.ADMINISTRATIVE,
        authority="Minister van Justitie en Veiligheid",
        legal_source="Tijdelijke wet bestuurlijke maatregelen terrorismebestrijding (Twbmt)",
        description=what,
        default_months=6,
        renewal_months=6,
        appeal_route=TWBMT_ROUTE,
        appeal_days=AWB_TERM,
        objection=False,
        law_expires_on=TWBMT_LAPSES,
    )


CATALOGUE = [
    CatalogueEntry(
        code="passport-invalidation",
        name="Paspoortmaatregel (vervallenverklaring en signalering)",
        regime=Regime.ADMINISTRATIVE,
        authority="Minister van Buitenlandse Zaken, op verzoek van de burgemeester",
        legal_source="Paspoortwet art. 23",
        description="Voorkomt uitreis: het reisdocument vervalt en de persoon wordt gesignaleerd.",
        appeal_route=AWB_ROUTE,
        appeal_days=AWB_TERM,
        mayor_decides=True,
    ),
    _twbmt("twbmt-reporting-duty", "Meldplicht (Twbmt)", "Zich periodiek melden bij de politie."),
    _twbmt("twbmt-area-ban", "Gebiedsverbod (Twbmt)", "Verbod om in een bepaald gebied te komen."),
    _twbmt(
        "twbmt-contact-ban", "Contactverbod (Twbmt)", "Verbod op contact met bepaalde personen."
    ),
    _twbmt("twbmt-exit-ban", "Uitreisverbod (Twbmt)", "Verbod om het Schengengebied te verlaten."),
    CatalogueEntry(
        code="benefits-ended",
        name="Beëindigen van uitkering en toeslagen",
        regime=Regime.ADMINISTRATIVE,
        authority="College van B&W (uitkering); Dienst Toeslagen (toeslagen)",
        legal_source="Participatiewet art. 13; Algemene wet inkomensafhankelijke regelingen",
        description="Geen uitkering of toeslag bij verblijf in het buitenland of sanctielijst.",
        appeal_route=AWB_ROUTE,
        appeal_days=AWB_TERM,
    ),
    CatalogueEntry(
        code="brp-deregistration",
        name="Ambtshalve uitschrijving uit de BRP",
        regime=Regime.ADMINISTRATIVE,
        authority="College van B&W",
        legal_source="Wet basisregistratie personen art. 2.22 en 2.43",
        description=(
            "Uitschrijving als iemand naar verwachting acht van de twaalf maanden buiten "
            "Nederland verblijft."
        ),
        appeal_route=AWB_ROUTE,
        appeal_days=AWB_TERM,
    ),
    CatalogueEntry(
        code="rehousing",
        name="Herhuisvesting",
        regime=Regime.ADMINISTRATIVE,
        authority="Gemeente met de woningcorporatie",
        legal_source="Afspraken met de corporatie; Huisvestingswet",
        description="Verhuizing uit een schadelijke omgeving, meestal met instemming.",
        consent=True,
    ),
    CatalogueEntry(
        code="ots",
        name="Ondertoezichtstelling (OTS)",
        regime=Regime.CARE,
        authority="Kinderrechter, op verzoek van de Raad voor de Kinderbescherming",
        legal_source="Burgerlijk Wetboek boek 1 art. 255 en 260",
        description="Een gezinsvoogd begeleidt het gezin; het gezag blijft bij de ouders.",
        default_months=12,
        renewal_months=12,
        appeal_route="Hoger beroep bij het gerechtshof.",
        appeal_days=90,
        objection=False,
    ),
    CatalogueEntry(
        code="ots-provisional",
        name="Voorlopige ondertoezichtstelling",
        regime=Regime.CARE,
        authority="Kinderrechter",
        legal_source="Burgerlijk Wetboek boek 1 art. 257",
        description="Bij acute dreiging, in afwachting van het onderzoek van de Raad.",
        default_months=3,
        maximum_months=3,
    ),
    CatalogueEntry(
        code="out-of-home-placement",
        name="Uithuisplaatsing",
        regime=Regime.CARE,
        authority="Kinderrechter",
        legal_source="Burgerlijk Wetboek boek 1 art. 265b",
        description="Verblijf buiten het gezin, in combinatie met een OTS.",
        default_months=12,
        renewal_months=12,
        appeal_route="Hoger beroep bij het gerechtshof.",
        appeal_days=90,
        objection=False,
    ),
    CatalogueEntry(
        code="exit-guidance",
        name="Exitbegeleiding (Landelijk Steunpunt Extremisme)",
        regime=Regime.CARE,
        authority="Landelijk Steunpunt Extremisme",
        legal_source="Vrijwillige deelname",
        description="Begeleiding bij het loslaten van een extremistische groep of ideologie.",
        consent=True,
    ),
    CatalogueEntry(
        code="family-support-lse",
        name="Familieondersteuning (Landelijk Steunpunt Extremisme)",
        regime=Regime.CARE,
        authority="Landelijk Steunpunt Extremisme",
        legal_source="Vrijwillige deelname",
        description="Steun voor ouders, broers, zussen en andere naasten.",
        consent=True,
    ),
    CatalogueEntry(
        code="youth-care",
        name="Jeugdhulp",
        regime=Regime.CARE,
        authority="College van B&W",
        legal_source="Jeugdwet",
        description="Hulp aan de jongere en het gezin.",
        consent=True,
    ),
    CatalogueEntry(
        code="mental-health-care",
        name="Geestelijke gezondheidszorg",
        regime=Regime.CARE,
        authority="Zorgaanbieder (vrijwillig) of rechter (Wet verplichte ggz)",
        legal_source="Wet op de geneeskundige behandelingsovereenkomst; Wet verplichte ggz",
        description="Behandeling van psychische problemen.",
        consent=True,
    ),
    CatalogueEntry(
        code="mentor",
        name="Mentor of positief rolmodel",
        regime=Regime.CARE,
        authority="Gemeente met de partner die de mentor levert",
        legal_source="Vrijwillige deelname",
        description="Een vaste, vertrouwde persoon als tegenwicht.",
        consent=True,
    ),
    CatalogueEntry(
        code="probation-supervision",
        name="Reclasseringstoezicht",
        regime=Regime.CRIMINAL,
        authority="Rechter of officier van justitie; uitvoering door de reclassering",
        legal_source="Wetboek van Strafrecht art. 14c (bijzondere voorwaarden)",
        description="Toezicht op bijzondere voorwaarden, zoals een contactverbod.",
    ),
    CatalogueEntry(
        code="criminal-investigation",
        name="Strafrechtelijk onderzoek en vervolging",
        regime=Regime.CRIMINAL,
        authority="Openbaar Ministerie",
        legal_source="Wetboek van Strafvordering; Wetboek van Strafrecht art. 134a e.a.",
        description="Opsporing en vervolging bij een verdenking van een strafbaar feit.",
    ),
]
