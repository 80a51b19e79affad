"""Two-person approval of memberships (issue 19, separation of duties).

Every membership that exists already keeps working: it is marked approved, with "migration"
as its origin and the moment of migrating as its decision time, and no person as granter or
approver (nobody approved it; it predates the rule). New grants start pending.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def approve_existing(apps, schema_editor):
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.all().update(
        status="approved", origin="migration", decided_at=timezone.now()
    )


def drop_undecided(apps, schema_editor):
    # Without the status column a pending or refused grant would give rights: going back
    # removes the grants that never did.
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.exclude(status="approved").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_municipality_police_contact"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="membership",
            name="unique_open_membership",
        ),
        migrations.AddField(
            model_name="membership",
            name="decided_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the grant was approved or refused.",
                null=True,
                verbose_name="approved or refused at",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The second person who approved or refused the grant; empty for migrated or demo roles.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="approved or refused by",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="decision_reason",
            field=models.TextField(
                blank=True,
                help_text="Why the grant was refused.",
                max_length=2000,
                verbose_name="reason for refusal",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="granted_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the role was granted.",
                null=True,
                verbose_name="granted at",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="granted_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The administrator who granted the role; empty for migrated or demo roles.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="role granted by",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="origin",
            field=models.CharField(
                choices=[
                    ("administration", "granted in the administration"),
                    ("migration", "existed before two-person approval"),
                    ("demo_seed", "demo data"),
                ],
                default="administration",
                help_text="How the membership came about: granted in the administration, or existing before two-person approval (migration), or demo data.",
                max_length=20,
                verbose_name="origin",
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "awaiting approval"),
                    ("approved", "approved"),
                    ("refused", "refused"),
                ],
                default="pending",
                help_text="Awaiting approval, approved or refused; only an approved role counts.",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(approve_existing, drop_undecided),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("valid_until__isnull", True), models.Q(("status", "refused"), _negated=True)
                ),
                fields=("user", "organisation", "role"),
                name="unique_open_membership",
                violation_error_message="This person already has this role at this organisation.",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("granted_by__isnull", True),
                    models.Q(("granted_by", models.F("user")), _negated=True),
                    _connector="OR",
                ),
                name="membership_not_granted_to_self",
                violation_error_message="Nobody grants a role to themselves.",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("decided_by__isnull", True),
                    models.Q(
                        models.Q(("decided_by", models.F("user")), _negated=True),
                        models.Q(("decided_by", models.F("granted_by")), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="membership_decided_by_a_second_person",
                violation_error_message="A grant is approved by someone other than the granter and the member.",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("decided_at__isnull", True), ("status", "pending")),
                    models.Q(
                        models.Q(("status", "pending"), _negated=True),
                        ("decided_at__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="membership_decision_recorded",
                violation_error_message="A decided grant records when it was decided.",
            ),
        ),
    ]
