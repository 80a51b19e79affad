"""Wayfinding (issue 13, point 7): breadcrumbs on the pages below a section, and links both
ways between a signal, its weighing session and its case, each only when the reader may
open the page it leads to."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from cases.models import Case, TeamMember
from meetings.tests.builders import built, decide, new_signal, plan
from tests.factories import MembershipFactory, OrganisationFactory
from tests.personas import World, sign_in


@pytest.fixture
def decided(world: World, django_capture_on_commit_callbacks):
    """A signal weighed in a session the police attended, and the case it opened."""
    meeting = built(world, plan(world, world.gemeente_wijkstad, world.police))
    signal = new_signal(world)
    built(world, meeting)
    with django_capture_on_commit_callbacks(execute=True):
        decide(world, meeting, signal, outcome="include")
    case = Case.objects.get(signal=signal)
    return meeting, signal, case


def trail(html: str) -> list[tuple[str, str]]:
    nav = html.split('<nav class="utrecht-breadcrumb-nav', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"[^>]*?(aria-current="page")?>', nav)


def test_a_case_sub_page_has_a_breadcrumb_trail_to_its_case(world: World, decided):
    _, _, case = decided
    client = Client()
    sign_in(client, world.lead)
    url = reverse("network:page", args=[case.pk])
    html = client.get(url).content.decode()
    assert 'aria-label="' in html.split('<nav class="utrecht-breadcrumb-nav', 1)[1][:200]
    assert trail(html) == [
        ("/", ""),
        (reverse("cases:list"), ""),
        (reverse("cases:detail", args=[case.pk]), ""),
        (url, 'aria-current="page"'),
    ]


def test_a_breadcrumb_leaves_out_a_page_the_role_may_not_open(world: World):
    # The administrator's pages sit under "Administration"; a user's page under "Users".
    client = Client()
    sign_in(client, world.admin)
    html = client.get(reverse("administration:user_detail", args=[world.lead.user.pk]))
    links = [url for url, _ in trail(html.content.decode())]
    assert links[:3] == ["/", reverse("administration:index"), reverse("administration:user_list")]


def test_the_signal_the_session_and_the_case_link_to_each_other(world: World, decided):
    meeting, signal, case = decided
    client = Client()
    sign_in(client, world.lead)
    signal_url = reverse("signals:detail", args=[signal.pk])
    meeting_url = reverse("meetings:detail", args=[meeting.pk])
    case_url = reverse("cases:detail", args=[case.pk])
    signal_page = client.get(signal_url).content.decode()
    assert f'href="{meeting_url}"' in signal_page
    assert f'href="{case_url}"' in signal_page
    case_page = client.get(case_url).content.decode().split("<main", 1)[1]
    assert f'href="{signal_url}"' in case_page
    assert f'href="{meeting_url}"' in case_page
    item = meeting.agenda_items.get(item_id=signal.pk)
    item_page = client.get(reverse("meetings:item", args=[meeting.pk, item.pk])).content.decode()
    assert f'href="{signal_url}"' in item_page
    assert f'href="{case_url}"' in item_page


def test_a_partner_who_may_not_see_the_signal_gets_no_link_to_it_on_the_case(world: World, decided):
    meeting, signal, case = decided
    # A school joins the team later: it sees the case, but never attended the session and
    # so may see neither the signal nor the session.
    school = OrganisationFactory.create(
        kind="school", region=world.region, municipality=world.wijkstad
    )
    TeamMember.objects.create(case=case, organisation=school)
    teacher = MembershipFactory.create(organisation=school, role=Role.PARTNER)
    client = Client()
    sign_in(client, teacher)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200
    main = page.content.decode().split("<main", 1)[1]
    assert reverse("signals:detail", args=[signal.pk]) not in main
    assert reverse("meetings:detail", args=[meeting.pk]) not in main
    assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 404
    # The police attended and may follow the links.
    police = Client()
    sign_in(police, world.partner)
    main = police.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("signals:detail", args=[signal.pk]) in main
