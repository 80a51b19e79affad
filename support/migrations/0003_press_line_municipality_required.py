# A separate migration from 0002: on PostgreSQL the rows filled there must be committed before
# the column becomes NOT NULL (pending trigger events otherwise).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("case_support", "0002_press_line_of_municipality"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pressline",
            name="municipality",
            field=models.ForeignKey(
                help_text="The municipality whose local triangle agrees the line.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="press_lines",
                to="accounts.municipality",
                verbose_name="municipality",
            ),
        ),
    ]
