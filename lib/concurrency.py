"""Optimistic locking: the one exception every service raises for an outdated version."""


class StaleEdit(Exception):  # noqa: N818 - it names the situation the user must resolve
    """Someone else changed the object since the user opened it; nothing was written."""
