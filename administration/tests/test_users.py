"""User accounts: create, edit, set a password, deactivate, reset the second factor."""

from __future__ import annotations

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.models import Operation
from audit.services import pseudonymise
from tests.factories import totp_device
from tests.faults import broken_log, records
from tests.personas import World, sign_in

STRONG = "lantaarn-paal-fiets-2024"


def test_administrator_creates_a_user_without_a_password(admin_client: Client, world: World):
    data = {"email": " Nieuw.Persoon@Test.Schakel.Example ", "full_name": "Nina Nieuw"}
    response = admin_client.post("/beheer/gebruikers/nieuw/", data)
    user = User.objects.get(full_name="Nina Nieuw")
    assert response.status_code == 302
    assert response["Location"] == f"/beheer/gebruikers/{user.pk}/"
    assert user.email == "nieuw.persoon@test.schakel.example"
    assert not user.has_usable_password()
    [record] = records("administration.users.create")
    assert record.operation == Operation.CREATE
    assert record.subject_pseudonym == pseudonymise(f"user:{user.pk}")
    assert record.actor_id == world.admin.user_id


def test_the_new_user_page_explains_what_happens_without_a_password(admin_client: Client):
    page = admin_client.get("/beheer/gebruikers/nieuw/").content.decode()
    assert "without a password" in page


def test_administrator_creates_a_user_with_an_initial_password(admin_client: Client, world):
    data = {
        "email": "nina@test.schakel.example",
        "full_name": "Nina Nieuw",
        "password1": STRONG,
        "password2": STRONG,
    }
    assert admin_client.post("/beheer/gebruikers/nieuw/", data).status_code == 302
    assert User.objects.get(email="nina@test.schakel.example").check_password(STRONG)


def test_a_weak_initial_password_is_refused(admin_client: Client, world):
    data = {
        "email": "nina@test.schakel.example",
        "full_name": "Nina Nieuw",
        "password1": "12345678",
        "password2": "12345678",
    }
    response = admin_client.post("/beheer/gebruikers/nieuw/", data)
    assert response.status_code == 400
    assert not User.objects.filter(email="nina@test.schakel.example").exists()
    assert records("administration.users.create") == []


def test_two_different_passwords_are_refused(admin_client: Client, world):
    data = {
        "email": "nina@test.schakel.example",
        "full_name": "Nina Nieuw",
        "password1": STRONG,
        "password2": STRONG + "x",
    }
    response = admin_client.post("/beheer/gebruikers/nieuw/", data)
    assert response.status_code == 400
    assert "The two passwords are not the same." in response.content.decode()
    assert not User.objects.filter(email="nina@test.schakel.example").exists()


def test_a_duplicate_email_address_is_refused_whatever_its_case(admin_client: Client, world):
    count = User.objects.count()
    data = {"email": world.lead.user.email.upper(), "full_name": "Dubbel"}
    response = admin_client.post("/beheer/gebruikers/nieuw/", data)
    assert response.status_code == 400
    assert "Another account already uses this e-mail address." in response.content.decode()
    assert User.objects.count() == count


def test_a_malformed_email_address_is_refused(admin_client: Client, world):
    response = admin_client.post(
        "/beheer/gebruikers/nieuw/", {"email": "geen-adres", "full_name": "X"}
    )
    assert response.status_code == 400
    assert "Enter a valid e-mail address" in response.content.decode()


def test_administrator_edits_name_and_address(admin_client: Client, world):
    user = world.partner.user
    data = {"email": "piet@test.schakel.example", "full_name": "Piet Politie", "is_active": "on"}
    response = admin_client.post(f"/beheer/gebruikers/{user.pk}/bewerken/", data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.email, user.full_name, user.is_active) == (data["email"], data["full_name"], True)
    [record] = records("administration.users.update")
    assert record.operation == Operation.UPDATE
    assert record.subject_pseudonym == pseudonymise(f"user:{user.pk}")


def test_editing_to_an_address_of_someone_else_changes_nothing(admin_client: Client, world):
    user = world.partner.user
    data = {"email": world.lead.user.email, "full_name": "Piet Politie", "is_active": "on"}
    response = admin_client.post(f"/beheer/gebruikers/{user.pk}/bewerken/", data)
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.full_name == "Piet Partner"
    assert records("administration.users.update") == []


