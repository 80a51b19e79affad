"""Start page per role, own account, accessibility statement and the error pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.actor import actor_for_membership
from accounts.forms import MembershipChoiceForm
from accounts.models import ApiToken, User
from accounts.services import api_token_create, api_token_revoke, user_set_password
from accounts.session import active_membership
from audit.models import Operation
from audit.services import log_processing
from lib.access_rules import authenticated, object_gate, public
from lib.problem import is_api_path, problem_response
from portal.forms import OwnPasswordForm, TokenForm
from portal.gates import get_own_account, get_own_token
from portal.work_queue import queue_for

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
    # Counts on the actor's own scope, no names: nothing to log (portal.work_queue).
    queue = queue_for(actor_for_membership(membership)) if membership else None
    context = {
        "membership": membership,
        "queue": queue,
        "choice_form": MembershipChoiceForm(user=request.user, initial={"membership": membership}),
        "membership_count": request.user.active_memberships().count(),  # type: ignore[union-attr]
    }
    return render(request, template, context)


def _account_page(
    request: HttpRequest, *, form: TokenForm | None = None, new_token: str = "", status: int = 200
) -> HttpResponse:
    user, _actor = get_own_account(request, name="portal.account.read")
    context = {
        "account": user,
        "memberships": user.active_memberships(),
        "has_totp": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "tokens": ApiToken.objects.filter(membership__user=user).select_related(
            "membership__organisation"
        ),
        "token_form": form or TokenForm(),
        "new_token": new_token,
    }
    return render(request, "portal/account.html", context, status=status)


@object_gate
def account_view(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@object_gate
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    """Creates an API token for the active role and shows its secret once."""
    form = TokenForm(request.POST)
    membership = active_membership(request)
    if membership is None or not form.is_valid():
        return _account_page(request, form=form, status=400)
    with transaction.atomic():
        token, plaintext = api_token_create(
            membership=membership, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        log_processing(
            activity="account",
            name="portal.token.create",
            operation=Operation.CREATE,
            actor=actor_for_membership(membership),
            subjects=[f"user:{membership.user_id}"],
            object_type="api_token",
            object_id=token.pk,
        )
    return _account_page(request, new_token=plaintext)


@object_gate
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token, actor = get_own_token(request, token_id)
    with transaction.atomic():
        api_token_revoke(token=token)
        log_processing(
            activity="account",
            name="portal.token.revoke",
            operation=Operation.UPDATE,
            actor=actor,
            subjects=[f"user:{actor.user_id}"],
            object_type="api_token",
            object_id=token.pk,
        )
    messages.success(request, _("The token has been revoked."))
    return redirect("portal:account")


@object_gate
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    """The user changes their own password; the current one is asked again."""
    user = request.user
    assert isinstance(user, User)  # the access rule let only logged-in users in
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = active_membership(request)
        with transaction.atomic():
            user = user_set_password(user=form.user, password=form.cleaned_data["new_password1"])
            log_processing(
                activity="security",
                name="portal.password.change",
                operation=Operation.UPDATE,
                actor=actor_for_membership(membership) if membership else None,
                actor_user_id=user.pk,
                subjects=[f"user:{user.pk}"],
                object_type="user",
                object_id=user.pk,
            )
        # Keeps this session (with a new key); other sessions of the user end.
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect("portal:account")
    status = 400 if form.errors else 200
    return render(request, "portal/password_change.html", {"form": form}, status=status)


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
