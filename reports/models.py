"""The council report (raadsinformatie, issue 7): published figures only, never raw counts.

A report keeps what was published — the suppressed figures as ``reports.suppression``
made them — so that the page, the PDF and the CSV of a report show the same thing every
time, even after retention has destroyed the signals and cases it counted.

Besides the tables a report carries texts (issue 14, point 8): the lead's text in outline
("op hoofdlijnen") and one explanation per partner organisation, each with its author. They
can be written while the report is a draft; the report becomes final only when the
name-and-number check finds nothing in them, or a reason to go ahead is recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation


class Classification(models.TextChoices):
    PUBLIC = "public", _("public")
    # Gemeentewet art. 25: the council may impose secrecy on what is shared in a closed
    # session; the PDF says so on every page.
    SECRET = "secret", _("secret (Gemeentewet art. 25, closed session)")


class Channel(models.TextChoices):
    COUNCIL_LETTER = "council_letter", _("letter to the council")
    CLOSED_SESSION = "closed_session", _("closed session of the council")
    OTHER = "other", _("other")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    # Final: the texts can no longer change; this is what the council receives.
    FINAL = "final", _("final")


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
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        help_text=_("A draft until it is made final; its texts change only while a draft."),
    )
    finalised_at = models.DateTimeField(
        _("made final at"), null=True, blank=True, help_text=_("When the report was made final.")
    )
    finalised_by_name = models.CharField(
        _("made final by"),
        max_length=200,
        blank=True,
        help_text=_("Who made the report final (the name at the time)."),
    )
    contributors = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("invited organisations"),
        help_text=_(
            "Organisations on the team of a case of the municipality during the period, when "
            "the report was made: their partners may write an explanation."
        ),
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


class TextKind(models.TextChoices):
    OUTLINE = "outline", _("in outline")
    PARTNER = "partner", _("explanation of a partner")


class CouncilText(models.Model):
    """A text of a council report: the lead's text in outline (one per report) or the
    explanation of one partner organisation (one per organisation).

    The texts go to the council, so by design they name no one: before the report is made
    final each is checked for names of the municipality's persons and numbers of people
    (reports.texts). ``findings`` keeps what the check found when the text was saved (words
    of the text itself); the check runs again when the report is made final.
    """

    report = models.ForeignKey(
        CouncilReport,
        on_delete=models.CASCADE,
        related_name="texts",
        verbose_name=_("council report"),
        help_text=_("The report the text belongs to."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=TextKind.choices,
        help_text=_("The lead's text in outline, or a partner's explanation."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Whose explanation this is; empty for the text in outline."),
    )
    text = models.TextField(
        _("text"),
        max_length=4000,
        help_text=_("What the council reads. Never names or numbers of individual cases."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
        help_text=_("Who last wrote the text: its author."),
    )
    written_by_name = models.CharField(
        _("written by (name)"),
        max_length=200,
        help_text=_("The author's name at the time, kept for history."),
    )
    written_at = models.DateTimeField(_("written at"), help_text=_("When the text was last saved."))
    findings = models.JSONField(
        _("findings of the check"),
        default=list,
        blank=True,
        help_text=_(
            "What the name-and-number check found in the text when it was saved: a list of "
            "kind and the words as written."
        ),
    )
    despite_check = models.TextField(
        _("reason to publish despite the check"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Why the text may go to the council although the check found names or numbers of "
            "people in it; empty when the check found nothing. Cleared when the text changes."
        ),
    )
    despite_check_by_name = models.CharField(
        _("reason recorded by"),
        max_length=200,
        blank=True,
        help_text=_("Who recorded the reason (the name at the time)."),
    )
    despite_check_at = models.DateTimeField(
        _("reason recorded at"), null=True, blank=True, help_text=_("When the reason was recorded.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every change (optimistic locking).")
    )

    class Meta:
        ordering = ["kind", "organisation__name", "id"]
        verbose_name = _("council report text")
        verbose_name_plural = _("council report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(kind="outline"),
                name="council_text_one_outline",
            ),
            models.UniqueConstraint(
                fields=["report", "organisation"],
                condition=Q(kind="partner"),
                name="council_text_one_per_organisation",
            ),
            models.CheckConstraint(
                condition=(Q(kind="outline", organisation__isnull=True))
                | (Q(kind="partner", organisation__isnull=False)),
                name="council_text_kind_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.kind} {self.organisation_id or ''}".strip()

    def found_words(self) -> str:
        """What the check found when the text was saved, quoted: “Oefenberg”, “drie jongeren”."""
        return ", ".join(f"“{finding.get('found', '')}”" for finding in self.findings)

    @property
    def blocks_finalising(self) -> bool:
        return bool(self.findings) and not self.despite_check
