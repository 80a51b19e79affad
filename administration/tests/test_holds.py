"""A login the administrator changes puts the account's roles on hold until a second person
confirms (separation of duties: the administrator alone never becomes someone else).

Setting a password, resetting the second factor or changing the e-mail address of an account
with a role that opens personal data stops that role (pages 404, API tokens 401) until an
approver of that role confirms, with a note, that the person asked for it. Real database, real
gates, through the administrator's own pages.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import AccountHold, HoldReason, Membership, Role
from accounts.services import account_hold_create, api_token_create
from administration import services
from administration.gates import hold_facts
from cases.tests.test_cases import open_case
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

NEW_PASSWORD = "een nieuw en lang wachtwoord 2026"


def set_password(admin: Client, user_id: int):
    url = reverse("administration:user_password", args=[user_id])
    return admin.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def is_current(membership: Membership) -> bool:
    return Membership.objects.current().filter(pk=membership.pk).exists()


def confirm_url(hold: AccountHold) -> str:
    return reverse("administration:hold_confirm", args=[hold.pk])


@pytest.fixture
def admin(world: World) -> Client:
    client = Client()
    sign_in(client, world.admin)
    return client


def test_a_password_set_by_the_administrator_stops_the_roles_until_confirmed(
    admin: Client, world: World
):
    case = open_case(world)
    _token, plaintext = api_token_create(membership=world.partner, name="koppeling", days=1)
    partner = Client()
    sign_in(partner, world.partner)
    assert partner.get(f"/casussen/{case.pk}/").status_code == 200

    assert set_password(admin, world.partner.user_id).status_code == 302

    [hold] = AccountHold.objects.filter(user_id=world.partner.user_id)
    assert (hold.reason, hold.held_by_id, hold.released_at) == (
        HoldReason.PASSWORD_SET,
        world.admin.user_id,
        None,
    )
    assert not is_current(world.partner)
    # Whoever knows the new password gets nothing of the role: no page, no API.
    assert partner.get(f"/casussen/{case.pk}/").status_code != 200
    api = Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {plaintext}"})
    assert api.status_code == 401

    officer = Client()
    sign_in(officer, world.privacy_officer)
    assert officer.get(reverse("administration:approval_list")).context["holds"] == [hold]
    response = officer.post(confirm_url(hold), {"note": "Teruggebeld op het bekende nummer."})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.released_by_id == world.privacy_officer.user_id
    assert hold.release_note == "Teruggebeld op het bekende nummer."
    assert is_current(world.partner)


def test_a_second_factor_reset_and_an_e_mail_change_hold_too(admin: Client, world: World):
    reset = reverse("administration:user_reset_second_factor", args=[world.lead.user_id])
    assert admin.post(reset).status_code == 302
    edit = reverse("administration:user_edit", args=[world.process_director.user_id])
    user = world.process_director.user
    form = {"email": "ander@test.schakel.example", "full_name": user.full_name, "is_active": "on"}
    assert admin.post(edit, form).status_code == 302

    reasons = dict(AccountHold.objects.values_list("user_id", "reason"))
    assert reasons == {
        world.lead.user_id: HoldReason.SECOND_FACTOR_RESET,
        world.process_director.user_id: HoldReason.EMAIL_CHANGED,
    }
    assert not is_current(world.lead)
    assert not is_current(world.process_director)


def test_a_name_change_or_an_account_without_a_role_is_not_held(admin: Client, world: World):
    edit = reverse("administration:user_edit", args=[world.partner.user_id])
    user = world.partner.user
    form = {"email": user.email, "full_name": "Piet Partner-Jansen", "is_active": "on"}
    assert admin.post(edit, form).status_code == 302
    # Another administrator's account has only the admin role: nothing to guard.
    other_admin = MembershipFactory.create(
        user=UserFactory.create(email="beheer2@test.schakel.example", full_name="Bo Beheer"),
        organisation=world.gemeente_wijkstad,
        role=Role.ADMIN,
    )
    assert set_password(admin, other_admin.user_id).status_code == 302
    assert not AccountHold.objects.exists()
    assert is_current(world.partner)


def test_the_administrator_and_the_account_holder_cannot_confirm(world: World):
    hold = account_hold_create(
        user=world.partner.user, reason=HoldReason.PASSWORD_SET, held_by_id=world.admin.user_id
    )
    assert hold is not None
    for membership in (world.admin, world.partner, world.lead, world.outsider):
        client = Client()
        sign_in(client, membership)
        response = client.post(confirm_url(hold), {"note": "Zelf gedaan."})
        assert response.status_code == 404, membership.role
    facts = hold_facts(hold)
    with pytest.raises(ValidationError):
        services.account_hold_release(
            actor=world.actor(world.lead), hold=hold, facts=facts, note="Zelf gedaan."
        )
    hold.refresh_from_db()
    assert hold.released_at is None
    # The database holds it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountHold.objects.filter(pk=hold.pk).update(
            released_by_id=world.admin.user_id, released_at=hold.held_at
        )


def test_a_confirmation_needs_a_note_and_happens_once(world: World):
    hold = account_hold_create(
        user=world.partner.user, reason=HoldReason.PASSWORD_SET, held_by_id=world.admin.user_id
    )
    assert hold is not None
    officer = Client()
    sign_in(officer, world.privacy_officer)
    response = officer.post(confirm_url(hold), {"note": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["note"]
    hold.refresh_from_db()
    assert hold.released_at is None

    assert officer.post(confirm_url(hold), {"note": "Gesproken op kantoor."}).status_code == 302
    again = officer.post(confirm_url(hold), {"note": "Nogmaals."}, follow=True)
    assert again.status_code == 200
    hold.refresh_from_db()
    assert hold.release_note == "Gesproken op kantoor."
