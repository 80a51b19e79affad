"""Signals (meldingen): a worry about a person, from intake to the weighing decision."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation
from meetings.weighing import Outcome, validate_alternatives, validate_criteria
from persons.models import Subject
from signals.workflow import OPEN_STATUSES, Status


class Channel(models.TextChoices):
    PHONE = "phone", _("telephone")
    EMAIL = "email", _("e-mail")
    IN_PERSON = "in_person", _("in person")
    LETTER = "letter", _("letter")
    MEETING = "meeting", _("in a consultation")
    OTHER = "other", _("other")


class ReporterType(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    FAMILY = "family", _("family member")
    CITIZEN = "citizen", _("citizen")
    ANONYMOUS = "anonymous", _("anonymous")
    INTELLIGENCE_NOTICE = "intelligence_notice", _("intelligence notice (AIVD)")


class ConcernType(models.TextChoices):
    # Recorded as the reporter or the intake describes it; never inferred by Schakel.
    JIHADIST = "jihadist", _("jihadist")
    RIGHT_WING = "right_wing", _("right-wing extremist")
    LEFT_WING = "left_wing", _("left-wing extremist")
    ANTI_INSTITUTIONAL = "anti_institutional", _("anti-institutional")
    SINGLE_ISSUE = "single_issue", _("single issue")
    UNCLEAR = "unclear", _("unclear")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")
    ACUTE = "acute", _("acute")


class SignalQuerySet(models.QuerySet["Signal"]):
    def open(self) -> SignalQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Signal(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose lead handles the signal."),
    )
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        related_name="signals",
        null=True,
        blank=True,
        verbose_name=_("subject"),
        help_text=_("The person the signal is about, once identified."),
    )
    received_at = models.DateTimeField(
        _("received at"), help_text=_("When the signal reached the municipality.")
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, help_text=_("How it came in.")
    )
    reporter_type = models.CharField(
        _("reporter"),
        max_length=30,
        choices=ReporterType.choices,
        help_text=_("Who reported; an intelligence notice is restricted metadata."),
    )
    reporting_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reported_signals",
        null=True,
        blank=True,
        verbose_name=_("reporting organisation"),
        help_text=_("The organisation of a professional reporter."),
    )
    description = models.TextField(
        _("description"),
        max_length=5000,
        help_text=_("What was observed, in facts; only what the weighing needs."),
    )
    concern_type = models.CharField(
        _("type of concern"),
        max_length=30,
        choices=ConcernType.choices,
        help_text=_("As described by the reporter or intake; never inferred."),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    police_informed = models.BooleanField(
        _("police unit informed"),
        null=True,
        blank=True,
        help_text=_(
            "Whether the police unit was informed of the signal: always inform your police "
            "unit of suspected or concrete signs of radicalisation. Empty for signals "
            "registered before this was asked."
        ),
    )
    police_informed_at = models.DateTimeField(
        _("police unit informed at"),
        null=True,
        blank=True,
        help_text=_("When the police unit was informed; only when it was."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    verification_deadline = models.DateField(
        _("verify before"), help_text=_("Working-day deadline for verification.")
    )
    retention_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        help_text=_("Set when the signal is not included; destroyed after this date."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_signals",
        verbose_name=_("merged into"),
        help_text=_("The signal this one was merged into."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
        help_text=_("Who registered the signal."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["municipality", "status", "-received_at", "-id"]),
            models.Index(fields=["status", "verification_deadline"]),
        ]
        constraints = [
            # A moment of informing the police only for a signal the police were told of.
            models.CheckConstraint(
                condition=Q(police_informed=True) | Q(police_informed_at__isnull=True),
                name="police_informed_at_only_when_informed",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Signal')} {self.pk}"


class SignalEvent(models.Model):
    """One change in a signal's life. Appended, never edited."""

    signal = models.ForeignKey(
        Signal,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("signal"),
        help_text=_("The signal that changed."),
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
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("reason"), max_length=2000, help_text=_("Why."))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Signal history is append-only.")
        super().save(*args, **kwargs)


