"""Security events (login, second factor, logout, failures, lockout) in the processing log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from accounts.models import User
from accounts.signals import second_factor_verified
from audit.models import Operation, Result
from audit.services import log_processing

ACTIVITY = "security"


def _subject_for_username(username: object) -> str:
    email = str(username or "").strip().lower()
    user = User.objects.filter(email__iexact=email).only("pk").first() if email else None
    # An unknown name is still pseudonymised: the log must not hold attempted addresses.
    return f"user:{user.pk}" if user else f"login-name:{email}"


def on_logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    log_processing(
        activity=ACTIVITY,
        name="accounts.login.password",
        operation=Operation.LOGIN,
        actor_user_id=user.pk,
        subjects=[f"user:{user.pk}"],
    )


def on_second_factor(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    log_processing(
        activity=ACTIVITY,
        name="accounts.login.second_factor",
        operation=Operation.LOGIN,
        actor_user_id=user.pk,
        subjects=[f"user:{user.pk}"],
    )


def on_logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    log_processing(
        activity=ACTIVITY,
        name="accounts.logout",
        operation=Operation.LOGOUT,
        actor_user_id=user.pk,
        subjects=[f"user:{user.pk}"],
    )


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    step = "second_factor" if credentials.get("step") == "totp" else "password"
    log_processing(
        activity=ACTIVITY,
        name=f"accounts.login.{step}",
        operation=Operation.LOGIN_FAILED,
        result=Result.REFUSED,
        subjects=[_subject_for_username(credentials.get("username"))],
    )


def on_locked_out(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    log_processing(
        activity=ACTIVITY,
        name="accounts.lockout",
        operation=Operation.LOCKOUT,
        result=Result.REFUSED,
        subjects=[_subject_for_username(username)],
    )


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="audit.logged_in")
    second_factor_verified.connect(on_second_factor, dispatch_uid="audit.second_factor")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit.locked_out")
