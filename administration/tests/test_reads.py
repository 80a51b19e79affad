"""Pages that show people's data log one READ per person shown; other pages log nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
    totp_device,
)
from tests.faults import broken_log, records
from tests.personas import World


def test_the_user_list_logs_one_read_per_user_shown(admin_client: Client, world: World):
    response = admin_client.get("/beheer/gebruikers/")
    assert response.status_code == 200
    logged = records("administration.users.list")
    expected = {pseudonymise(f"user:{pk}") for pk in User.objects.values_list("pk", flat=True)}
    assert {record.subject_pseudonym for record in logged} == expected
    assert len(logged) == len(expected)
    assert {record.operation for record in logged} == {Operation.READ}
    assert {record.actor_id for record in logged} == {world.admin.user_id}
    assert {record.organisation_id for record in logged} == {world.admin.organisation_id}
    assert {record.activity_version.activity.code for record in logged} == {"user-administration"}


def test_a_search_logs_only_the_users_it_shows(admin_client: Client, world: World):
    response = admin_client.get("/beheer/gebruikers/", {"q": "piet"})
    assert world.partner.user.email in response.content.decode()
    assert world.lead.user.email not in response.content.decode()
    [record] = records("administration.users.list")
    assert record.subject_pseudonym == pseudonymise(f"user:{world.partner.user_id}")


def test_a_search_without_results_logs_nothing(admin_client: Client, world: World):
    response = admin_client.get("/beheer/gebruikers/", {"q": "niemand-heet-zo"})
    assert response.status_code == 200
    assert records("administration.users.list") == []


def test_the_list_shows_memberships_demo_flag_and_second_factor(admin_client: Client, world):
    user = UserFactory.create(full_name="Aa Demo", is_demo=True)
    MembershipFactory.create(user=user, organisation=world.police)
    MembershipFactory.create(user=user, organisation=world.safety_house)
    totp_device(user)
    page = admin_client.get("/beheer/gebruikers/").content.decode()
    row = page.split("Aa Demo", 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("</td>")[0] for cell in row.split('<td class="utrecht-table__cell">')[1:]]
    assert cells == [user.email, "yes", "yes", "2", "yes"]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/beheer/gebruikers/{pk}/", "administration.users.detail"),
        ("/beheer/gebruikers/{pk}/bewerken/", "administration.users.edit"),
        ("/beheer/gebruikers/{pk}/wachtwoord/", "administration.users.password"),
    ],
)
def test_a_page_about_one_user_logs_one_read_of_that_user(
    admin_client: Client, world: World, path: str, name: str
):
    pk = world.partner.user_id
    response = admin_client.get(path.format(pk=pk))
    assert response.status_code == 200
    [record] = records(name)
    assert record.operation == Operation.READ
    assert record.subject_pseudonym == pseudonymise(f"user:{pk}")
    assert record.object_type == "user"
    assert record.object_id == str(pk)


def test_a_refused_edit_still_logs_the_read_of_the_page_shown(admin_client: Client, world):
    pk = world.partner.user_id
    response = admin_client.post(
        f"/beheer/gebruikers/{pk}/bewerken/", {"email": "", "full_name": ""}
    )
    assert response.status_code == 400
    [record] = records("administration.users.edit")
    assert record.subject_pseudonym == pseudonymise(f"user:{pk}")


@pytest.mark.parametrize(
    "path", ["/beheer/", "/beheer/regio/", "/beheer/gemeenten/", "/beheer/organisaties/"]
)
def test_pages_without_personal_data_log_nothing(admin_client: Client, world, path):
    admin_client.get(path)
    assert not ProcessingRecord.objects.filter(name__startswith="administration.").exists()


def test_the_user_page_is_refused_when_its_read_cannot_be_logged(admin_client: Client, world):
    with broken_log():
        response = admin_client.get(f"/beheer/gebruikers/{world.partner.user_id}/")
    assert response.status_code == 503
    assert world.partner.user.email not in response.content.decode()


# --- The query count of a list does not grow with its rows. ---


def _queries(client: Client, path: str) -> int:
    """Queries of one request, leaving out the processing records: the log writes one row
    per person shown, by design."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return sum(
        1 for query in context.captured_queries if "audit_processingrecord" not in query["sql"]
    )


def _more_people_and_organisations(world: World, count: int) -> None:
    for _number in range(count):
        MunicipalityFactory.create(region=RegionFactory.create())
        organisation = OrganisationFactory.create(region=world.region)
        membership = MembershipFactory.create(organisation=organisation)
        totp_device(membership.user)


@pytest.mark.parametrize(
    "path",
    ["/beheer/gebruikers/", "/beheer/organisaties/", "/beheer/gemeenten/", "/beheer/regio/"],
)
def test_a_list_costs_the_same_number_of_queries_for_more_rows(
    admin_client: Client, world: World, path: str
):
    _more_people_and_organisations(world, 2)
    few = _queries(admin_client, path)
    _more_people_and_organisations(world, 8)
    assert _queries(admin_client, path) == few


def test_the_user_page_costs_the_same_number_of_queries_for_more_roles(
    admin_client: Client, world: World
):
    path = f"/beheer/gebruikers/{world.partner.user_id}/"
    few = _queries(admin_client, path)
    for _number in range(5):
        MembershipFactory.create(
            user=world.partner.user, organisation=OrganisationFactory.create(region=world.region)
        )
    assert _queries(admin_client, path) == few
