"""Optional single sign-on: maps an identity provider's verified e-mail to an existing user.

It never creates users and never takes roles from the identity provider: rights come only
from memberships that the functional administrator manages in Schakel. Schakel's own TOTP
step still follows (the session is not verified until it does).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.backends import account_can_log_in
from accounts.login_names import normalise_login_name
from accounts.models import User


class ExistingUserOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = normalise_login_name(str(claims.get("email", "")))
        users = User.objects.filter(email__iexact=email)
        return users.filter(pk__in=[user.pk for user in users if account_can_log_in(user)])

    def create_user(self, claims: dict[str, Any]) -> None:
        return None

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user
