"""The login flow through HTTP: password, TOTP enrolment and verification, lockout, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from tests.factories import totp_device

PASSWORD = "correct horse battery"


def current_code(device: TOTPDevice) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:06d}"


def password_step(client: Client, email: str, password: str = PASSWORD, **extra):
    return client.post("/inloggen/", {"username": email, "password": password}, **extra)


def records(operation: str) -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(operation=operation).order_by("sequence"))


@pytest.fixture
def lead(world):
    return world.lead.user


def test_login_page_is_public_and_dutch(client, db):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    assert 'name="username"' in response.content.decode()


def test_wrong_password_gives_one_generic_message_and_is_logged(client, lead):
    response = password_step(client, lead.email, "wrong password")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    failed = records(Operation.LOGIN_FAILED)
    assert len(failed) == 1
    assert failed[0].subject_pseudonym == pseudonymise(f"user:{lead.pk}")


def test_unknown_address_fails_like_a_wrong_password_and_stores_no_address(client, db):
    response = password_step(client, "nobody@elsewhere.example", "whatever")
    assert response.status_code == 400
    failed = records(Operation.LOGIN_FAILED)
    assert failed[0].subject_pseudonym == pseudonymise("login-name:nobody@elsewhere.example")
    assert "nobody" not in failed[0].subject_pseudonym


def test_malformed_login_input_is_refused_with_a_message(client, db):
    response = client.post("/inloggen/", {"username": "not-an-address", "password": ""})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_first_login_walks_through_enrolment_with_a_qr_code(client, lead):
    response = password_step(client, lead.email)
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/code/"
    response = client.get("/inloggen/code/")
    assert response["Location"] == "/inloggen/koppelen/"
    page = client.get("/inloggen/koppelen/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=lead, confirmed=False)
    response = client.post("/inloggen/koppelen/", {"code": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_password_alone_does_not_open_the_application(client, lead):
    totp_device(lead)
    password_step(client, lead.email)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/code/"
    assert client.get("/api/v1/me").status_code == 401


def test_login_with_a_real_totp_code_rotates_the_session_key(client, lead):
    device = totp_device(lead)
    client.get("/inloggen/")
    password_step(client, lead.email)
    key_after_password = client.session.session_key
    response = client.post("/inloggen/code/", {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.session_key != key_after_password
    assert client.get("/").status_code == 200
    names = [r.name for r in records(Operation.LOGIN)]
    assert names == ["accounts.login.password", "accounts.login.second_factor"]


def test_session_key_changes_at_the_password_step(client, lead):
    client.get("/inloggen/")
    client.session.save()
    before = client.cookies["schakel_session"].value if "schakel_session" in client.cookies else ""
    password_step(client, lead.email)
    assert client.cookies["schakel_session"].value != before


def test_wrong_code_is_refused_and_logged(client, lead):
    totp_device(lead)
    password_step(client, lead.email)
    response = client.post("/inloggen/code/", {"code": "000000"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302
    failed = records(Operation.LOGIN_FAILED)
    assert [r.name for r in failed] == ["accounts.login.second_factor"]


def test_code_that_is_not_six_digits_gets_a_clear_message(client, lead):
    totp_device(lead)
    password_step(client, lead.email)
    response = client.post("/inloggen/code/", {"code": "12ab56"})
    assert response.status_code == 400
    assert "zes cijfers" in response.content.decode() or "six digits" in response.content.decode()


def test_five_failures_lock_the_account_from_that_address_only(client, lead):
    for _ in range(5):
        password_step(client, lead.email, "wrong password", REMOTE_ADDR="198.51.100.7")
    assert len(records(Operation.LOCKOUT)) == 1
    locked = password_step(client, lead.email, REMOTE_ADDR="198.51.100.7")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Every attempt while locked is refused and recorded as well.
    assert len(records(Operation.LOCKOUT)) == 2
    # The real user at their own workstation can still log in.
    other = Client(REMOTE_ADDR="203.0.113.20")
    response = password_step(other, lead.email, REMOTE_ADDR="203.0.113.20")
    assert response.status_code == 302
    assert "_auth_user_id" in other.session


@pytest.mark.parametrize(
    "spellings",
    [
        ["{lower}", "{upper}", "{title}", " {upper} ", "{lower}"],
        ["{upper}"] * 5,
    ],
)
def test_lockout_counts_the_account_not_its_spelling(client, lead, spellings):
    """Five failures in any mix of letter case and spaces lock the account: the right
    password in yet another spelling is refused."""
    forms = {
        "lower": lead.email,
        "upper": lead.email.upper(),
        "title": lead.email.title(),
    }
    for spelling in spellings:
        password_step(client, spelling.format(**forms), "wrong password")
    for attempt in (lead.email.swapcase(), lead.email.upper(), lead.email):
        response = password_step(client, attempt)
        assert response.status_code == 429, attempt
    assert "_auth_user_id" not in client.session


def test_an_address_in_full_width_letters_is_not_a_way_around_the_lock(client, lead):
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in lead.email)
    response = password_step(client, full_width)
    assert response.status_code in {400, 429}
    assert "_auth_user_id" not in client.session


def test_a_differently_spelled_address_logs_in_as_the_same_account(client, lead):
    assert password_step(client, f"  {lead.email.upper()} ").status_code == 302
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_lock_lifts_after_the_cool_off(client, lead):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            password_step(client, lead.email, "wrong password")
        assert password_step(client, lead.email).status_code == 429
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert password_step(client, lead.email).status_code == 302


def test_logout_kills_the_session_and_is_logged(client, lead):
    device = totp_device(lead)
    password_step(client, lead.email)
    client.post("/inloggen/code/", {"code": current_code(device)})
    key = client.session.session_key
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302
    assert len(records(Operation.LOGOUT)) == 1


def test_logout_needs_post(client, lead):
    password_step(client, lead.email)
    assert client.get("/uitloggen/").status_code == 405


def _logged_in(client: Client, user) -> None:
    device = totp_device(user)
    password_step(client, user.email)
    client.post("/inloggen/code/", {"code": current_code(device)})


def test_idle_session_ends_after_fifteen_minutes(client, lead):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _logged_in(client, lead)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_active_session_still_ends_after_twelve_hours(client, lead):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _logged_in(client, lead)
    moment = start
    while moment < start + timedelta(hours=11, minutes=50):
        moment += timedelta(minutes=10)
        with time_machine.travel(moment, tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        assert client.get("/").status_code == 302


def test_demo_account_cannot_log_in_outside_demo_mode(client, lead):
    lead.is_demo = True
    lead.save()
    response = password_step(client, lead.email)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@override_settings(DEMO_MODE=True)
def test_demo_mode_lets_demo_accounts_skip_the_code_step(client, lead):
    lead.is_demo = True
    lead.save()
    response = password_step(client, lead.email)
    assert response["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "DEMO" in page.content.decode()


@override_settings(DEMO_MODE=True)
def test_demo_mode_does_not_let_real_accounts_skip_the_code_step(client, lead):
    totp_device(lead)
    response = password_step(client, lead.email)
    assert response["Location"] == "/inloggen/code/"


def test_inactive_account_cannot_log_in(client, lead):
    lead.is_active = False
    lead.save()
    assert password_step(client, lead.email).status_code == 400


def test_next_parameter_never_leaves_the_site(client, lead):
    device = totp_device(lead)
    client.post(
        "/inloggen/",
        {"username": lead.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    response = client.post("/inloggen/code/", {"code": current_code(device)})
    assert response["Location"] == "/"


@override_settings(LOGIN_FAILURES_PER_NETWORK=12)
def test_spraying_from_one_network_locks_that_network(client, lead, world):
    """Two wrong passwords for each of six accounts from addresses of one /24: no account
    reaches its own limit, but the network does at the twelfth failure; the right password
    from that network is refused, while the same account logs in from another network."""
    attempts = [
        (f"gespoten{number}@test.schakel.example", 10 + number * 2 + turn)
        for number in range(6)
        for turn in range(2)
    ]
    statuses = []
    for email, host in attempts:
        address = f"192.0.2.{host}"
        statuses.append(
            password_step(
                Client(REMOTE_ADDR=address), email, "Welkom2026!", REMOTE_ADDR=address
            ).status_code
        )
    # Eleven ordinary wrong passwords; the twelfth locks the network.
    assert statuses == [400] * 11 + [429]
    assert len(records(Operation.LOCKOUT)) == 1

    same_network = Client(REMOTE_ADDR="192.0.2.200")
    locked = password_step(same_network, lead.email, REMOTE_ADDR="192.0.2.200")
    assert locked.status_code == 429
    assert "_auth_user_id" not in same_network.session
    assert len(records(Operation.LOCKOUT)) == 2

    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert password_step(elsewhere, lead.email, REMOTE_ADDR="198.51.100.9").status_code == 302


@override_settings(LOGIN_FAILURES_PER_NETWORK=6)
def test_an_ipv6_network_counts_as_one_range(client, lead):
    for number in range(6):
        address = f"2001:db8:1:1::{number + 1:x}"
        password_step(
            Client(REMOTE_ADDR=address),
            f"x{number}@test.schakel.example",
            "nee",
            REMOTE_ADDR=address,
        )
    assert password_step(client, lead.email, REMOTE_ADDR="2001:db8:1:1:ffff::1").status_code == 429
    assert password_step(client, lead.email, REMOTE_ADDR="2001:db8:1:2::1").status_code == 302


def test_the_network_of_an_address():
    from accounts.lockout import network_of

    assert str(network_of("192.0.2.77")) == "192.0.2.0/24"
    assert str(network_of("::ffff:192.0.2.77")) == "192.0.2.0/24"
    assert str(network_of("2001:db8:1:1:abcd::1")) == "2001:db8:1:1::/64"
    assert network_of("not an address") is None
    assert network_of(None) is None
