"""The main navigation reads the same role sets as the doors: no role is shown a link that
answers 404, and every role's page shows exactly the links the menu gives that role."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from accounts.models import Membership, MembershipStatus, Role
from lib.access_rules import Kind, rule_for_view
from portal.menu import MENU, audience, current_section, door_roles, menu_for
from tests.factories import MembershipFactory
from tests.personas import World, sign_in

ALL_ROLES = [role.value for role in Role]


def member(world: World, role: str) -> Membership:
    existing: dict[str, Membership] = {
        Role.LEAD: world.lead,
        Role.PARTNER: world.partner,
        Role.PROCESS_DIRECTOR: world.process_director,
        Role.PRIVACY_OFFICER: world.privacy_officer,
        Role.ADMIN: world.admin,
    }
    if role in existing:
        return existing[role]
    return MembershipFactory.create(organisation=world.gemeente_wijkstad, role=role)


@pytest.mark.parametrize("item", MENU, ids=lambda item: item.url_name)
def test_a_link_is_never_offered_to_a_role_its_door_refuses(item):
    roles = door_roles(item.url_name)
    if roles is None:
        rule = rule_for_view(resolve(reverse(item.url_name)).func, item.url_name)
        assert rule is not None
        assert rule.kind in {Kind.OBJECT, Kind.AUTHENTICATED}
        return
    assert audience(item) <= roles


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_link_a_role_is_shown_opens_for_that_role(world: World, role: str):
    client = Client()
    sign_in(client, member(world, role))
    start = client.get("/")
    assert start.status_code == 200
    shown = re.findall(
        r'<a class="utrecht-link" href="([^"]+)"[^>]*>', start.content.decode().split("</nav>")[0]
    )
    expected = ["/", *[str(item["url"]) for item in menu_for(role)]]
    assert shown[: len(expected)] == expected
    for url in expected:
        assert client.get(url, follow=True).status_code == 200, (role, url)


def test_the_lead_and_the_partner_see_different_menus():
    lead = {item["name"] for item in menu_for(Role.LEAD)}
    partner = {item["name"] for item in menu_for(Role.PARTNER)}
    assert "signals:list" in lead & partner
    assert "preparedness:index" in lead - partner
    assert menu_for(Role.ADMIN) == []
    assert [item["name"] for item in menu_for(Role.MAYOR_OFFICE)] == [
        "preparedness:index",
        "dashboards:mayor",
        "meetings:triangle_list",
        "press:list",
        "reports:list",
    ]


@pytest.mark.parametrize(
    "role", [Role.LEAD, Role.PROCESS_DIRECTOR, Role.PARTNER, Role.MAYOR_OFFICE]
)
def test_the_start_page_offers_the_same_work_as_the_menu_and_no_promise_of_later(
    world: World, role: str
):
    client = Client()
    sign_in(client, member(world, role))
    main = client.get("/").content.decode().split("<main", 1)[1]
    for item in menu_for(role):
        assert f'href="{item["url"]}"' in main, item["name"]
    assert "appear here once" not in main
    assert "komen hier zodra" not in main


def test_the_current_section_is_the_exact_link_or_else_the_longest_prefix():
    urls = ["/", "/casussen/", "/casussen/overleg/", "/meldingen/"]
    assert current_section("/", urls) == ("/", True)
    assert current_section("/casussen/", urls) == ("/casussen/", True)
    assert current_section("/casussen/12/plan/", urls) == ("/casussen/", False)
    assert current_section("/casussen/overleg/3/", urls) == ("/casussen/overleg/", False)
    assert current_section("/account/", urls) is None


def test_the_menu_marks_the_page_itself_and_the_section_of_a_page_below_it(world: World):
    client = Client()
    sign_in(client, world.lead)
    cases_url = reverse("cases:list")
    nav = client.get(cases_url).content.decode().split("</nav>")[0]
    assert f'href="{cases_url}" aria-current="page"' in nav
    assert nav.count("aria-current") == 1
    signals_url = reverse("signals:list")
    below = reverse("signals:create")
    assert below.startswith(signals_url)
    nav = client.get(below).content.decode().split("</nav>")[0]
    assert f'href="{signals_url}" aria-current="true"' in nav
    assert 'aria-current="page"' not in nav


def test_someone_whose_role_awaits_approval_is_offered_no_link_that_answers_404(world: World):
    # A granted role that a second person has not approved yet does not count: the account
    # signs in to the page without a role. Each link in its header must open.
    waiting = MembershipFactory.create(organisation=world.police, role=Role.PARTNER)
    Membership.objects.filter(pk=waiting.pk).update(
        status=MembershipStatus.PENDING, decided_at=None, decided_by=None
    )
    client = Client()
    sign_in(client, waiting)
    start = client.get("/")
    assert start.status_code == 200
    header = start.content.decode().split("</header>")[0]
    links = re.findall(r'<a class="[^"]*" href="(/[^"]*)"', header)
    assert "/account/" not in links
    assert "/berichten/" not in links
    for url in links:
        assert client.get(url, follow=True).status_code == 200, url
