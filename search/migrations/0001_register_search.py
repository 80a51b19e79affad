"""Register entry for the search box (version 1).

A search reads identities (names, signal and case numbers) to find a person again, so it is
a processing activity of its own, next to the "already known?" check at intake.
"""

from django.db import migrations

from audit.register import add_first_versions

ENTRIES = [
    {
        "code": "search",
        "name": "Zoeken naar personen, meldingen en casussen",
        "purpose": "Medewerkers die met personen werken vinden een betrokkene, een melding of een casus terug waartoe zij al toegang hebben; de zoekopdracht toont alleen wat de gebruiker mag zien, met de reden waarom een persoon is gevonden.",
        "legal_basis": "AVG art. 6 lid 1 onder e; bijzondere en strafrechtelijke gegevens: AVG art. 9 lid 2 onder g en art. 10 met UAVG art. 23 en 33; Gemeentewet art. 172. Juistheid: AVG art. 5 lid 1 onder d.",
        "data_categories": "Namen en (gedeeltelijke) geboortedatum van de betrokkene, nummers van meldingen en casussen. De zoekwoorden zelf worden niet bewaard.",
        "retention": "De zoekopdracht wordt alleen in het verwerkingslogboek vastgelegd, met één regel per getoonde betrokkene.",
    },
]


def forwards(apps, schema_editor):
    add_first_versions(apps, ENTRIES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_record_chain_key_id")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
