"""Roles (memberships) on the user's page: add, end; never deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from access.actor import actor_for_membership
from accounts import services as account_services
from accounts.models import Membership, MembershipStatus
from administration.services import membership_create
from audit.models import Operation
from audit.services import pseudonymise
from tests.factories import MembershipFactory
from tests.faults import records
from tests.personas import World


def add_role(client: Client, world: World, **overrides):
    data = {
        "organisation": world.safety_house.pk,
        "role": "process_director",
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": "",
    }
    data.update(overrides)
    return client.post(f"/beheer/gebruikers/{world.partner.user_id}/rollen/", data)


def test_administrator_adds_a_role_and_it_is_logged(admin_client: Client, world):
    response = add_role(admin_client, world)
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.partner.user, role="process_director")
    assert membership.organisation == world.safety_house
    assert membership.valid_until is None
    [record] = records("administration.memberships.create")
    assert record.operation == Operation.CREATE
    assert record.object_id == str(membership.pk)
    assert record.subject_pseudonym == pseudonymise(f"user:{world.partner.user_id}")


def test_the_new_role_awaits_approval_and_does_not_count_yet(admin_client: Client, world):
    add_role(admin_client, world)
    membership = Membership.objects.get(user=world.partner.user, role="process_director")
    assert membership.status == MembershipStatus.PENDING
    assert (membership.granted_by_id, membership.decided_by_id) == (world.admin.user_id, None)
    assert membership.granted_at is not None
    assert world.partner.user.active_memberships().count() == 1


def test_a_role_ending_before_it_starts_is_refused(admin_client: Client, world):
    today = timezone.localdate()
    yesterday = (today - timedelta(days=1)).isoformat()
    response = add_role(admin_client, world, valid_until=yesterday)
    assert response.status_code == 400
    assert "The last day lies before the first day" in response.content.decode()
    assert not Membership.objects.filter(role="process_director", user=world.partner.user)
    assert records("administration.memberships.create") == []


def test_an_invalid_role_is_refused(admin_client: Client, world):
    response = add_role(admin_client, world, role="superuser")
    assert response.status_code == 400
    assert "Choose one of the roles in the list." in response.content.decode()
    assert Membership.objects.filter(user=world.partner.user).count() == 1


def test_an_unknown_organisation_is_refused(admin_client: Client, world):
    response = add_role(admin_client, world, organisation=987654)
    assert response.status_code == 400
    assert "Choose one of the organisations in the list." in response.content.decode()


def test_a_malformed_date_is_refused(admin_client: Client, world):
    response = add_role(admin_client, world, valid_from="31-02-2025")
    assert response.status_code == 400
    assert Membership.objects.filter(user=world.partner.user).count() == 1


def test_the_same_role_at_the_same_organisation_twice_is_refused(admin_client: Client, world):
    response = add_role(admin_client, world, organisation=world.police.pk, role="partner")
    assert response.status_code == 400
    assert "already has this role at this organisation" in response.content.decode()
    assert Membership.objects.filter(user=world.partner.user).count() == 1


def test_a_role_may_be_given_again_after_it_ended(admin_client: Client, world):
    today = timezone.localdate()
    Membership.objects.filter(pk=world.partner.pk).update(
        valid_from=today - timedelta(days=30), valid_until=today - timedelta(days=1)
    )
    response = add_role(admin_client, world, organisation=world.police.pk, role="partner")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/")
    assert Membership.objects.filter(user=world.partner.user, role="partner").count() == 2


def test_a_lead_role_outside_a_municipality_is_refused(admin_client: Client, world):
    response = add_role(admin_client, world, organisation=world.police.pk, role="lead")
    assert response.status_code == 400
    assert "This role belongs at another kind of organisation" in response.content.decode()
    assert not Membership.objects.filter(user=world.partner.user, role="lead").exists()


def test_a_refused_role_page_still_logs_the_read_of_the_person_shown(admin_client: Client, world):
    add_role(admin_client, world, role="superuser")
    [record] = records("administration.users.detail")
    assert record.subject_pseudonym == pseudonymise(f"user:{world.partner.user_id}")


def test_ending_a_role_keeps_its_row_with_today_as_last_day(admin_client: Client, world):
    response = admin_client.post(f"/beheer/rollen/{world.partner.pk}/beeindigen/")
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert world.partner.valid_until == timezone.localdate()
    assert Membership.objects.filter(pk=world.partner.pk).exists()
    [record] = records("administration.memberships.end")
    assert record.operation == Operation.UPDATE
    assert record.subject_pseudonym == pseudonymise(f"user:{world.partner.user_id}")


def test_an_ended_role_still_counts_today_and_no_longer_tomorrow(admin_client: Client, world):
    admin_client.post(f"/beheer/rollen/{world.partner.pk}/beeindigen/")
    assert world.partner.user.active_memberships().count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert world.partner.user.active_memberships().count() == 0


def test_ending_a_role_that_already_ended_is_refused(admin_client: Client, world):
    last_year = timezone.localdate() - timedelta(days=365)
    ended = MembershipFactory.create(
        user=world.partner.user,
        organisation=world.safety_house,
        role="intake",
        valid_from=last_year,
        valid_until=last_year + timedelta(days=30),
    )
    response = admin_client.post(f"/beheer/rollen/{ended.pk}/beeindigen/")
    assert response.status_code == 400
    assert "This membership has already ended." in response.content.decode()
    ended.refresh_from_db()
    assert ended.valid_until == last_year + timedelta(days=30)
    assert records("administration.memberships.end") == []


def test_a_role_that_has_not_started_cannot_be_ended(admin_client: Client, world):
    next_month = timezone.localdate() + timedelta(days=30)
    future = MembershipFactory.create(
        user=world.partner.user,
        organisation=world.safety_house,
        role="intake",
        valid_from=next_month,
    )
    response = admin_client.post(f"/beheer/rollen/{future.pk}/beeindigen/")
    assert response.status_code == 400
    future.refresh_from_db()
    assert future.valid_until is None


def test_administrator_cannot_end_the_role_they_work_in(admin_client: Client, world):
    response = admin_client.post(f"/beheer/rollen/{world.admin.pk}/beeindigen/")
    assert response.status_code == 400
    assert "You cannot end the membership you are working in now." in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.valid_until is None


def test_the_service_refuses_a_duplicate_role_without_a_form(world):
    with pytest.raises(ValidationError):
        account_services.membership_create(
            user=world.partner.user,
            organisation=world.police,
            role="partner",
            valid_from=timezone.localdate(),
            granted_by_id=world.admin.user_id,
        )


def test_the_user_page_shows_current_and_ended_roles(admin_client: Client, world):
    admin_client.post(f"/beheer/rollen/{world.partner.pk}/beeindigen/")
    add_role(admin_client, world)
    page = admin_client.get(f"/beheer/gebruikers/{world.partner.user_id}/").content.decode()
    assert world.police.name in page
    assert world.safety_house.name in page


@pytest.mark.parametrize(
    ("role", "organisation"), [("partner", "police"), ("lead", "gemeente_wijkstad")]
)
def test_an_administrator_cannot_give_their_own_account_a_role(
    admin_client: Client, world, role: str, organisation: str
):
    """The probe's first finding: the administrator gave itself a partner role and read a case.
    Separation of duties: another administrator must do it."""
    data = {
        "organisation": getattr(world, organisation).pk,
        "role": role,
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": "",
    }
    response = admin_client.post(f"/beheer/gebruikers/{world.admin.user_id}/rollen/", data)
    assert response.status_code == 400
    assert "You cannot give your own account a role" in response.content.decode()
    assert list(world.admin.user.active_memberships()) == [world.admin]
    assert records("administration.memberships.create") == []


def test_another_administrator_may_give_that_account_a_role(world):
    other = MembershipFactory.create(organisation=world.gemeente_wijkstad, role="admin")
    membership = membership_create(
        actor=actor_for_membership(other),
        user=world.admin.user,
        organisation=world.police,
        role="partner",
        valid_from=timezone.localdate(),
        valid_until=None,
    )
    assert membership.user == world.admin.user
