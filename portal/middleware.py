"""Response headers that Django and django-csp do not set themselves."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from lib.problem import is_api_path

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if is_api_path(request.path):
            response["API-Version"] = settings.API_VERSION
        # Nothing a user sees may stay in a shared or browser cache: every page and API
        # response is no-store (stricter than "authenticated only"); static files may cache.
        if not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response
