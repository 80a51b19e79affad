"""Press lines of the municipality itself (no case), kept by its lead and mayor's office,
and the mayor's office reading the press lines of its municipality's cases (logged under
the case's subject, never showing the name)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Membership, Role
from audit.models import ProcessingRecord
from support.models import PressLine
from support.tests.builders import municipal_press_line, press_line, support_case
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

LIST = "/perslijnen/"


@pytest.fixture
def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bea Burgemeester")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )


@pytest.fixture
def other_mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet2@test.schakel.example", full_name="Ben Elders")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE
    )


def _form(**values: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "lead": "municipality",
        "core_messages": "Er is onrust in de wijk; de gemeente is in gesprek met bewoners.",
        "valid_until": (today + timedelta(days=14)).isoformat(),
        "agreed_by": "",
        "agreed_on": "",
    }
    data.update(values)
    return data


def english(client, membership: Membership):
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("who", ["lead", "mayor"])
def test_the_lead_and_the_mayors_office_draw_up_and_agree_a_line_of_the_municipality(
    client, world: World, mayor: Membership, who: str
):
    membership = world.lead if who == "lead" else mayor
    english(client, membership)
    assert client.get(f"{LIST}nieuw/").status_code == 200
    assert client.post(f"{LIST}nieuw/", _form()).status_code == 302
    line = PressLine.objects.get()
    assert line.case is None
    assert line.municipality == world.wijkstad
    agreed = _form(agreed_by="Driehoek", agreed_on=timezone.localdate().isoformat(), version=1)
    assert client.post(f"{LIST}{line.pk}/wijzigen/", agreed).status_code == 302
    line.refresh_from_db()
    assert line.agreed_on == timezone.localdate()
    page = client.get(LIST).content.decode()
    assert f"{LIST}{line.pk}/" in page
    assert client.get(f"{LIST}{line.pk}/").status_code == 200


def test_a_municipal_line_is_checked_for_numbers_of_people(client, world: World):
    english(client, world.lead)
    form = _form(
        core_messages="Vijf jongeren zijn aangehouden.",
        agreed_by="Driehoek",
        agreed_on=timezone.localdate().isoformat(),
    )
    response = client.post(f"{LIST}nieuw/", form)
    assert response.status_code == 400
    assert "Vijf jongeren" in response.content.decode()
    assert not PressLine.objects.exists()


def test_bad_input_changes_nothing(client, world: World):
    english(client, world.lead)
    response = client.post(f"{LIST}nieuw/", _form(core_messages="", lead="mayor"))
    assert response.status_code == 400
    assert not PressLine.objects.exists()


def test_partners_directors_and_other_municipalities_are_refused(
    client, world: World, other_mayor: Membership
):
    sign_in(client, world.lead)
    client.post(f"{LIST}nieuw/", _form())
    line = PressLine.objects.get()
    for membership in (world.partner, world.outsider, world.process_director):
        sign_in(client, membership)
        for url in (LIST, f"{LIST}nieuw/", f"{LIST}{line.pk}/", f"{LIST}{line.pk}/wijzigen/"):
            assert client.get(url).status_code == 404, (membership.role, url)
        assert client.post(f"{LIST}nieuw/", _form()).status_code == 404
    # The mayor's office of another municipality has its own list, without this line.
    sign_in(client, other_mayor)
    assert f"{LIST}{line.pk}/" not in client.get(LIST).content.decode()
    for url in (f"{LIST}{line.pk}/", f"{LIST}{line.pk}/wijzigen/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{LIST}{line.pk}/wijzigen/", _form(version=1)).status_code == 404
    assert PressLine.objects.count() == 1


def test_a_case_line_is_not_reached_through_the_municipal_pages(client, world: World):
    line = press_line(world, support_case(world))
    sign_in(client, world.lead)
    assert client.get(f"{LIST}{line.pk}/").status_code == 404


def test_the_mayors_office_reads_the_press_lines_of_its_cases_without_the_name(
    client, world: World, mayor: Membership
):
    case = support_case(world)
    line = press_line(world, case)
    english(client, mayor)
    listing = client.get(LIST).content.decode()
    assert f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/" in listing
    assert case.subject.surname not in listing
    for url in (
        f"/casussen/{case.pk}/ondersteuning/woordvoering/",
        f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert case.subject.surname not in body
        assert "Change the press line" not in body
        assert "Draw up" not in body
    reads = ProcessingRecord.objects.filter(name="support.press.read.mayor_office")
    assert reads.count() == 1
    assert client.get(f"/casussen/{case.pk}/ondersteuning/woordvoering/nieuw/").status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/press-lines").status_code == 200


def test_the_mayors_office_of_another_municipality_reads_no_case_line(
    client, world: World, other_mayor: Membership
):
    case = support_case(world)
    line = press_line(world, case)
    sign_in(client, other_mayor)
    detail = f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/"
    assert client.get(detail).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/press-lines").status_code == 404
    assert str(case.pk) not in client.get(LIST).content.decode().split("case-heading")[1]


def test_the_mayors_dashboard_counts_and_links_a_draft_of_the_municipality(
    client, world: World, mayor: Membership
):
    line = municipal_press_line(world)
    english(client, mayor)
    body = client.get("/burgemeester/").content.decode()
    assert "1 press line awaits agreement" in body
    assert f'href="{LIST}{line.pk}/"' in body
