"""The mayor's office is alerted when a case of its municipality departs, returns or dies
(issue 14): in the app and by a content-free e-mail; stronger for a minor and for several
members of one family in that situation (a count of recorded family relations, no score)."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.models import Membership, Role
from cases.models import Case
from cases.services import case_change_situation
from cases.tests.test_cases import open_case
from network.models import NetworkPerson, RelationKind
from network.services import ensure_subject_node
from network.situation_alerts import ALERT_SITUATIONS
from network.tests.builders import add_person, tie
from persons.models import Subject
from tasks.models import Notification, NotificationKind
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in


@pytest.fixture
def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bea Burgemeester")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )
    return membership


def adult_case(world: World) -> Case:
    case = open_case(world)
    Subject.objects.filter(pk=case.subject_id).update(birth_year=date.today().year - 30)
    case.refresh_from_db()
    return case


def move(world: World, case: Case, to: str) -> Case:
    case.refresh_from_db()
    return case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=to,
        reason="Bericht van de politie.",
        version=case.version,
        return_motive="unknown" if to == "returned" else "",
    )


def alerts() -> list[Notification]:
    return list(Notification.objects.filter(kind=NotificationKind.SITUATION_ALERT).order_by("pk"))


def test_the_situations_that_alert(world: World):
    assert {"departed", "returned", "deceased", "reported_deceased"} <= set(ALERT_SITUATIONS)


def test_a_departure_alerts_the_mayors_office_of_the_municipality_only(
    world: World, mayor: Membership, django_capture_on_commit_callbacks
):
    MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE)
    case = adult_case(world)
    with django_capture_on_commit_callbacks(execute=True):
        move(world, case, "departed")

    found = alerts()
    assert [n.recipient_id for n in found] == [mayor.user_id]
    assert found[0].params["situation"] == "departed"
    assert found[0].url == "/burgemeester/"
    assert len(mail.outbox) == 1
    body = f"{mail.outbox[0].subject} {mail.outbox[0].body}"
    assert case.subject.surname not in body
    assert str(case.pk) not in mail.outbox[0].subject


def test_a_change_to_concern_or_detained_does_not_alert(world: World, mayor: Membership):
    case = adult_case(world)
    move(world, case, "detained")
    assert alerts() == []


def test_the_line_has_no_name_and_a_minor_is_urgent(
    client: Client, world: World, mayor: Membership
):
    case = open_case(world)
    Subject.objects.filter(pk=case.subject_id).update(birth_year=date.today().year - 15)
    move(world, case, "departed")
    sign_in(client, mayor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/berichten/")

    html = response.content.decode()
    assert "a case of a minor in your municipality: situation changed to departed" in html
    assert "schakel-urgent" in html
    assert case.subject.surname not in html
    assert f"/casussen/{case.pk}/" not in html


def test_an_adult_alone_gets_the_ordinary_alert(client: Client, world: World, mayor: Membership):
    case = adult_case(world)
    move(world, case, "departed")
    sign_in(client, mayor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get("/berichten/").content.decode()

    assert "A case in your municipality: situation changed to departed" in html
    assert "schakel-urgent" not in html


def test_two_members_of_one_family_in_the_situation_make_the_alert_urgent(
    client: Client, world: World, mayor: Membership
):
    brother = adult_case(world)
    sister = adult_case(world)
    centre = ensure_subject_node(case=brother, user=world.lead.user, actor=world.actor(world.lead))
    node = add_person(world, brother, "Zus")
    NetworkPerson.objects.filter(pk=node.pk).update(
        subject=sister.subject, subject_link_reason="Zelfde persoon, BRP bevestigd."
    )
    tie(world, brother, centre, node, RelationKind.SIBLING)
    move(world, sister, "departed")
    assert not alerts()[0].params.get("family", 0) > 1  # only she has departed yet

    move(world, brother, "departed")

    latest = alerts()[-1]
    assert latest.params["family"] == 2
    sign_in(client, mayor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/berichten/").content.decode()
    assert "2 members of one family are in this situation" in html


def test_a_non_family_relation_does_not_count(world: World, mayor: Membership):
    one = adult_case(world)
    other = adult_case(world)
    centre = ensure_subject_node(case=one, user=world.lead.user, actor=world.actor(world.lead))
    node = add_person(world, one, "Vriend")
    NetworkPerson.objects.filter(pk=node.pk).update(
        subject=other.subject, subject_link_reason="Zelfde persoon."
    )
    tie(world, one, centre, node, RelationKind.FRIEND)
    move(world, other, "departed")
    move(world, one, "departed")
    assert [n.params["family"] for n in alerts()] == [1, 1]


def test_the_lead_who_is_also_the_mayors_office_sees_the_case_link(
    client: Client, world: World, mayor: Membership
):
    case = adult_case(world)
    lead_too = MembershipFactory.create(
        user=world.lead.user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )
    move(world, case, "departed")
    assert {n.recipient_id for n in alerts()} == {mayor.user_id, lead_too.user_id}
    sign_in(client, world.lead)
    html = client.get("/berichten/").content.decode()
    assert f'href="/casussen/{case.pk}/"' in html
