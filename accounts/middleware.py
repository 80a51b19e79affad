"""Session limits: 15 minutes idle, 12 hours absolute (settings can shorten them)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.session import SESSION_AUTH_AT, SESSION_SEEN_AT


def session_expired(request: HttpRequest, now: float) -> bool:
    authenticated_at = request.session.get(SESSION_AUTH_AT)
    seen_at = request.session.get(SESSION_SEEN_AT)
    if authenticated_at is None or seen_at is None:
        return True
    if now - seen_at > settings.SESSION_IDLE_TIMEOUT.total_seconds():
        return True
    return bool(now - authenticated_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds())


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not getattr(request, "auth", None):
            now = timezone.now().timestamp()
            if session_expired(request, now):
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
            else:
                request.session[SESSION_SEEN_AT] = now
        return self.get_response(request)
