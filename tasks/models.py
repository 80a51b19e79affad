"""Tasks and notifications (berichten).

A notification about a task names the task and its case, but only when it is shown, from the
task itself and only while the reader may still open the case (``tasks.inbox``); what is
stored is a kind and a link to the task, never the task's words. Other notifications carry a
neutral title. E-mails say even less.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tasks.titles import render_title


class NotificationKind(models.TextChoices):
    # A plain notification shows its stored neutral title (acute signals, lapsed contacts).
    PLAIN = "plain", _("message")
    TASK_ASSIGNED = "task_assigned", _("new task")
    TASK_OVERDUE = "task_overdue", _("overdue task")
    OVERDUE_SUMMARY = "overdue_summary", _("overdue tasks in your cases")
    # Worded when read, in the reader's language, from their parameters (tasks.inbox).
    ACUTE_SIGNAL = "acute_signal", _("acute signal")
    KEY_FIGURES_LAPSED = "key_figures_lapsed", _("lapsed contact with key figures")
    # A case of the municipality changed to a situation the mayor's office must know of
    # (departed, returned, deceased): worded from its parameters, no name (issue 14).
    SITUATION_ALERT = "situation_alert", _("situation alert")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def current(self) -> NotificationQuerySet:
        """Leaves out notifications about a task that is no longer open: a task that is done,
        withdrawn or moved to someone else asks nothing of the reader any more."""
        return self.filter(models.Q(task__isnull=True) | models.Q(task__status=TaskStatus.OPEN))

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
        help_text=_("Who is notified."),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("A neutral line without personal data.")
    )
    url = models.CharField(
        _("link"), max_length=300, help_text=_("Where in Schakel to look (gated there).")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(
        _("read"), null=True, blank=True, help_text=_("When the recipient marked it read.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=NotificationKind.choices,
        default=NotificationKind.PLAIN,
        help_text=_("What the notification is about; decides how its line is worded."),
    )
    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("task"),
        help_text=_("The task it is about; its title is shown only while the case is visible."),
    )
    params = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_("Numbers the line is worded with (no personal data)."),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # The messages page: one reader's notifications, newest first, a page at a time.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.title


class TaskSource(models.TextChoices):
    """Where a task comes from; later issues add checklist items and measure timers."""

    ACTION = "action", _("action")
    REVIEW = "review", _("review date")
    CHECKLIST = "checklist", _("checklist item")
    MEASURE = "measure", _("measure deadline")
    MEASURE_REVIEW = "measure_review", _("measure review")
    REMEDY = "remedy", _("legal remedy deadline")
    ASSESSMENT = "assessment", _("next assessment")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Task(models.Model):
    """Something a person must do by a date, kept in step with its source.

    The source (an action, a review date, ...) is the truth; the services of its app create,
    move and close the task. ``case`` refers to cases by name so this app does not import it
    (DESIGN §6 import order); every list re-checks the case gate before showing a task.
    """

    source = models.CharField(_("source"), max_length=20, choices=TaskSource.choices)
    source_id = models.BigIntegerField(_("source id"), help_text=_("Id of the source object."))
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("case"),
        help_text=_("The case the task belongs to."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("owner"),
        help_text=_("Who must do it; empty when an organisation holds it as a whole."),
    )
    # A task held by a team organisation without a named professional (issue 14): every
    # professional of that organisation on the case sees it in "Mijn taken" and may do it.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation that holds the task when no one person is named."),
    )
    title_key = models.CharField(
        _("title key"),
        max_length=30,
        help_text=_(
            "What to do, as a key of tasks.titles.TitleKey; put into words in the reader's "
            "language when shown, and only behind the case's gate."
        ),
    )
    title_params = models.JSONField(
        _("title parameters"),
        default=dict,
        blank=True,
        help_text=_("The values the title is worded with (an action's own words, a measure)."),
    )
    url = models.CharField(_("link"), max_length=300, help_text=_("Where to do it."))
    due_on = models.DateField(_("due"), help_text=_("When it must be done."))
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    assigned_notified_at = models.DateTimeField(
        _("assignment notified"),
        null=True,
        blank=True,
        help_text=_("When the owner was told of the task; empty until then."),
    )
    overdue_notified_on = models.DateField(
        _("overdue notified"),
        null=True,
        blank=True,
        help_text=_("The due date for which the owner was told it is overdue (once per date)."),
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["owner", "status", "due_on"]),
            models.Index(fields=["organisation", "status", "due_on"], name="task_organisation"),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id", "owner"],
                condition=models.Q(status="open"),
                name="one_open_task_per_source_and_owner",
            ),
            models.UniqueConstraint(
                fields=["source", "source_id", "organisation"],
                condition=models.Q(status="open", owner__isnull=True),
                name="one_open_task_per_source_and_organisation",
            ),
            # Someone always holds a task: a person, or an organisation as a whole.
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) | models.Q(organisation__isnull=False),
                name="task_has_holder",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The title in the active language."""
        return render_title(self.title_key, self.title_params)
