"""Task titles become a key and parameters, worded when shown (in the reader's language);
notifications about a task point at it.

Existing tasks get their key from their source: an action's own description, a checklist
item's text, a measure's name. A task whose source is gone keeps its old title as its text.
Existing notifications that told of a new or overdue task are linked to the task with the
same owner and link, so their line can name it; the rest stay plain and keep their title.
"""

import django.db.models.deletion
from django.db import migrations, models

TEXT_LENGTH = 200

# The neutral titles notifications carried before, in both interface languages.
ASSIGNED_TITLES = {"You have a new task", "U hebt een nieuwe taak"}
OVERDUE_TITLES = {"A task is overdue", "Een taak is te laat"}


def _text(words):
    words = (words or "").strip()
    return {"text": words if len(words) <= TEXT_LENGTH else words[: TEXT_LENGTH - 1] + "…"}


def _measure(apps, intervention_id):
    Intervention = apps.get_model("measures", "Intervention")
    return Intervention.objects.filter(pk=intervention_id).select_related("measure_type").first()


def _key_for(apps, task):
    source = task.source
    if source == "action":
        action = apps.get_model("cases", "Action").objects.filter(pk=task.source_id).first()
        if action is not None:
            return "text", _text(action.description)
    elif source == "checklist":
        item = apps.get_model("checklists", "ChecklistItem").objects.filter(pk=task.source_id)
        item = item.first()
        if item is not None:
            return "text", _text(item.text)
    elif source == "review":
        return "review_case", {}
    elif source in ("measure", "measure_review"):
        intervention = _measure(apps, task.source_id)
        if intervention is not None:
            name = intervention.measure_type.name
            if source == "measure_review":
                return "measure_review", {"measure": name}
            renewable = intervention.measure_type.renewal_step_months is not None
            return ("measure_renewal" if renewable else "measure_ends"), {"measure": name}
    elif source == "remedy":
        remedy = apps.get_model("measures", "LegalRemedy").objects.filter(pk=task.source_id)
        remedy = remedy.select_related("intervention__measure_type").first()
        if remedy is not None:
            return "remedy_term", {"measure": remedy.intervention.measure_type.name}
    elif source == "assessment":
        return "next_assessment", {}
    return "text", _text(task.title)


def forwards(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    for task in Task.objects.all().iterator():
        key, params = _key_for(apps, task)
        Task.objects.filter(pk=task.pk).update(title_key=key, title_params=params)
    Notification = apps.get_model("tasks", "Notification")
    kinds = [("task_assigned", ASSIGNED_TITLES), ("task_overdue", OVERDUE_TITLES)]
    for kind, titles in kinds:
        for notification in Notification.objects.filter(title__in=titles).iterator():
            # The newest task of that owner behind that link is the one it told of.
            task = (
                Task.objects.filter(owner_id=notification.recipient_id, url=notification.url)
                .order_by("-created_at", "-id")
                .first()
            )
            if task is not None:
                Notification.objects.filter(pk=notification.pk).update(kind=kind, task=task)


def backwards(apps, schema_editor):
    # Back to one stored line: a person's words as they are, a key as its English msgid.
    Task = apps.get_model("tasks", "Task")
    english = {
        "review_case": "Review the case",
        "measure_renewal": "Decide on renewal: %(measure)s",
        "measure_ends": "Measure ends soon: %(measure)s",
        "measure_review": "Review the measure: %(measure)s",
        "remedy_term": "Term for a legal remedy ends: %(measure)s",
        "next_assessment": "Plan the next risk assessment",
    }
    for task in Task.objects.all().iterator():
        params = task.title_params or {}
        try:
            title = english[task.title_key] % params
        except (KeyError, TypeError, ValueError):
            title = str(params.get("text", ""))
        Task.objects.filter(pk=task.pk).update(title=title[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0004_task_source_assessment"),
        ("cases", "0002_entries_plans_actions"),
        ("checklists", "0001_initial"),
        ("measures", "0002_objection_phase"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="title_key",
            field=models.CharField(
                default="text",
                help_text=(
                    "What to do, as a key of tasks.titles.TitleKey; put into words in the "
                    "reader's language when shown, and only behind the case's gate."
                ),
                max_length=30,
                verbose_name="title key",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="task",
            name="title_params",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The values the title is worded with (an action's own words, a measure).",
                verbose_name="title parameters",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("plain", "message"),
                    ("task_assigned", "new task"),
                    ("task_overdue", "overdue task"),
                    ("overdue_summary", "overdue tasks in your cases"),
                ],
                default="plain",
                help_text="What the notification is about; decides how its line is worded.",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Numbers the line is worded with (no personal data).",
                verbose_name="parameters",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="task",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The task it is about; its title is shown only while the case is visible."
                ),
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to="tasks.task",
                verbose_name="task",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["recipient", "-created_at", "-id"], name="notification_inbox"
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="task",
            name="title",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="title"),
        ),
        migrations.RemoveField(model_name="task", name="title"),
    ]
