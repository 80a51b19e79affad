"""Optimistic locking: the one exception every service raises for an outdated version, and
the one filtered UPDATE that writes a change only on the version the user saw."""

from __future__ import annotations

from django.db.models import F, Model


class StaleEdit(Exception):  # noqa: N818 - it names the situation the user must resolve
    """Someone else changed the object since the user opened it; nothing was written."""


def update_if_current(model: type[Model], pk: int, version: int, **changes: object) -> None:
    """Writes ``changes`` and raises the version, but only on the version the user saw.

    One filtered UPDATE, so two people saving the same version cannot both succeed;
    otherwise StaleEdit and nothing is written.
    """
    updated = model._default_manager.filter(pk=pk, version=version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise StaleEdit


def require_current(model: type[Model], pk: int, version: int) -> None:
    """StaleEdit when the object is no longer at the version the user saw.

    Called before any rule about the object's state (an allowed transition, say): a user who
    worked on an outdated page gets the conflict and can see what changed, not an "invalid
    transition" judged against a state they never saw. ``update_if_current`` still guards the
    write itself against a change between this check and the update.
    """
    current = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()
    if current != version:
        raise StaleEdit
