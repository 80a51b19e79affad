"""Write functions of accounts (keyword-only, typed, atomic)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, Membership

MAX_TOKEN_DAYS = 90


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, membership: Membership, name: str, days: int = 30) -> tuple[ApiToken, str]:
    """Creates a token for one membership; the plaintext is returned once and never stored."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"A token lives 1 to {MAX_TOKEN_DAYS} days.")
    prefix = secrets.token_hex(4)
    plaintext = f"schakel_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        membership=membership,
        name=name,
        prefix=prefix,
        key_hash=hash_token(plaintext),
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
