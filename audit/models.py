"""The processing log (logboek dataverwerkingen) and the register of processing activities.

After the Logius standard "Logboek dataverwerkingen": one record per data subject per action.
The log holds no case content: only who did what kind of thing to which object, why (the
versioned register entry) and with what result. Records are append-only (database triggers,
see migration 0002) and hash-chained with a key kept outside the database (``audit.chain``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessingActivity(models.Model):
    """A stable entry of the register (verwerkingsregister); its content lives in versions."""

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Stable identifier used in code.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")

    def __str__(self) -> str:
        return self.code

    def current_version(self) -> ProcessingActivityVersion:
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class ProcessingActivityVersion(models.Model):
    """One version of a register entry. Never changed: a change makes a new version, and
    older processing records keep pointing at the version that was in force."""

    activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("processing activity"),
        help_text=_("The register entry this is a version of."),
    )
    number = models.PositiveIntegerField(_("version"), help_text=_("1 for the first version."))
    name = models.CharField(_("name"), max_length=200, help_text=_("Name of the processing."))
    purpose = models.TextField(_("purpose"), help_text=_("Why the data are processed."))
    legal_basis = models.TextField(
        _("legal basis"), help_text=_("The AVG ground and the law that allow the processing.")
    )
    data_categories = models.TextField(
        _("categories of personal data"), help_text=_("Which kinds of data are processed.")
    )
    retention = models.CharField(
        _("retention"), max_length=300, help_text=_("How long the data are kept, and why.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.CharField(
        _("created by"), max_length=254, help_text=_("Who wrote this version.")
    )

    class Meta:
        ordering = ["activity__code", "-number"]
        verbose_name = _("processing activity version")
        verbose_name_plural = _("processing activity versions")
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="unique_activity_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A register version is immutable; create a new version instead.")
        super().save(*args, **kwargs)


class Operation(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    DELETE = "delete", _("delete")
    DENIED = "denied", _("access denied")
    LOGIN = "login", _("login")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOCKOUT = "lockout", _("account locked")
    LOGOUT = "logout", _("logout")


class Result(models.TextChoices):
    OK = "ok", _("ok")
    REFUSED = "refused", _("refused")
    ERROR = "error", _("error")


class ProcessingRecord(models.Model):
    """One processing of one data subject's data. Append-only; hash-chained by sequence."""

    sequence = models.BigIntegerField(
        _("sequence"), unique=True, help_text=_("Position in the hash chain, without gaps.")
    )
    trace_id = models.CharField(
        _("trace id"), max_length=32, db_index=True, help_text=_("W3C trace id (16 bytes, hex).")
    )
    span_id = models.CharField(_("span id"), max_length=16, help_text=_("Span id (8 bytes, hex)."))
    name = models.CharField(
        _("name"), max_length=120, help_text=_("What happened, e.g. 'accounts.me.read'.")
    )
    operation = models.CharField(_("operation"), max_length=20, choices=Operation.choices)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    started_at = models.DateTimeField(_("start"), help_text=_("UTC, millisecond precision."))
    ended_at = models.DateTimeField(_("end"), help_text=_("UTC, millisecond precision."))
    activity_version = models.ForeignKey(
        ProcessingActivityVersion,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("processing activity"),
        help_text=_("Register version in force: purpose and legal basis."),
    )
    subject_pseudonym = models.CharField(
        _("data subject (pseudonym)"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Keyed HMAC of the subject's reference; empty when there is none."),
    )
    # Actor and organisation are plain ids, not foreign keys: the log must outlive accounts
    # and organisations, and deleting those must never touch it.
    actor_id = models.BigIntegerField(
        _("actor"), null=True, blank=True, db_index=True, help_text=_("User id of who acted.")
    )
    organisation_id = models.BigIntegerField(
        _("organisation"), null=True, blank=True, db_index=True, help_text=_("On whose behalf.")
    )
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    origin = models.CharField(
        _("origin"), max_length=20, help_text=_("web, api, cli or system; plus client address.")
    )
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    record_hash = models.CharField(_("hash"), max_length=64, unique=True)
    key_id = models.CharField(
        _("chain key"),
        max_length=16,
        blank=True,
        default="",
        help_text=_(
            "Public id of the chain key whose HMAC made the hash; empty for records written "
            "before the chain was keyed (plain SHA-256)."
        ),
    )

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("processing record")
        verbose_name_plural = _("processing records")
        indexes = [models.Index(fields=["started_at"], name="audit_record_started_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.name} {self.result}"
