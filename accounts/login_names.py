"""One spelling of a login name, for login, lockout, single sign-on and account creation.

Lockout counts people, not spellings: ``GGZ@…``, ``ggz@…`` and the same in full-width letters are
one account, so they are one counter. The address is normalised the same way everywhere it
is compared: Unicode NFKC, surrounding spaces removed, lower case.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def normalise_login_name(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().lower()


def lockout_username(request: Any, credentials: dict[str, Any] | None) -> str:
    """django-axes' AXES_USERNAME_CALLABLE: the attempted account as one spelling."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "") if hasattr(request, "POST") else ""
    return normalise_login_name(str(raw or ""))
