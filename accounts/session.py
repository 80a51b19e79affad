"""The logged-in state of a request: fully authenticated or not, and the active membership.

A session login happens in two steps. The password step calls ``login()`` (the user is
authenticated but not verified); only the second factor (TOTP through django-otp) makes the
session *fully authenticated*. Demo mode may skip the second factor for demo accounts, which
is marked in the session.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accounts.models import ApiToken, Membership, Role, User

SESSION_MEMBERSHIP = "schakel_membership_id"
SESSION_DEMO_SKIP = "schakel_demo_second_factor_skipped"
SESSION_AUTH_AT = "schakel_authenticated_at"
SESSION_SEEN_AT = "schakel_seen_at"
# The membership to start in after logging in again for a switch across the line below.
SESSION_NEXT_MEMBERSHIP = "schakel_next_membership"

# Separation of duties: the administrator's role (who manages accounts and roles) and a role
# that sees personal data are never active in one session. Switching across this line means
# logging in again (docs/access.md, "Separation of duties").
ADMINISTRATION_ROLES = frozenset({Role.ADMIN})

# Which membership becomes active at login when a user has several.
ROLE_ORDER = [
    Role.LEAD,
    Role.PROCESS_DIRECTOR,
    Role.PARTNER,
    Role.INTAKE,
    Role.MAYOR_OFFICE,
    Role.PRIVACY_OFFICER,
    Role.ADMIN,
]


def _token(request: Any) -> ApiToken | None:
    token = getattr(request, "auth", None)
    return token if isinstance(token, ApiToken) else None


def is_fully_authenticated(request: Any) -> bool:
    if _token(request) is not None:
        return True
    user = request.user
    if not user.is_authenticated:
        return False
    # django-otp's middleware adds is_verified(); a user object set by login() during this
    # request does not have it yet, and is not verified.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    return bool(
        settings.DEMO_MODE and user.is_demo and request.session.get(SESSION_DEMO_SKIP, False)
    )


def default_membership(user: User, *, preferred_id: object = None) -> Membership | None:
    """The membership a new session starts in: the one asked for before logging in again
    (when it is still the user's own and current), else the first by ROLE_ORDER."""
    memberships = list(user.active_memberships())
    for membership in memberships:
        if membership.pk == preferred_id:
            return membership
    memberships.sort(key=lambda m: (ROLE_ORDER.index(Role(m.role)), m.organisation.name))
    return memberships[0] if memberships else None


def crosses_duty_line(current: Membership | None, chosen: Membership) -> bool:
    """Switching from ``current`` to ``chosen`` would put the administrator's role and a
    content role in one session."""
    if current is None:
        return False
    return (current.role in ADMINISTRATION_ROLES) != (chosen.role in ADMINISTRATION_ROLES)


def active_membership(request: Any) -> Membership | None:
    """The membership the user acts in, or None when not fully authenticated."""
    cached: Membership | None = getattr(request, "_schakel_membership", None)
    if cached is not None:
        return cached
    token = _token(request)
    if token is not None:
        membership: Membership | None = (
            Membership.objects.current()
            .select_related("organisation", "user")
            .filter(pk=token.membership_id)
            .first()
        )
    elif is_fully_authenticated(request):
        membership = (
            request.user.active_memberships()
            .filter(pk=request.session.get(SESSION_MEMBERSHIP))
            .first()
        )
    else:
        membership = None
    request._schakel_membership = membership
    return membership


def activate_membership(request: HttpRequest, membership: Membership | None) -> None:
    request.session[SESSION_MEMBERSHIP] = membership.pk if membership else None
    request._schakel_membership = membership  # type: ignore[attr-defined]
