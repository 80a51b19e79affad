"""Append-only rows: history that is written once and never changed."""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnly(models.Model):
    """Rows that are written once: history is corrected by a new row, never by an edit."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} is append-only.")
        super().save(*args, **kwargs)
