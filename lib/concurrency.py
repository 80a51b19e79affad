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


def require_current(obj: Model, version: int) -> None:
    """Reads ``obj`` afresh and raises StaleEdit when it is no longer at the version the user
    saw.

    Called before any rule about the object's state (an allowed transition, say): a user who
    worked on an outdated page gets the conflict and can see what changed, not an "invalid
    transition" judged against a state they never saw. The version and the state come from
    one read of the row, so a change committed in between cannot slip between the two checks;
    ``update_if_current`` still guards the write itself.
    """
    obj.refresh_from_db()
    if getattr(obj, "version", None) != version:
        raise StaleEdit
