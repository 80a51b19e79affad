"""The first entries of the register of processing activities (version 1 of each)."""

from django.db import migrations

from audit.register import add_first_versions

ENTRIES = [
    {
        "code": "security",
        "name": "Beveiliging en toegangsbeheer",
        "purpose": "Inloggen, tweede factor, uitloggen, mislukte pogingen en blokkades vastleggen om misbruik te voorkomen en te onderzoeken.",
        "legal_basis": "AVG art. 6 lid 1 onder c en art. 32 (beveiliging van de verwerking); BIO.",
        "data_categories": "Accountgegevens van medewerkers, tijdstip, resultaat, netwerkadres.",
        "retention": "Zolang het verwerkingslogboek wordt bewaard (zie vernietigingsbeleid).",
    },
    {
        "code": "account",
        "name": "Eigen account inzien",
        "purpose": "Medewerkers zien hun eigen account, rollen en tokens.",
        "legal_basis": "AVG art. 6 lid 1 onder e (publieke taak); art. 15 (inzage).",
        "data_categories": "Naam, e-mailadres, lidmaatschappen van de medewerker.",
        "retention": "Zolang het account bestaat.",
    },
    {
        "code": "user-administration",
        "name": "Beheer van organisaties, gebruikers en rollen",
        "purpose": "Functioneel beheer richt organisaties, accounts en lidmaatschappen in, zodat toegang alleen volgt uit rollen.",
        "legal_basis": "AVG art. 6 lid 1 onder e (publieke taak) en art. 32 (toegangsbeheer).",
        "data_categories": "Naam, e-mailadres, organisatie en rol van medewerkers.",
        "retention": "Zolang het account bestaat, daarna volgens archiefbeleid.",
    },
    {
        "code": "audit-oversight",
        "name": "Toezicht op het verwerkingslogboek",
        "purpose": "De privacyfunctionaris doorzoekt het logboek voor toezicht, inzageverzoeken en onderzoek naar onrechtmatige toegang.",
        "legal_basis": "AVG art. 38-39 (taken functionaris gegevensbescherming) en art. 5 lid 2 (verantwoording).",
        "data_categories": "Gepseudonimiseerde betrokkenen, medewerkers, organisaties, tijdstippen.",
        "retention": "Zolang het verwerkingslogboek wordt bewaard.",
    },
]


def forwards(apps, schema_editor):
    add_first_versions(apps, ENTRIES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
