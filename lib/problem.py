"""RFC 9457 problem details for the API, Dutch titles, no internals."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIX)


def _default_title(status_code: int) -> str:
    titles = {
        400: _("The request is not valid."),
        401: _("You are not logged in."),
        403: _("This is not allowed."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("This response format is not available."),
        409: _("The object was changed by someone else in the meantime."),
        415: _("This content type is not supported."),
        429: _("Too many requests; try again later."),
        500: _("Something went wrong on our side."),
        503: _("The service is temporarily unavailable."),
    }
    return titles.get(status_code, _("The request could not be handled."))


def problem_body(
    *, status: int, title: str | None = None, detail: str | None = None, instance: str = ""
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _default_title(status),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    return body


def problem_response(
    *, status: int, title: str | None = None, detail: str | None = None, instance: str = ""
) -> HttpResponse:
    return JsonResponse(
        problem_body(status=status, title=title, detail=detail, instance=instance),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flattens DRF's validation errors into RFC 9457 style ``invalid_params``."""
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        for item in detail:
            params.extend(_invalid_params(item, prefix))
    else:
        params.append({"name": prefix or "non_field_errors", "reason": str(detail)})
    return params


class ConflictWithState(exceptions.APIException):
    """409: someone else changed the object since the version the caller gave; nothing was
    saved. ``state`` (the current version, the object as it is now, the changes since) is
    added to the problem body beside ``detail``, so the caller can decide without another
    request."""

    status_code = 409
    default_code = "conflict"

    def __init__(self, detail: str, **state: Any) -> None:
        super().__init__(detail)
        self.state = state


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Exceptions DRF does not know (such as audit.services.AuditUnavailable) return None
    # here, so DRF re-raises them to the middleware that answers them.
    request = context.get("request")
    instance = request.path if request is not None else ""
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = problem_body(status=response.status_code, instance=instance)
    if isinstance(exc, exceptions.ValidationError):
        body["detail"] = _("One or more fields are not valid.")
        body["invalid_params"] = _invalid_params(exc.detail)
    elif isinstance(exc, exceptions.ParseError):
        # The one parser (lib.parsers) says in its own words what is wrong with the body.
        body["detail"] = str(exc.detail)
    elif isinstance(exc, ConflictWithState):
        body["detail"] = str(exc.detail)
        body.update(exc.state)
    elif isinstance(exc, exceptions.APIException) and response.status_code >= 500:
        body["detail"] = str(exc.detail)
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
