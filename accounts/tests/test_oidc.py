"""Optional single sign-on maps to existing users only and never creates roles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from accounts.models import Membership, User

OIDC = {
    "OIDC_RP_CLIENT_ID": "schakel",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


@pytest.fixture
def backend():
    with override_settings(**OIDC):
        from accounts.oidc import ExistingUserOIDCBackend

        yield ExistingUserOIDCBackend()


def test_verified_email_maps_to_the_existing_user(backend, world):
    claims = {"email": world.lead.user.email.upper(), "email_verified": True}
    assert backend.verify_claims(claims)
    assert list(backend.filter_users_by_claims(claims)) == [world.lead.user]


def test_unverified_email_is_refused(backend, world):
    assert not backend.verify_claims({"email": world.lead.user.email, "email_verified": False})
    assert not backend.verify_claims({"email": world.lead.user.email})


def test_unknown_user_is_never_created(backend, world):
    users_before = User.objects.count()
    assert backend.create_user({"email": "nieuw@idp.example", "email_verified": True}) is None
    assert list(backend.filter_users_by_claims({"email": "nieuw@idp.example"})) == []
    assert User.objects.count() == users_before


def test_identity_provider_claims_never_change_roles(backend, world):
    memberships = list(Membership.objects.values_list("pk", "role"))
    claims = {"email": world.partner.user.email, "email_verified": True, "roles": ["admin"]}
    backend.update_user(world.partner.user, claims)
    assert list(Membership.objects.values_list("pk", "role")) == memberships


def test_inactive_user_cannot_sign_on(backend, world):
    world.lead.user.is_active = False
    world.lead.user.save()
    claims = {"email": world.lead.user.email, "email_verified": True}
    assert list(backend.filter_users_by_claims(claims)) == []


def test_with_oidc_switched_on_every_url_still_has_a_rule():
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(OIDC, OIDC_ENABLED="true", SCHAKEL_ENV="development")
    script = (
        "from django.urls import get_resolver\n"
        "from tests.test_url_rules import collect\n"
        "routes = list(collect(get_resolver().url_patterns))\n"
        "missing = [r.path for r in routes if r.rule is None]\n"
        "print(sorted(r.name for r in routes if r.name.startswith('oidc')))\n"
        "print('missing', missing)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "oidc_authentication_callback" in result.stdout
    assert "missing []" in result.stdout
