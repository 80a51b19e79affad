"""The plan of approach: goals, actions and their reports, and conference decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cases.models.base import AppendOnly
from cases.models.case import Case
from meetings.models import AgendaItem, Meeting


class PlanVersion(AppendOnly):
    """One agreed version of the plan of approach; goals belong to a version.

    A change to the plan is a new version with all its goals, so what was agreed at each
    conference stays readable.
    """

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="plan_versions",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    number = models.PositiveIntegerField(_("version"), help_text=_("1 for the first plan."))
    summary = models.TextField(
        _("summary of the approach"),
        max_length=4000,
        help_text=_("The approach in a few sentences."),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("conference"),
        help_text=_("The case conference that agreed this version."),
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agreed by"),
        help_text=_("Who recorded the agreement (usually the chair)."),
    )
    agreed_at = models.DateTimeField(_("agreed"), auto_now_add=True)
    change_note = models.CharField(
        _("what changed"),
        max_length=500,
        blank=True,
        help_text=_("What changed against the previous version."),
    )

    class Meta:
        ordering = ["case", "number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_plan_version")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.number}"


class Goal(AppendOnly):
    """A goal of one plan version, with its owner and review date."""

    class Domain(models.TextChoices):
        CRIMINAL = "criminal", _("criminal law")
        ADMINISTRATIVE = "administrative", _("administrative law")
        CARE = "care", _("care and support")
        OTHER = "other", _("other")

    plan = models.ForeignKey(
        PlanVersion,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("plan version"),
        help_text=_("The plan version the goal belongs to."),
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("Order in the plan."))
    text = models.CharField(_("goal"), max_length=500, help_text=_("What should be reached."))
    domain = models.CharField(
        _("domain"), max_length=20, choices=Domain.choices, default=Domain.CARE
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("The organisation responsible for the goal."),
    )
    review_on = models.DateField(_("review date"), help_text=_("When progress is reviewed."))

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Action(models.Model):
    """An agreed action with an owner (organisation and person) and a due date."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    description = models.CharField(_("action"), max_length=500, help_text=_("What is to be done."))
    goal_position = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        help_text=_("The number of the plan goal it serves, if any."),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
        help_text=_("The conference agenda item where it was agreed."),
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner organisation"),
        help_text=_("The organisation that carries out the action."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name=_("owner"),
        help_text=_("The person who carries out the action."),
    )
    due_on = models.DateField(_("due"), help_text=_("When it should be done."))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    feedback = models.TextField(
        _("feedback"), max_length=4000, blank=True, help_text=_("The owner's latest feedback.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agreed by"),
        help_text=_("Who recorded the action."),
    )
    created_at = models.DateTimeField(_("agreed"), auto_now_add=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.description


class ActionUpdate(AppendOnly):
    """The history of an action: each status change or feedback, by whom and when."""

    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("action"),
        help_text=_("The action."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    feedback = models.TextField(_("feedback"), max_length=4000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Who reported."),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["action", "at", "id"]
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status}"


class ConferenceDecision(AppendOnly):
    """A decision of a case conference on one agenda item, as structured data."""

    class Kind(models.TextChoices):
        PLAN_AGREED = "plan_agreed", _("plan of approach agreed")
        CONTINUE = "continue", _("continue the approach")
        SITUATION = "situation", _("situation changed")
        STATUS = "status", _("status changed")
        TEAM = "team", _("team changed")
        REVIEW = "review", _("next review date set")
        ESCALATE = "escalate", _("escalate to the local triangle")
        OTHER = "other", _("other")

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agenda item"),
        help_text=_("The agenda item the decision was taken on."),
    )
    kind = models.CharField(_("decision"), max_length=20, choices=Kind.choices)
    text = models.CharField(
        _("explanation"), max_length=1000, help_text=_("What was decided and why.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the decision (the chair)."),
    )
    decided_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("conference decision")
        verbose_name_plural = _("conference decisions")

    def __str__(self) -> str:
        return self.get_kind_display()
