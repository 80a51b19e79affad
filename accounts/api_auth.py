"""API authentication: a fully authenticated session, or a bearer token of a membership."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from accounts.backends import account_can_log_in
from accounts.models import ApiToken, Membership, User
from accounts.services import hash_token
from accounts.session import is_fully_authenticated


class VerifiedSessionAuthentication(SessionAuthentication):
    """A browser session counts only after the second factor (as in the web interface)."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None or not is_fully_authenticated(request._request):
            return None
        return result


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(f"{self.keyword} "):
            return None
        plaintext = header[len(self.keyword) + 1 :].strip()
        if not plaintext or len(plaintext) > 200:
            raise AuthenticationFailed(_("Invalid token."))
        token = (
            ApiToken.objects.select_related("membership__user")
            .filter(key_hash=hash_token(plaintext))
            .first()
        )
        if token is None or not token.is_usable():
            raise AuthenticationFailed(_("Invalid, expired or revoked token."))
        if not Membership.objects.current().filter(pk=token.membership_id).exists():
            raise AuthenticationFailed(_("The role of this token is no longer valid."))
        user = token.membership.user
        if not account_can_log_in(user):
            raise AuthenticationFailed(_("This account cannot log in."))
        return user, token


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes bearer tokens in the OpenAPI schema."""

    target_class = "accounts.api_auth.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "Schakel API token."}


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """Describes the (second-factor verified) session cookie in the OpenAPI schema."""

    target_class = "accounts.api_auth.VerifiedSessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "schakel_session"}