class IntelligenceNotice(models.Model):
    """Restricted metadata of an AIVD notice (ambtsbericht): only the lead and the mayor's
    office see it. The notice itself stays in the mayor's secured archive."""

    signal = models.OneToOneField(
        Signal,
        on_delete=models.CASCADE,
        related_name="intelligence_notice",
        verbose_name=_("signal"),
        help_text=_("The signal this notice started."),
    )
    reference = models.CharField(
        _("reference"), max_length=100, help_text=_("The notice's reference number.")
    )
    dated = models.DateField(_("dated"), help_text=_("Date of the notice."))
    verification_note = models.TextField(
        _("mayor's verification note"),
        blank=True,
        max_length=2000,
        help_text=_("How the mayor's office verified the notice (never its content)."),
    )

    class Meta:
        verbose_name = _("intelligence notice")
        verbose_name_plural = _("intelligence notices")

    def __str__(self) -> str:
        return self.reference


class WeighingDecision(models.Model):
    """What a weighing session decided about one signal, with the reasons written out.

    Never edited: a signal that returns to the session (more information gathered, or the
    triangle's answer after an escalation) gets a new decision in that session. No score and
    no ranking: the answers to the criteria come with their evidence and source.
    """

    signal = models.ForeignKey(
        Signal,
        on_delete=models.CASCADE,
        related_name="weighing_decisions",
        verbose_name=_("signal"),
        help_text=_("The signal that was weighed."),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("weighing session"),
        help_text=_("The session that weighed the signal."),
    )
    decided_at = models.DateTimeField(
        _("decided at"), default=timezone.now, help_text=_("When the decision was recorded.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the decision (the lead)."),
    )
    decided_by_name = models.CharField(
        _("recorded by (name)"),
        max_length=200,
        help_text=_("The name at the time, kept for history."),
    )
    criteria = models.JSONField(
        _("criteria"),
        validators=[validate_criteria],
        help_text=_(
            "Per criterion: met, not met or unknown, with the evidence and its source "
            "([{code, answer, evidence, source}])."
        ),
    )
    alternatives = models.JSONField(
        _("alternative explanations considered"),
        validators=[validate_alternatives],
        help_text=_("Codes of the alternative explanations the session considered."),
    )
    alternatives_other = models.TextField(
        _("other explanation"),
        max_length=1000,
        blank=True,
        help_text=_("The other explanation that was considered, if any."),
    )
    proportionality = models.TextField(
        _("proportionality"),
        max_length=4000,
        help_text=_("Why the outcome is in proportion to the concern."),
    )
    subsidiarity = models.TextField(
        _("subsidiarity"),
        max_length=4000,
        help_text=_("Why a lighter way (regular care, no action) does not suffice."),
    )
    reasoning = models.TextField(
        _("judgement"),
        max_length=4000,
        help_text=_("The session's judgement and its reasons, in its own words."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=30,
        choices=Outcome.choices,
        help_text=_("Exactly one outcome of the weighing."),
    )
    review_on = models.DateField(
        _("weigh again on"),
        null=True,
        blank=True,
        help_text=_(
            "Gathering information or escalating: the date (at most three months after the "
            "session) on which the signal returns to the agenda."
        ),
    )
    referral_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred to"),
        help_text=_("Referral to regular care: the organisation that takes over."),
    )
    outcome_note = models.TextField(
        _("note on the outcome"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Referral: what is handed over. Escalation: to whom in the triangle, and when."
        ),
    )
    retention_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        help_text=_(
            "Closing outcomes only: the signal is destroyed after this date. An escalated "
            "signal gets its date when the session records the triangle's answer."
        ),
    )

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("weighing decision")
        verbose_name_plural = _("weighing decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "meeting"], name="one_decision_per_signal_per_meeting"
            )
        ]
        indexes = [models.Index(fields=["signal", "-decided_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.signal} — {self.get_outcome_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A weighing decision is not edited; weigh the signal again.")
        super().save(*args, **kwargs)
