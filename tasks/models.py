"""Notifications: short in-app messages that point at something in Schakel.

A notification never carries case or signal content, only a neutral title and a link; the
link goes through the gate of what it points at. E-mails say even less.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title
