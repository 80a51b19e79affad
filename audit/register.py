"""Filling the register of processing activities from data migrations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def add_first_versions(apps: Any, entries: Iterable[Mapping[str, str]]) -> None:
    """Creates version 1 of each entry that does not exist yet (so it is safe to rerun).

    ``apps`` is the migration's app registry (or the live one, for the test flush).
    """
    activity_model = apps.get_model("audit", "ProcessingActivity")
    version_model = apps.get_model("audit", "ProcessingActivityVersion")
    for entry in entries:
        fields = dict(entry)
        activity, _ = activity_model.objects.get_or_create(code=fields.pop("code"))
        if not version_model.objects.filter(activity=activity).exists():
            version_model.objects.create(
                activity=activity, number=1, created_by="migration", **fields
            )
