"""Cases (casussen): the person-centred approach the municipality directs (issue 4).

The team of participating organisations is the need-to-know grant: a partner sees the case
while their organisation is on the team, from the moment it is added until it is removed.
The timeline is appended, never edited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access.facts import Category
from accounts.models import Municipality, Organisation
from cases.workflow import CaseStatus, ClosureReason, Situation
from meetings.models import AgendaItem, Meeting
from persons.models import Subject
from signals.models import Signal, WeighingDecision


class AppendOnly(models.Model):
    """Rows that are written once: history is corrected by a new row, never by an edit."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} is append-only.")
        super().save(*args, **kwargs)


class Case(models.Model):
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("subject"),
        help_text=_("The person the case is about."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("municipality"),
        help_text=_("The municipality that directs the case."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("lead"),
        help_text=_("The radicalisation lead who directs the case."),
    )
    process_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directed_cases",
        verbose_name=_("process director"),
        help_text=_("The process director of the safety house who chairs its conferences."),
    )
    situation = models.CharField(
        _("situation"), max_length=20, choices=Situation.choices, default=Situation.CONCERN
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    signal = models.ForeignKey(
        Signal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("signal"),
        help_text=_("The signal the case was opened from."),
    )
    decision = models.OneToOneField(
        WeighingDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
        verbose_name=_("weighing decision"),
        help_text=_("The decision to include that opened the case."),
    )
    closure_reason = models.CharField(
        _("reason for closing"),
        max_length=30,
        choices=ClosureReason.choices,
        blank=True,
        help_text=_("Why the case was closed."),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
        help_text=_("Who decided to close the case."),
    )
    review_on = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("When the case conference looks at the case again."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | ~Q(closure_reason=""),
                name="closed_case_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Case')} {self.pk}"


class TeamMember(models.Model):
    """An organisation on the case team, for a period: the need-to-know grant."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="team",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The participating organisation."),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    removed_at = models.DateTimeField(
        _("removed"), null=True, blank=True, help_text=_("When access ended; empty while on.")
    )

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(removed_at__isnull=True),
                name="one_current_team_membership",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class CaseEvent(AppendOnly):
    """One line of the case's timeline. Appended, never edited."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("opened")
        SITUATION = "situation", _("situation changed")
        STATUS = "status", _("status changed")
        TEAM_ADDED = "team_added", _("organisation added to the team")
        TEAM_REMOVED = "team_removed", _("organisation removed from the team")
        REVIEW = "review", _("review date set")
        BREAK_GLASS = "break_glass", _("emergency access")
        PLAN = "plan", _("plan of approach agreed")

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Who made the change."),
    )
    actor_name = models.CharField(
        _("by (name)"), max_length=200, help_text=_("The name at the time, kept for history.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_value = models.CharField(_("from"), max_length=40, blank=True)
    to_value = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, help_text=_("Why."))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.kind}: {self.from_value} → {self.to_value}"


class InformationCategory(models.TextChoices):
    GENERAL = Category.GENERAL, _("general")
    SPECIAL = Category.SPECIAL, _("special personal data (GDPR art. 9)")
    CRIMINAL = Category.CRIMINAL, _("criminal data (GDPR art. 10)")
    SECRECY = Category.SECRECY, _("professional secrecy")


class CaseEntry(models.Model):
    """A note or fact in a case. Its text lives in versions; a correction adds a version.

    Who may read it depends on its information category (access.entries.may_view_entry).
    """

    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        FACT = "fact", _("fact")
        MINUTES = "minutes", _("minutes")

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    category = models.CharField(
        _("information category"),
        max_length=10,
        choices=InformationCategory.choices,
        help_text=_("Decides who may read the entry."),
    )
    source_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source organisation"),
        help_text=_("The organisation the information comes from."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("Why this organisation may share it, e.g. consent or a legal exception."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Who recorded the entry."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
        help_text=_("For minutes: the conference agenda item they record."),
    )
    confirmed_at = models.DateTimeField(
        _("confirmed"),
        null=True,
        blank=True,
        help_text=_("For minutes: when the source organisation confirmed its contribution."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
        help_text=_("Who confirmed the minutes for the source organisation."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("The number of the current text version.")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("case entry")
        verbose_name_plural = _("case entries")
        indexes = [models.Index(fields=["case", "category"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class CaseEntryVersion(AppendOnly):
    """One version of an entry's text; the highest number is current."""

    entry = models.ForeignKey(
        CaseEntry,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("entry"),
        help_text=_("The entry."),
    )
    number = models.PositiveIntegerField(_("version"), help_text=_("1 for the first text."))
    text = models.TextField(_("text"), max_length=10000, help_text=_("What is recorded."))
    correction_reason = models.CharField(
        _("reason for the correction"),
        max_length=500,
        blank=True,
        help_text=_("Why the previous version was corrected; empty for the first."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Who wrote this version."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "number"]
        verbose_name = _("entry version")
        verbose_name_plural = _("entry versions")
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="unique_entry_version")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.number}"


class EntryGrant(models.Model):
    """Special or secret information shared with one more team organisation, with a reason
    (consent or a legal exception). Revoked grants stay as history."""

    entry = models.ForeignKey(
        CaseEntry,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("entry"),
        help_text=_("The entry shared."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation that may read the entry."),
    )
    reason = models.CharField(
        _("ground"), max_length=500, help_text=_("Consent or legal exception that allows it.")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
        help_text=_("Who shared it."),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, help_text=_("When sharing ended; empty while on.")
    )

    class Meta:
        verbose_name = _("entry grant")
        verbose_name_plural = _("entry grants")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="one_current_entry_grant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} → {self.organisation_id}"


class BreakGlassAccess(models.Model):
    """Emergency access (noodtoegang) to a case the user is not on, for a limited time.

    Every one lands on the privacy officer's review list until reviewed.
    """

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="break_glass",
        verbose_name=_("case"),
        help_text=_("The case opened."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Who used emergency access."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("For which organisation (the user's membership)."),
    )
    reason = models.TextField(
        _("reason"), max_length=2000, help_text=_("Why access could not wait.")
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    expires_at = models.DateTimeField(_("ends"), help_text=_("When the access ends by itself."))
    reviewed_at = models.DateTimeField(
        _("reviewed"), null=True, blank=True, help_text=_("When the privacy officer reviewed it.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
        help_text=_("The privacy officer who reviewed it."),
    )
    review_finding = models.CharField(
        _("finding"),
        max_length=20,
        blank=True,
        choices=[("justified", _("justified")), ("unjustified", _("not justified"))],
        help_text=_("The privacy officer's finding."),
    )
    review_note = models.TextField(
        _("review note"), max_length=2000, blank=True, help_text=_("What the review found.")
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} / {self.user_id}"


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
