"""Register entry for preparedness (version 1) and the first directory of support organisations.

Key figures are citizens: their contact details are personal data, so preparedness gets its
own entry in the register of processing activities. The directory is catalogue data the
administrator keeps up to date afterwards; descriptions are general, with no personal contact
details, and a website only where it is certain.
"""

from django.db import migrations

from audit.register import add_first_versions

ENTRIES = [
    {
        "code": "preparedness",
        "name": "Voorbereiding van de gemeente op radicalisering",
        "purpose": "De gemeente bereidt zich voor op signalen van radicalisering: zij houdt bij wie dossierhouder is, welke afspraken zij met partners maakt, wie getraind is en met welke sleutelfiguren uit gemeenschappen zij contact onderhoudt.",
        "legal_basis": "AVG art. 6 lid 1 onder e (taak van algemeen belang); Gemeentewet art. 172 (handhaving openbare orde) en art. 160 (uitvoering door het college).",
        "data_categories": "Naam, contactgegevens, gemeenschap of organisatie en contactmomenten van sleutelfiguren; namen en functies van medewerkers en contactpersonen van ketenpartners; deelname aan trainingen. Geen gegevens over geloof, afkomst of politieke opvattingen.",
        "retention": "Zolang het contact met de sleutelfiguur duurt, daarna nog 1 jaar; gegevens van medewerkers en partners zolang zij die functie vervullen.",
    },
]

DIRECTORY = [
    {
        "name": "Expertise-unit Sociale Stabiliteit (ESS)",
        "scope": "national",
        "helps_with": "Advies en ondersteuning op maat aan gemeenten en professionals bij spanningen, polarisatie en radicalisering: meedenken over een lokale aanpak, trainingen en netwerkbijeenkomsten.",
        "website": "",
        "how_to_reach": "Via de website of de kennisbank van de rijksoverheid.",
        "position": 10,
    },
    {
        "name": "Landelijk Steunpunt Extremisme (LSE)",
        "scope": "national",
        "helps_with": "Exitbegeleiding voor mensen die uit een extremistische groep willen stappen, en ondersteuning van families en naasten; ook advies aan professionals die met een casus zitten.",
        "website": "",
        "how_to_reach": "Aanmelden van een casus loopt via de dossierhouder of het casusoverleg.",
        "position": 20,
    },
    {
        "name": "Stichting School en Veiligheid",
        "scope": "national",
        "helps_with": "Vragen over radicalisering en polarisatie in het onderwijs, handreikingen voor scholen en trainingen voor leraren en schoolleiders.",
        "website": "https://www.schoolenveiligheid.nl",
        "how_to_reach": "Via de helpdesk op de website.",
        "position": 30,
    },
    {
        "name": "Nederlands Genootschap van Burgemeesters (NGB)",
        "scope": "national",
        "helps_with": "Brengt burgemeesters met elkaar in contact om ervaringen uit te wisselen over openbare orde, radicalisering en het informeren van de raad.",
        "website": "",
        "how_to_reach": "Via het secretariaat van het genootschap.",
        "position": 40,
    },
    {
        "name": "Landelijk Platform Lokale Professionals",
        "scope": "national",
        "helps_with": "Uitwisseling tussen lokale professionals (wijkagenten, leraren, jongerenwerkers, dossierhouders) over signalen, aanpak en lessen uit de praktijk.",
        "website": "",
        "how_to_reach": "Via de Toolbox Extremisme van de rijksoverheid.",
        "position": 50,
    },
    {
        "name": "Radicalisation Awareness Network (RAN)",
        "scope": "european",
        "helps_with": "Europees netwerk van professionals: goede voorbeelden, werkbijeenkomsten en publicaties over preventie, exit en terugkeerders.",
        "website": "",
        "how_to_reach": "Via de website van de Europese Commissie.",
        "position": 60,
    },
    {
        "name": "Vereniging van Nederlandse Gemeenten (VNG) — informatiepunt",
        "scope": "national",
        "helps_with": "Vragen van gemeenten over de lokale preventieve aanpak, privacy bij het delen van informatie en voorbeelden van andere gemeenten; ook een besloten online forum voor ambtenaren.",
        "website": "https://vng.nl",
        "how_to_reach": "Via het informatiepunt op de website.",
        "position": 70,
    },
]


def forwards(apps, schema_editor):
    add_first_versions(apps, ENTRIES)
    support = apps.get_model("preparedness", "SupportOrganisation")
    for entry in DIRECTORY:
        fields = dict(entry)
        support.objects.get_or_create(name=fields.pop("name"), defaults=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_register_cases"),
        ("preparedness", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
