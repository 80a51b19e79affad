"""Who reaches which page of a weighing session: every URL, every persona.

Anonymous visitors log in first; the admin, the privacy officer, an outsider and a lead of
another municipality get 404 (the same as a session that does not exist); a partner sees
the sessions their organisation attends, read-only; the municipality's lead does everything.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Organisation, Role
from meetings.models import AgendaItem, Meeting
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

from .builders import built, new_signal, plan

UrlOf = Callable[[Meeting, AgendaItem], str]

OBJECT_PAGES: dict[str, UrlOf] = {
    "detail": lambda m, i: reverse("meetings:detail", args=[m.pk]),
    "edit": lambda m, i: reverse("meetings:edit", args=[m.pk]),
    "agenda_build": lambda m, i: reverse("meetings:agenda_build", args=[m.pk]),
    "item": lambda m, i: reverse("meetings:item", args=[m.pk, i.pk]),
    "print": lambda m, i: reverse("meetings:print", args=[m.pk]),
}
ALL_PAGES: dict[str, UrlOf] = {
    "list": lambda m, i: reverse("meetings:list"),
    "create": lambda m, i: reverse("meetings:create"),
    **OBJECT_PAGES,
}
# What an attending partner may open (read-only); everything else is the lead's.
PARTNER_PAGES = {"list", "detail", "print"}
POST_ONLY = {"agenda_build"}


def refused(response, page: str, method: str) -> bool:
    """404; a GET of a POST-only page says 405 for every id, which reveals nothing."""
    if method == "get" and page in POST_ONLY:
        return response.status_code == 405
    return response.status_code == 404


@pytest.fixture
def session(world: World) -> tuple[Meeting, AgendaItem]:
    new_signal(world)
    meeting = built(world, plan(world, world.gemeente_wijkstad, world.police))
    return meeting, meeting.agenda_items.get()


def other_lead(world: World) -> Membership:
    user = UserFactory.create(email="lead.polderveen@test.schakel.example")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_polderveen, role=Role.LEAD
    )


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_the_login_page(client: Client, session, page, method):
    response = getattr(client, method)(ALL_PAGES[page](*session))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("persona", ["admin", "privacy_officer", "process_director"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_roles_outside_the_weighing_get_not_found(
    client: Client, world: World, session, page, persona, method
):
    sign_in(client, getattr(world, persona))
    response = getattr(client, method)(ALL_PAGES[page](*session))
    assert refused(response, page, method)


@pytest.mark.parametrize("page", [p for p in ALL_PAGES if p != "list"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_not_found(client: Client, world: World, session, page, method):
    sign_in(client, world.outsider)
    response = getattr(client, method)(ALL_PAGES[page](*session))
    assert refused(response, page, method)


def test_an_outsider_sees_no_session_in_the_list(client: Client, world: World, session):
    sign_in(client, world.outsider)
    response = client.get(reverse("meetings:list"))
    assert response.status_code == 200
    assert reverse("meetings:detail", args=[session[0].pk]) not in response.content.decode()


@pytest.mark.parametrize("page", OBJECT_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_lead_of_another_municipality_gets_not_found(
    client: Client, world: World, session, page, method
):
    sign_in(client, other_lead(world))
    response = getattr(client, method)(OBJECT_PAGES[page](*session))
    assert refused(response, page, method)


def test_a_lead_of_another_municipality_does_not_see_the_session_listed(
    client: Client, world: World, session
):
    sign_in(client, other_lead(world))
    content = client.get(reverse("meetings:list")).content.decode()
    assert reverse("meetings:detail", args=[session[0].pk]) not in content


@pytest.mark.parametrize("page", ALL_PAGES)
def test_an_attending_partner_reads_and_changes_nothing(
    client: Client, world: World, session, page
):
    sign_in(client, world.partner)
    url = ALL_PAGES[page](*session)
    if page in PARTNER_PAGES:
        assert client.get(url).status_code == 200
    else:
        assert refused(client.get(url), page, "get")
        assert refused(client.post(url), page, "post")


def test_a_partner_whose_organisation_does_not_attend_gets_not_found(client: Client, world: World):
    new_signal(world)
    meeting = built(world, plan(world, world.gemeente_wijkstad, world.safety_house))
    sign_in(client, world.partner)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:print", args=[meeting.pk])).status_code == 404
    assert reverse("meetings:detail", args=[meeting.pk]) not in (
        client.get(reverse("meetings:list")).content.decode()
    )


@pytest.mark.parametrize("page", ALL_PAGES)
def test_the_lead_reaches_every_page(client: Client, world: World, session, page):
    sign_in(client, world.lead)
    url = ALL_PAGES[page](*session)
    if page == "agenda_build":
        assert client.post(url).status_code == 302
    else:
        assert client.get(url).status_code == 200


def test_an_item_of_another_session_is_not_found(client: Client, world: World, session):
    _meeting, item = session
    other = plan(world, days=3)
    sign_in(client, world.lead)
    url = reverse("meetings:item", args=[other.pk, item.pk])
    assert client.get(url).status_code == 404


def test_a_municipal_organisation_of_the_partner_kind_does_not_widen_access(
    client: Client, world: World, session
):
    # A partner of an organisation that is not attending, even of the same municipality.
    youth = Organisation.objects.create(
        name="Jeugdhulp Testwijkstad",
        kind=Organisation.Kind.YOUTH_CARE,
        region=world.region,
        municipality=world.wijkstad,
    )
    user = UserFactory.create(email="jeugd@test.schakel.example")
    membership = MembershipFactory.create(user=user, organisation=youth, role=Role.PARTNER)
    sign_in(client, membership)
    assert client.get(reverse("meetings:detail", args=[session[0].pk])).status_code == 404
