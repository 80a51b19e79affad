"""What a person chooses to show the teams of their cases (issue 13, point 5): a function,
a work phone number and whether to show their e-mail address. All optional, empty and off for
every existing account: nothing is shown until the person fills it in on "Mijn account".

Numbered after 0006_account_hold, which was written alongside; if that migration is renamed,
this one's dependency follows it.
"""

from django.db import migrations, models

import accounts.models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_account_hold"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="job_title",
            field=models.CharField(
                blank=True,
                help_text="Your job title, shown beside your name on the teams of your cases.",
                max_length=100,
                verbose_name="function",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="share_email",
            field=models.BooleanField(
                default=False,
                help_text="Show your e-mail address to the teams of the cases you work on.",
                verbose_name="show my e-mail address",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="work_phone",
            field=models.CharField(
                blank=True,
                help_text="A work number colleagues on your cases may call; leave empty to show none.",
                max_length=30,
                validators=[accounts.models.validate_work_phone],
                verbose_name="work phone number",
            ),
        ),
    ]
