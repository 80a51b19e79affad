"""Register entry for case coordination (version 1)."""

from django.db import migrations

from audit.register import add_first_versions

ENTRIES = [
    {
        "code": "case-coordination",
        "name": "Casusregie in de persoonsgerichte aanpak",
        "purpose": "De gemeente voert regie op een casus: het team van ketenpartners deelt wat nodig is, spreekt een plan van aanpak af en voert het uit; elke partner ziet alleen wat hij nodig heeft.",
        "legal_basis": "AVG art. 6 lid 1 onder e; bijzondere en strafrechtelijke gegevens: AVG art. 9 lid 2 onder g en art. 10 met UAVG art. 23 en 33; Gemeentewet art. 172; Wet PGA zodra in werking.",
        "data_categories": "Identificerende gegevens, situatie en status van de aanpak, aantekeningen per informatiecategorie, deelnemende organisaties.",
        "retention": "Volgens het bewaarbeleid van casussen (vastgelegd bij afsluiting).",
    },
]


def forwards(apps, schema_editor):
    add_first_versions(apps, ENTRIES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_register_signals")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
