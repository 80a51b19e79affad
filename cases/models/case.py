"""The case, its team, its timeline and emergency access to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation
from cases.models.base import AppendOnly
from cases.workflow import (
    CaseStatus,
    ClosureReason,
    DeathSource,
    ReturnMotive,
    Situation,
    TravelOutcome,
)
from persons.models import Subject
from signals.models import Signal, WeighingDecision


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
    return_motive = models.CharField(
        _("motive for return"),
        max_length=20,
        choices=ReturnMotive.choices,
        blank=True,
        help_text=_("For a change to 'returned': why the person came back, as far as known."),
    )
    return_motive_note = models.TextField(
        _("about the motive"),
        max_length=1000,
        blank=True,
        help_text=_(
            "For a change to 'returned': the motive in a few words. Medical details belong "
            "in an entry of the special category, not here."
        ),
    )
    travel_outcome = models.CharField(
        _("outcome of the intended travel"),
        max_length=20,
        choices=TravelOutcome.choices,
        blank=True,
        help_text=_("For a change away from 'intends to travel': how the intention ended."),
    )
    death_source = models.CharField(
        _("source of the confirmation of death"),
        max_length=20,
        choices=DeathSource.choices,
        blank=True,
        help_text=_(
            "For a change to 'deceased': what confirms the death. An unconfirmed report is "
            "recorded as 'reported deceased, not confirmed'."
        ),
    )
    death_source_note = models.TextField(
        _("about the source"),
        max_length=1000,
        blank=True,
        help_text=_(
            "For a change to 'deceased': which document or who confirmed it, and when. "
            "Required for 'other source'."
        ),
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.kind}: {self.from_value} → {self.to_value}"


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
