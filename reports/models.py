"""The council report (raadsinformatie, issue 7): published figures only, never raw counts.

A report keeps what was published — the suppressed figures as ``reports.suppression``
made them — so that the page, the PDF and the CSV of a report show the same thing every
time, even after retention has destroyed the signals and cases it counted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality


class Classification(models.TextChoices):
    PUBLIC = "public", _("public")
    # Gemeentewet art. 25: the council may impose secrecy on what is shared in a closed
    # session; the PDF says so on every page.
    SECRET = "secret", _("secret (Gemeentewet art. 25, closed session)")


class Channel(models.TextChoices):
    COUNCIL_LETTER = "council_letter", _("letter to the council")
    CLOSED_SESSION = "closed_session", _("closed session of the council")
    OTHER = "other", _("other")


class CouncilReport(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="council_reports",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose council is informed."),
    )
    period_start = models.DateField(
        _("period start"), help_text=_("First day of the quarter or year the report covers.")
    )
    period_end = models.DateField(
        _("period end"), help_text=_("Last day of the quarter or year the report covers.")
    )
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        help_text=_("Counts below this number were shown as “fewer than” (at least 5)."),
    )
    classification = models.CharField(
        _("classification"),
        max_length=10,
        choices=Classification.choices,
        help_text=_("Public, or secret under Gemeentewet art. 25 for a closed session."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=Channel.choices,
        help_text=_("How the council receives the report."),
    )
    published = models.JSONField(
        _("published figures"),
        help_text=_(
            "The figures as published, after small-cell protection; a hidden figure is "
            "stored without its value."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
        help_text=_("Who generated the report."),
    )
    created_by_name = models.CharField(
        _("made by (name)"), max_length=200, help_text=_("The name at the time, kept for history.")
    )
    created_at = models.DateTimeField(
        _("made at"), auto_now_add=True, help_text=_("When the report was generated.")
    )

    class Meta:
        ordering = ["-period_start", "-created_at", "-id"]
        verbose_name = _("council report")
        verbose_name_plural = _("council reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="council_report_period"
            ),
            models.CheckConstraint(condition=Q(threshold__gte=5), name="council_report_threshold"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period_start} - {self.period_end}"
