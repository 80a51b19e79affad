"""Start page per role, own account, accessibility statement and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import MembershipChoiceForm
from accounts.session import active_membership
from lib.access_rules import authenticated, object_gate, public
from lib.problem import is_api_path, problem_response
from portal.gates import get_own_account

START_TEMPLATES = {
    "lead": "portal/start/lead.html",
    "process_director": "portal/start/process_director.html",
    "partner": "portal/start/partner.html",
    "intake": "portal/start/intake.html",
    "mayor_office": "portal/start/mayor_office.html",
    "privacy_officer": "portal/start/privacy_officer.html",
    "admin": "portal/start/admin.html",
}


@authenticated
def start_view(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request)
    template = START_TEMPLATES[membership.role] if membership else "portal/start/no_role.html"
    context = {
        "membership": membership,
        "choice_form": MembershipChoiceForm(
            user=request.user, initial={"membership": membership}
        ),
        "membership_count": request.user.active_memberships().count(),  # type: ignore[union-attr]
    }
    return render(request, template, context)


@object_gate
def account_view(request: HttpRequest) -> HttpResponse:
    user, actor = get_own_account(request, name="portal.account.read")
    context = {
        "account": user,
        "memberships": user.active_memberships(),
        "has_totp": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
    }
    return render(request, "portal/account.html", context)


@public(why="the accessibility statement must be readable by anyone")
def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


# --- Error pages: Dutch, calm, and revealing nothing (no paths, no stack traces). ---


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    if is_api_path(request.path):
        return problem_response(status=status, instance=request.path)
    # The 500 page renders without the request: whatever broke must not break it again.
    context_request = None if status >= 500 else request
    body = loader.render_to_string(template, {"status": status}, context_request)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "400.html")


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "403.html")


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "404.html")


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "500.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403, "403_csrf.html")
