"""Login in two steps (password, then TOTP), enrolment, logout and choosing a role."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import CodeForm, LoginForm, MembershipChoiceForm
from accounts.models import Membership, User
from accounts.session import (
    SESSION_AUTH_AT,
    SESSION_DEMO_SKIP,
    SESSION_NEXT_MEMBERSHIP,
    SESSION_SEEN_AT,
    activate_membership,
    active_membership,
    crosses_duty_line,
    default_membership,
    is_fully_authenticated,
)
from accounts.signals import second_factor_verified
from lib.access_rules import authenticated, public, second_factor

NEXT_SESSION_KEY = "schakel_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _demo_accounts() -> list[User]:
    if not settings.DEMO_MODE:
        return []
    return list(User.objects.filter(is_demo=True, is_active=True).order_by("email"))


def _finish_login(request: HttpRequest) -> HttpResponseRedirect:
    """The session is fully authenticated: choose the role and go where the user wanted."""
    user = request.user
    assert isinstance(user, User)
    preferred = request.session.pop(SESSION_NEXT_MEMBERSHIP, None)
    activate_membership(request, default_membership(user, preferred_id=preferred))
    target = _safe_next(request, request.session.pop(NEXT_SESSION_KEY, None))
    return redirect(target)


@public(why="the login form itself")
@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if is_fully_authenticated(request):
        return redirect("portal:start")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            next_url = request.POST.get("next") or request.GET.get("next")
            login(request, user)  # rotates the session key
            now = timezone.now().timestamp()
            request.session[SESSION_AUTH_AT] = now
            request.session[SESSION_SEEN_AT] = now
            request.session[NEXT_SESSION_KEY] = next_url
            if settings.DEMO_MODE and user.is_demo:
                request.session[SESSION_DEMO_SKIP] = True
                return _finish_login(request)
            return redirect("accounts:second_factor")
        form.add_error(None, _("The e-mail address or password is not correct."))
    context = {
        "form": form,
        "next": request.GET.get("next", ""),
        "demo_accounts": _demo_accounts(),
        "oidc_enabled": settings.OIDC_ENABLED,
    }
    return render(request, "accounts/login.html", context, status=400 if form.errors else 200)


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _record_failed_code(request: HttpRequest, user: User) -> bool:
    """Counts a wrong code like a wrong password (django-axes); True when now locked out."""
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.email, "step": "totp"},
        request=request,
    )
    return bool(getattr(request, "axes_locked_out", False))


def _verify_code(request: HttpRequest, device: TOTPDevice, form: CodeForm) -> bool:
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("Too many attempts. Wait a moment and try again."))
        return False
    if device.verify_token(form.cleaned_data["code"]):
        return True
    form.add_error("code", _("This code is not correct or has expired."))
    return False


def _complete_second_factor(request: HttpRequest, device: TOTPDevice) -> HttpResponseRedirect:
    otp_login(request, device)
    request.session.cycle_key()
    second_factor_verified.send(sender=__name__, request=request, user=request.user)
    return _finish_login(request)


def _locked_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "accounts/locked_out.html", status=429)


@second_factor
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_view(request: HttpRequest) -> HttpResponse:
    if is_fully_authenticated(request):
        return redirect("portal:start")
    user = request.user
    assert isinstance(user, User)
    device = _confirmed_device(user)
    if device is None:
        return redirect("accounts:enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _verify_code(request, device, form):
            return _complete_second_factor(request, device)
        if _record_failed_code(request, user):
            return _locked_out(request)
    status = 400 if form.errors else 200
    return render(request, "accounts/second_factor.html", {"form": form}, status=status)


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Generated by qrcode from path data only; it contains no user input.
    return str(image.to_string(encoding="unicode"))


def _enrolment_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Schakel", confirmed=False)
    return device


def _base32_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@second_factor
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if _confirmed_device(user) is not None:
        return redirect("accounts:second_factor")
    device = _enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _verify_code(request, device, form):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, _("Your authenticator app is linked."))
            return _complete_second_factor(request, device)
        if _record_failed_code(request, user):
            return _locked_out(request)
    context: dict[str, Any] = {
        "form": form,
        "qr_svg": mark_safe(_qr_svg(device)),  # noqa: S308 - generated SVG, no user input
        "secret": _base32_secret(device),
    }
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


@second_factor
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)  # flushes the session: its key is deleted from the session store
    messages.info(request, _("You have been logged out."))
    return redirect("accounts:login")


@authenticated
@require_POST
def choose_membership_view(request: HttpRequest) -> HttpResponse:
    form = MembershipChoiceForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your own roles."))
        return redirect("portal:start")
    chosen = form.cleaned_data["membership"]
    if crosses_duty_line(active_membership(request), chosen):
        return _log_in_again_as(request, chosen)
    activate_membership(request, chosen)
    messages.success(request, _("You now work as: %(role)s") % {"role": chosen})
    return redirect("portal:start")


def _log_in_again_as(request: HttpRequest, chosen: Membership) -> HttpResponse:
    """Administration and content work never share a session: the switch ends this one, and
    the next login starts in the chosen role."""
    logout(request)  # flushes the session, and with it the active membership
    request.session[SESSION_NEXT_MEMBERSHIP] = chosen.pk
    messages.info(
        request,
        _(
            "Administration and work with personal data are never done in one session. "
            "Log in again to work as: %(role)s"
        )
        % {"role": chosen},
    )
    return redirect("accounts:login")


def locked_out(request: HttpRequest, original_response: Any, credentials: Any) -> HttpResponse:
    """Called by django-axes when a username + address pair is locked."""
    if request.user.is_authenticated:
        logout(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
