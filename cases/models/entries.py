"""Case entries by information category, their versions and the grants that share them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access.facts import Category
from accounts.models import Organisation
from cases.models.base import AppendOnly
from cases.models.case import Case
from meetings.models import AgendaItem


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
