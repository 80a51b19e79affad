"""Separation of duties in the session: the administrator's role and a content role are never
active in one session. Switching across that line ends the session; the next login starts in
the chosen role."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Role
from accounts.session import SESSION_MEMBERSHIP
from tests.factories import MembershipFactory, totp_device
from tests.personas import World, sign_in

PASSWORD = "correct horse battery"


@pytest.fixture
def admin_and_lead(world: World) -> Membership:
    """The lead of Wijkstad also holds the administrator's role (a small municipality)."""
    return MembershipFactory.create(
        user=world.lead.user, organisation=world.gemeente_wijkstad, role=Role.ADMIN
    )


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def log_in(client: Client, membership: Membership) -> None:
    """The real two steps: password, then the code of the authenticator app."""
    device = TOTPDevice.objects.get(user=membership.user)
    response = client.post("/inloggen/", {"username": membership.user.email, "password": PASSWORD})
    assert response.status_code == 302
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post("/inloggen/code/", {"code": f"{code:06d}"})
    assert response.status_code == 302


def test_switching_from_case_work_to_administration_logs_out(
    client: Client, world: World, admin_and_lead: Membership
):
    sign_in(english(client), world.lead)
    response = client.post("/rol/", {"membership": admin_and_lead.pk}, follow=True)
    assert response.redirect_chain[0] == ("/inloggen/", 302)
    assert "are never done in one session. Log in again" in response.content.decode()
    assert SESSION_MEMBERSHIP not in client.session
    assert client.get("/beheer/")["Location"].startswith("/inloggen/")
    assert client.get("/casussen/")["Location"].startswith("/inloggen/")


def test_the_next_login_starts_in_the_chosen_role(
    client: Client, world: World, admin_and_lead: Membership
):
    sign_in(client, world.lead)
    client.post("/rol/", {"membership": admin_and_lead.pk})
    log_in(client, admin_and_lead)
    assert client.session[SESSION_MEMBERSHIP] == admin_and_lead.pk
    assert client.get("/beheer/").status_code == 200
    assert client.get("/casussen/").status_code == 404


def test_switching_from_administration_to_case_work_logs_out(
    client: Client, world: World, admin_and_lead: Membership
):
    sign_in(client, admin_and_lead)
    response = client.post("/rol/", {"membership": world.lead.pk})
    assert response["Location"] == "/inloggen/"
    assert client.get("/casussen/")["Location"].startswith("/inloggen/")
    log_in(client, world.lead)
    assert client.get("/casussen/").status_code == 200
    assert client.get("/beheer/").status_code == 404


def test_without_a_choice_the_login_starts_in_the_case_work(
    client: Client, world: World, admin_and_lead: Membership
):
    totp_device(world.lead.user)
    log_in(client, world.lead)
    assert client.session[SESSION_MEMBERSHIP] == world.lead.pk


def test_switching_between_content_roles_stays_in_the_session(client: Client, world: World):
    officer = MembershipFactory.create(
        user=world.lead.user, organisation=world.gemeente_wijkstad, role=Role.PRIVACY_OFFICER
    )
    sign_in(client, world.lead)
    response = client.post("/rol/", {"membership": officer.pk})
    assert response["Location"] == "/"
    assert client.session[SESSION_MEMBERSHIP] == officer.pk


def test_a_grant_awaiting_approval_cannot_be_chosen(client: Client, world: World):
    pending = MembershipFactory.create(
        user=world.lead.user,
        organisation=world.gemeente_wijkstad,
        role=Role.PRIVACY_OFFICER,
        status="pending",
        decided_at=None,
    )
    sign_in(client, world.lead)
    client.post("/rol/", {"membership": pending.pk})
    assert client.session[SESSION_MEMBERSHIP] == world.lead.pk
    assert client.get("/privacy/logboek/").status_code == 404
