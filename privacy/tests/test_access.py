"""Only the privacy officer reaches the privacy pages; everyone else gets 404 or the login."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import ProcessingActivityVersion
from privacy.views import LOG_SEARCH_SESSION_KEY
from tests.personas import World, sign_in

REVISION = {
    "security-name": "Beveiliging en toegangsbeheer",
    "security-purpose": "Misbruik voorkomen en onderzoeken.",
    "security-legal_basis": "AVG art. 6 lid 1 onder c en art. 32.",
    "security-data_categories": "Accountgegevens van medewerkers.",
    "security-retention": "Zolang het logboek wordt bewaard.",
}

PAGES = [
    ("get", "/privacy/logboek/", {}),
    ("post", "/privacy/logboek/", {"operation": "read"}),
    ("get", "/privacy/logboek/?page=2", {}),
    ("post", "/privacy/logboek/wissen/", {}),
    ("post", "/privacy/logboek/verifieren/", {}),
    ("get", "/privacy/register/", {}),
    ("post", "/privacy/register/security/herzien/", REVISION),
]
REFUSED_PERSONAS = ["lead", "partner", "outsider", "process_director", "admin"]


def _request(client: Client, method: str, url: str, data: dict[str, str]):
    return getattr(client, method)(url, data) if data else getattr(client, method)(url)


@pytest.mark.parametrize(("method", "url", "data"), PAGES)
def test_anonymous_visitor_is_sent_to_the_login(client, db, method, url, data):
    response = _request(client, method, url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("persona", REFUSED_PERSONAS)
@pytest.mark.parametrize(("method", "url", "data"), PAGES)
def test_other_roles_get_not_found(client, world: World, persona, method, url, data):
    sign_in(client, getattr(world, persona))
    response = _request(client, method, url, data)
    assert response.status_code == 404
    assert not ProcessingActivityVersion.objects.filter(number=2).exists()


@pytest.mark.parametrize(("method", "url", "data"), [PAGES[0], PAGES[2], PAGES[4], PAGES[5]])
def test_privacy_officer_reaches_every_page(officer, method, url, data):
    assert _request(officer, method, url, data).status_code == 200


@pytest.mark.parametrize(("method", "url", "data"), [PAGES[1], PAGES[3]])
def test_privacy_officer_can_search_and_clear_the_search(officer, method, url, data):
    response = _request(officer, method, url, data)
    assert response.status_code == 303
    assert response["Location"].startswith("/privacy/logboek/")


def test_other_roles_cannot_clear_the_officers_search(client, world: World):
    # The stored search belongs to the session; another role in it gets 404 and keeps it.
    sign_in(client, world.lead)
    session = client.session
    session[LOG_SEARCH_SESSION_KEY] = {"operation": "read"}
    session.save()
    assert client.post("/privacy/logboek/wissen/").status_code == 404
    assert client.session[LOG_SEARCH_SESSION_KEY] == {"operation": "read"}


def test_privacy_officer_can_post_a_revision(officer):
    response = officer.post("/privacy/register/security/herzien/", REVISION)
    assert response.status_code == 302
    assert response["Location"] == "/privacy/register/#activity-security"


@pytest.mark.parametrize(
    "url",
    [
        "/privacy/logboek/wissen/",
        "/privacy/logboek/verifieren/",
        "/privacy/register/security/herzien/",
    ],
)
def test_actions_refuse_a_plain_get(officer, url):
    assert officer.get(url).status_code == 405


def test_revising_an_unknown_register_entry_is_not_found(officer):
    response = officer.post("/privacy/register/bestaat-niet/herzien/", {})
    assert response.status_code == 404
