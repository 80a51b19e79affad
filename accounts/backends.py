"""Password login by e-mail address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accounts.login_names import normalise_login_name
from accounts.models import User


def account_can_log_in(user: User) -> bool:
    """Active accounts only; demo accounts only while demo mode is on."""
    if not user.is_active:
        return False
    return not user.is_demo or settings.DEMO_MODE


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or not password:
            return None
        user = User.objects.filter(email__iexact=normalise_login_name(username)).first()
        if user is None:
            # Spend the same time as a real check, so timing does not reveal accounts.
            User().set_password(password)
            return None
        if not user.check_password(password):
            return None
        return user if account_can_log_in(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        return isinstance(user, User) and account_can_log_in(user)

    def get_user(self, user_id: int) -> User | None:
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and account_can_log_in(user) else None
