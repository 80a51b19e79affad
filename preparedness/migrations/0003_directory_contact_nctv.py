"""Phone and e-mail of directory entries, and the NCTV in the directory (issue 14, point 9).

The factsheet names the NCTV as the contact when a municipality receives an intelligence
notice (ambtsbericht) or has to take a passport measure. Its duty number is left for the
administrator to enter once verified: the factsheet's number dates from 2015.
"""

from django.db import migrations, models

NCTV = {
    "name": "Nationaal Coördinator Terrorismebestrijding en Veiligheid (NCTV)",
    "scope": "national",
    "helps_with": (
        "Contact wanneer de burgemeester een ambtsbericht van de AIVD heeft ontvangen, en "
        "bij een paspoortmaatregel (art. 23 Paspoortwet): de NCTV geeft het stappenplan. "
        "Daarnaast de Toolbox Extremisme over preventie en deskundigheidsbevordering."
    ),
    "website": "https://www.nctv.nl",
    "how_to_reach": "Vraag naar de dienstdoende medewerker van de directie contra-terrorisme.",
    "position": 5,
}


def forwards(apps, schema_editor):
    support = apps.get_model("preparedness", "SupportOrganisation")
    fields = dict(NCTV)
    support.objects.get_or_create(name=fields.pop("name"), defaults=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("preparedness", "0002_register_and_directory"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportorganisation",
            name="email",
            field=models.EmailField(
                blank=True,
                help_text="The organisation's general address; never a person's own address.",
                max_length=254,
                verbose_name="e-mail",
            ),
        ),
        migrations.AddField(
            model_name="supportorganisation",
            name="phone",
            field=models.CharField(
                blank=True,
                help_text="The organisation's general number or duty line; never a person's own number.",
                max_length=40,
                verbose_name="phone",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
