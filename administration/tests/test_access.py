"""Every administration URL: anonymous visitors log in first, other roles get 404, the
functional administrator gets the page (or, for actions, the redirect back)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.personas import World, sign_in

UrlOf = Callable[[World], str]

PAGES: dict[str, UrlOf] = {
    "index": lambda w: reverse("administration:index"),
    "region_list": lambda w: reverse("administration:region_list"),
    "region_create": lambda w: reverse("administration:region_create"),
    "region_edit": lambda w: reverse("administration:region_edit", args=[w.region.pk]),
    "municipality_list": lambda w: reverse("administration:municipality_list"),
    "municipality_create": lambda w: reverse("administration:municipality_create"),
    "municipality_edit": lambda w: reverse(
        "administration:municipality_edit", args=[w.wijkstad.pk]
    ),
    "organisation_list": lambda w: reverse("administration:organisation_list"),
    "organisation_create": lambda w: reverse("administration:organisation_create"),
    "organisation_edit": lambda w: reverse("administration:organisation_edit", args=[w.police.pk]),
    "user_list": lambda w: reverse("administration:user_list"),
    "user_create": lambda w: reverse("administration:user_create"),
    "user_detail": lambda w: reverse("administration:user_detail", args=[w.partner.user_id]),
    "user_edit": lambda w: reverse("administration:user_edit", args=[w.partner.user_id]),
    "user_password": lambda w: reverse("administration:user_password", args=[w.partner.user_id]),
}

# POST-only actions, with input that succeeds.
ACTIONS: dict[str, tuple[UrlOf, Callable[[World], dict[str, Any]]]] = {
    "user_reset_second_factor": (
        lambda w: reverse("administration:user_reset_second_factor", args=[w.partner.user_id]),
        lambda w: {},
    ),
    "user_deactivate": (
        lambda w: reverse("administration:user_deactivate", args=[w.partner.user_id]),
        lambda w: {},
    ),
    "user_reactivate": (
        lambda w: reverse("administration:user_reactivate", args=[w.partner.user_id]),
        lambda w: {},
    ),
    "membership_create": (
        lambda w: reverse("administration:membership_create", args=[w.partner.user_id]),
        lambda w: {
            "organisation": w.safety_house.pk,
            "role": "intake",
            "valid_from": timezone.localdate().isoformat(),
        },
    ),
    "membership_end": (
        lambda w: reverse("administration:membership_end", args=[w.partner.pk]),
        lambda w: {},
    ),
}

ALL_URLS: dict[str, UrlOf] = {**PAGES, **{name: url for name, (url, _data) in ACTIONS.items()}}
NON_ADMINS = ["lead", "partner", "outsider", "privacy_officer", "process_director"]


@pytest.mark.parametrize("name", ALL_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_the_login_page(client: Client, world: World, name, method):
    response = getattr(client, method)(ALL_URLS[name](world))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("name", ALL_URLS)
@pytest.mark.parametrize("persona", NON_ADMINS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_roles_get_not_found(client: Client, world: World, name, persona, method):
    sign_in(client, getattr(world, persona))
    response = getattr(client, method)(ALL_URLS[name](world))
    assert response.status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_administrator_sees_every_page(admin_client: Client, world: World, name):
    response = admin_client.get(PAGES[name](world))
    assert response.status_code == 200
    assert 'class="utrecht-heading-1"' in response.content.decode()


@pytest.mark.parametrize("name", ACTIONS)
def test_administrator_can_take_every_action_and_is_sent_back(
    admin_client: Client, world: World, name
):
    url, data = ACTIONS[name]
    response = admin_client.post(url(world), data(world))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "administration:user_detail", args=[world.partner.user_id]
    )


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_refuse_a_plain_get(admin_client: Client, world: World, name):
    url, _data = ACTIONS[name]
    assert admin_client.get(url(world)).status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/regio/987654/",
        "/beheer/gemeenten/987654/",
        "/beheer/organisaties/987654/",
        "/beheer/gebruikers/987654/",
        "/beheer/gebruikers/987654/bewerken/",
        "/beheer/gebruikers/987654/wachtwoord/",
    ],
)
def test_unknown_objects_are_not_found(admin_client: Client, url):
    assert admin_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/gebruikers/987654/tweede-factor-herstellen/",
        "/beheer/gebruikers/987654/deactiveren/",
        "/beheer/gebruikers/987654/heractiveren/",
        "/beheer/gebruikers/987654/rollen/",
        "/beheer/rollen/987654/beeindigen/",
    ],
)
def test_actions_on_unknown_objects_are_not_found(admin_client: Client, url):
    assert admin_client.post(url).status_code == 404


def test_the_start_page_of_the_administrator_links_to_administration(admin_client: Client):
    response = admin_client.get("/beheer/")
    for name in ("user_list", "organisation_list", "municipality_list", "region_list"):
        assert f'href="{reverse(f"administration:{name}")}"' in response.content.decode()
