"""Gives every request a trace context and refuses actions whose log record failed."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from audit.services import AuditUnavailable
from audit.trace import context_from_header, reset_trace, set_trace
from lib.problem import is_api_path, problem_response


class TraceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = context_from_header(
            request.headers.get("traceparent"),
            origin="api" if is_api_path(request.path) else "web",
            client_address=request.META.get("REMOTE_ADDR") or None,
        )
        token = set_trace(context)
        try:
            response = self.get_response(request)
        finally:
            reset_trace(token)
        response["traceresponse"] = context.traceparent()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AuditUnavailable):
            return None
        # Leave nothing behind of an action that could not be logged: a login whose record
        # failed must not leave a logged-in session, so the session is ended.
        if hasattr(request, "session"):
            request.session.flush()
        return audit_unavailable_response(request)


def audit_unavailable_response(request: HttpRequest) -> HttpResponse:
    if is_api_path(request.path):
        return problem_response(
            status=503,
            title="De handeling kon niet worden vastgelegd en is niet uitgevoerd.",
            instance=request.path,
        )
    response = TemplateResponse(request, "audit/unavailable.html", status=503)
    response.render()
    return response
