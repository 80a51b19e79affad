"""Register entries for signal intake and the identity check (version 1 of each)."""

from django.db import migrations

from audit.register import add_first_versions

ENTRIES = [
    {
        "code": "signal-intake",
        "name": "Registratie, verificatie en weging van signalen",
        "purpose": "Signalen over mogelijke radicalisering of extremisme registreren, verifiëren en voorleggen aan het signaleringsoverleg, dat besluit of een persoonsgerichte aanpak nodig is.",
        "legal_basis": "AVG art. 6 lid 1 onder e; bijzondere en strafrechtelijke gegevens: AVG art. 9 lid 2 onder g en art. 10 met UAVG art. 23 en 33; Gemeentewet art. 172 (handhaving openbare orde). Te actualiseren zodra een specifieke wettelijke grondslag (Wet PGA) in werking is.",
        "data_categories": "Identificerende gegevens van de betrokkene, de omschrijving van het signaal, gegevens over de melder en de organisatie, soort zorg en urgentie.",
        "retention": "Niet opgenomen signalen: één jaar na het wegingsbesluit (instelbaar). Opgenomen signalen: volgens het bewaarbeleid van de casus.",
    },
    {
        "code": "identity-check",
        "name": "Controle of een persoon al bekend is",
        "purpose": "Voorkomen dat één persoon in meerdere dossiers terechtkomt en de juiste contactpersoon vinden; wie geen toegang heeft, ziet alleen of er een treffer is en wie te benaderen.",
        "legal_basis": "AVG art. 6 lid 1 onder e en art. 5 lid 1 onder d (juistheid).",
        "data_categories": "Namen en (gedeeltelijke) geboortedatum van de betrokkene; BSN alleen met grondslag.",
        "retention": "De controle zelf wordt alleen in het verwerkingslogboek vastgelegd.",
    },
]


def forwards(apps, schema_editor):
    add_first_versions(apps, ENTRIES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_help_texts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
