"""Measures (issue 5): a catalogue of measure types, and the interventions taken in a case.

The catalogue is data the administrator keeps (not code): legal figures change, and a
municipality must be able to check them against the law text and say so. Interventions
follow the transition table of measures.workflow; their clocks (end, renewal, appeal
terms, review) become tasks.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cases.models import Case
from measures.workflow import InterventionState, Regime


class MeasureType(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A stable short name, e.g. twbmt-area-ban."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("As shown to users."))
    regime = models.CharField(_("regime"), max_length=20, choices=Regime.choices)
    description = models.TextField(
        _("description"), max_length=2000, blank=True, help_text=_("What the measure does.")
    )
    competent_authority = models.CharField(
        _("competent authority"),
        max_length=200,
        help_text=_("Who decides, e.g. the mayor, the minister, the juvenile court."),
    )
    mayor_decides = models.BooleanField(
        _("the mayor decides"),
        default=False,
        help_text=_("Shown on the mayor's list of measures to decide."),
    )
    default_duration_months = models.PositiveIntegerField(
        _("default duration (months)"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )
    renewal_step_months = models.PositiveIntegerField(
        _("renewal step (months)"),
        null=True,
        blank=True,
        help_text=_("How long one renewal lasts; empty: cannot be renewed."),
    )
    maximum_total_months = models.PositiveIntegerField(
        _("maximum total (months)"),
        null=True,
        blank=True,
        help_text=_("The longest the measure may last with all renewals; empty: no maximum."),
    )
    consent_required = models.BooleanField(
        _("consent required"),
        default=False,
        help_text=_("Only with the person's (or the parents') consent, e.g. voluntary care."),
    )
    appeal_route = models.CharField(
        _("legal remedies"),
        max_length=300,
        blank=True,
        help_text=_("E.g. objection to the mayor, then appeal to the district court."),
    )
    appeal_term_days = models.PositiveIntegerField(
        _("term for objection or appeal (days)"),
        null=True,
        blank=True,
        help_text=_("Usually 42 days (six weeks) under the General Administrative Law Act."),
    )
    objection_phase = models.BooleanField(
        _("objection before appeal"),
        default=True,
        help_text=_(
            "Objection (bezwaar) comes first and appeal after the decision on it; off when the "
            "law goes straight to the court, as the Twbmt and the juvenile court do."
        ),
    )
    legal_source = models.CharField(
        _("legal source"), max_length=300, help_text=_("The article of law the measure rests on.")
    )
    law_expires_on = models.DateField(
        _("law in force until"),
        null=True,
        blank=True,
        help_text=_("For a temporary law: the day it lapses. The app warns past it."),
    )
    figures_checked = models.BooleanField(
        _("figures checked against the law text"),
        default=False,
        help_text=_("Someone compared the durations and terms with the current law text."),
    )
    figures_checked_on = models.DateField(
        _("checked on"), null=True, blank=True, help_text=_("When the figures were checked.")
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Types no longer in use stay for history.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["regime", "name"]
        verbose_name = _("measure type")
        verbose_name_plural = _("measure types")
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum_total_months__isnull=True)
                | Q(default_duration_months__isnull=True)
                | Q(maximum_total_months__gte=F("default_duration_months")),
                name="maximum_not_below_default",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Intervention(models.Model):
    """A measure taken (or proposed) in a case."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="interventions",
        verbose_name=_("case"),
        help_text=_("The case."),
    )
    measure_type = models.ForeignKey(
        MeasureType,
        on_delete=models.PROTECT,
        related_name="interventions",
        verbose_name=_("measure"),
        help_text=_("The kind of measure."),
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
        help_text=_("The organisation that prepares and follows the measure."),
    )
    competent_authority = models.CharField(
        _("competent authority"), max_length=200, help_text=_("Who decides in this case.")
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=300, help_text=_("The article the decision rests on.")
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=InterventionState.choices,
        default=InterventionState.PROPOSED,
    )
    start_on = models.DateField(_("start"), null=True, blank=True, help_text=_("First day."))
    end_on = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Last day, including renewals so far.")
    )
    review_on = models.DateField(
        _("review"), null=True, blank=True, help_text=_("When the measure is looked at again.")
    )
    note = models.CharField(_("note"), max_length=1000, blank=True, help_text=_("Context."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
        help_text=_("Who proposed the measure."),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["case", "created_at", "id"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=F("start_on")),
                name="intervention_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["state", "end_on"])]

    def __str__(self) -> str:
        return f"{self.measure_type} ({self.get_state_display()})"


class InterventionEvent(models.Model):
    """The history of an intervention: each step with its reason. Appended, never edited."""

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("intervention"),
        help_text=_("The intervention."),
    )
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20)
    end_on = models.DateField(
        _("end after the step"), null=True, blank=True, help_text=_("The end date it set.")
    )
    reason = models.TextField(_("reason"), max_length=2000, help_text=_("Why."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Who took the step."),
    )
    actor_name = models.CharField(
        _("by (name)"), max_length=200, help_text=_("The name at the time, kept for history.")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["intervention", "at", "id"]
        verbose_name = _("intervention event")
        verbose_name_plural = _("intervention events")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("The history of an intervention is append-only.")
        super().save(*args, **kwargs)


class LegalRemedy(models.Model):
    """A legal remedy against a decision, with its deadline (zienswijze, objection, appeal,
    interim relief)."""

    class Kind(models.TextChoices):
        VIEW = "view", _("view on the intended decision (zienswijze)")
        OBJECTION = "objection", _("objection (bezwaar)")
        APPEAL = "appeal", _("appeal (beroep)")
        INTERIM_RELIEF = "interim_relief", _("interim relief (voorlopige voorziening)")

    class Outcome(models.TextChoices):
        OPEN = "open", _("term running")
        NOT_USED = "not_used", _("not used")
        PENDING = "pending", _("lodged, pending")
        UPHELD = "upheld", _("upheld")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="remedies",
        verbose_name=_("intervention"),
        help_text=_("The intervention whose decision is contested."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    term_starts_on = models.DateField(
        _("term starts"), help_text=_("Usually the day after the decision was sent.")
    )
    deadline = models.DateField(_("deadline"), help_text=_("The last day to lodge it."))
    lodged_on = models.DateField(
        _("lodged on"), null=True, blank=True, help_text=_("When it was lodged, if it was.")
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN
    )
    note = models.CharField(_("note"), max_length=1000, blank=True, help_text=_("Context."))
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["intervention", "deadline", "id"]
        verbose_name = _("legal remedy")
        verbose_name_plural = _("legal remedies")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("term_starts_on")), name="remedy_deadline_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.deadline:%Y-%m-%d})"