def test_administrator_cannot_deactivate_their_own_account(admin_client: Client, world):
    user = world.admin.user
    data = {"email": user.email, "full_name": user.full_name}
    response = admin_client.post(f"/beheer/gebruikers/{user.pk}/bewerken/", data)
    assert response.status_code == 400
    assert "You cannot deactivate your own account." in response.content.decode()
    user.refresh_from_db()
    assert user.is_active


def test_administrator_sets_a_password_validated_by_the_password_rules(admin_client: Client, world):
    user = world.partner.user
    url = f"/beheer/gebruikers/{user.pk}/wachtwoord/"
    weak = admin_client.post(url, {"password1": "piet", "password2": "piet"})
    assert weak.status_code == 400
    user.refresh_from_db()
    assert not user.check_password("piet")
    response = admin_client.post(url, {"password1": STRONG, "password2": STRONG})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(STRONG)
    assert len(records("administration.users.set_password")) == 1


def test_deactivated_user_cannot_log_in_and_reactivation_restores_it(admin_client: Client, world):
    user = world.partner.user
    response = admin_client.post(f"/beheer/gebruikers/{user.pk}/deactiveren/")
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    login = Client().post(
        "/inloggen/", {"username": user.email, "password": "correct horse battery"}
    )
    assert login.status_code == 400
    admin_client.post(f"/beheer/gebruikers/{user.pk}/heractiveren/")
    user.refresh_from_db()
    assert user.is_active
    assert len(records("administration.users.deactivate")) == 1
    assert len(records("administration.users.activate")) == 1


def test_deactivating_oneself_is_refused_with_a_message(admin_client: Client, world):
    response = admin_client.post(f"/beheer/gebruikers/{world.admin.user_id}/deactiveren/")
    assert response.status_code == 400
    assert "You cannot deactivate your own account." in response.content.decode()
    world.admin.user.refresh_from_db()
    assert world.admin.user.is_active
    assert records("administration.users.deactivate") == []


def test_resetting_the_second_factor_removes_the_devices(admin_client: Client, world):
    user = world.partner.user
    totp_device(user)
    TOTPDevice.objects.create(user=user, name="half linked", confirmed=False)
    response = admin_client.post(f"/beheer/gebruikers/{user.pk}/tweede-factor-herstellen/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert TOTPDevice.objects.filter(user=world.admin.user).exists()
    [record] = records("administration.users.reset_second_factor")
    assert record.subject_pseudonym == pseudonymise(f"user:{user.pk}")


def test_after_a_reset_the_next_login_walks_through_enrolment(admin_client: Client, world):
    user = world.partner.user
    totp_device(user)
    admin_client.post(f"/beheer/gebruikers/{user.pk}/tweede-factor-herstellen/")
    client = Client()
    client.post("/inloggen/", {"username": user.email, "password": "correct horse battery"})
    response = client.get("/inloggen/code/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/koppelen/"


def test_a_reset_ends_the_verified_state_of_a_running_session(admin_client: Client, world):
    partner_client = Client()
    sign_in(partner_client, world.partner)
    assert partner_client.get("/account/").status_code == 200
    admin_client.post(f"/beheer/gebruikers/{world.partner.user_id}/tweede-factor-herstellen/")
    response = partner_client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_a_user_created_while_the_log_fails_does_not_exist(admin_client: Client, world):
    data = {"email": "nina@test.schakel.example", "full_name": "Nina Nieuw"}
    with broken_log():
        response = admin_client.post("/beheer/gebruikers/nieuw/", data)
    assert response.status_code == 503
    assert not User.objects.filter(email="nina@test.schakel.example").exists()


def test_a_reset_while_the_log_fails_keeps_the_devices(admin_client: Client, world):
    user = world.partner.user
    totp_device(user)
    with broken_log():
        response = admin_client.post(f"/beheer/gebruikers/{user.pk}/tweede-factor-herstellen/")
    assert response.status_code == 503
    assert TOTPDevice.objects.filter(user=user).exists()
