"""The network pages through HTTP: who gets in, what is logged, bad input and conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case
from cases.services import team_remove
from network.models import NetworkPerson, Relation
from network.tests.helpers import add_person, centre, network_case, tie
from persons.models import Subject
from tests.personas import World, sign_in


def _base(case: Case) -> str:
    return f"/casussen/{case.pk}/netwerk/"


def _small(world: World) -> tuple[Case, dict[str, NetworkPerson], Relation]:
    case = network_case(world)
    noor = centre(world, case)
    samira = add_person(world, case, "Samira", birth_year=2012)
    karim = add_person(world, case, "Karim")
    mentor = add_person(world, case, "Mentor Ahmed")
    relation = tie(world, case, noor, samira, kind="sibling", nature="protective")
    tie(world, case, samira, karim, kind="friend", nature="risk", reliability="confirmed")
    tie(world, case, noor, mentor, kind="mentor", nature="protective")
    people = {"noor": noor, "samira": samira, "karim": karim, "mentor": mentor}
    return case, people, relation


def _urls(case: Case, person: NetworkPerson, relation: Relation) -> list[tuple[str, str]]:
    base = _base(case)
    return [
        ("get", base),
        ("get", base + "personen/nieuw/"),
        ("post", base + "personen/nieuw/"),
        ("get", base + f"personen/{person.pk}/"),
        ("post", base + f"personen/{person.pk}/"),
        ("get", base + f"personen/{person.pk}/koppelen/"),
        ("post", base + f"personen/{person.pk}/koppelen/"),
        ("get", base + "relaties/nieuw/"),
        ("post", base + "relaties/nieuw/"),
        ("get", base + f"relaties/{relation.pk}/"),
        ("post", base + f"relaties/{relation.pk}/"),
        ("post", base + f"relaties/{relation.pk}/verwijderen/"),
    ]


@pytest.mark.parametrize("persona", ["lead", "partner", "process_director"])
def test_those_on_the_case_see_the_network_with_drawing_and_tables(
    client: Client, world: World, persona: str
):
    case, _people, _relation = _small(world)
    sign_in(client, getattr(world, persona))
    response = client.get(_base(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "<caption" in html
    assert "Samira" in html
    assert "Mentor Ahmed" in html
    assert "is the only link between" in html
    assert "Samira (brother or sister) is a minor." in html
    assert 'scope="col"' in html


def test_the_case_page_links_to_the_network(client: Client, world: World):
    case, _people, _relation = _small(world)
    sign_in(client, world.partner)
    assert _base(case) in client.get(f"/casussen/{case.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
def test_everyone_else_gets_404_on_every_network_url(client: Client, world: World, persona: str):
    case, people, relation = _small(world)
    sign_in(client, getattr(world, persona))
    for method, url in _urls(case, people["samira"], relation):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert Relation.objects.count() == 3
    assert NetworkPerson.objects.count() == 4


def test_a_partner_removed_from_the_team_gets_404_everywhere(client: Client, world: World):
    case, people, relation = _small(world)
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Niet meer betrokken.",
        version=case.version,
    )
    sign_in(client, world.partner)
    for method, url in _urls(case, people["samira"], relation):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_guessed_ids_of_another_case_get_404(client: Client, world: World):
    case, _people, _relation = _small(world)
    _other, other_people, other_relation = _small(world)
    sign_in(client, world.lead)
    base = _base(case)
    for url in (
        base + f"personen/{other_people['samira'].pk}/",
        base + f"personen/{other_people['samira'].pk}/koppelen/",
        base + f"relaties/{other_relation.pk}/",
        base + "personen/987654/",
        base + "relaties/987654/",
        "/casussen/987654/netwerk/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        base + f"relaties/{other_relation.pk}/verwijderen/",
        {"remove-reason": "x", "remove-version": 1},
    )
    assert response.status_code == 404
    assert Relation.objects.filter(pk=other_relation.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    case, people, relation = _small(world)
    for method, url in _urls(case, people["samira"], relation):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/inloggen/")


def test_the_page_logs_one_record_per_network_person_shown(client: Client, world: World):
    case, people, _relation = _small(world)
    sign_in(client, world.partner)
    before = set(ProcessingRecord.objects.values_list("pk", flat=True))
    client.get(_base(case))
    records = ProcessingRecord.objects.exclude(pk__in=before).filter(name="cases.network.read")
    pseudonyms = list(records.values_list("subject_pseudonym", flat=True))
    for person in people.values():
        assert pseudonyms.count(pseudonymise(f"network_person:{person.pk}")) == 1
    assert pseudonyms.count(pseudonymise(f"subject:{case.subject_id}")) >= 1
    person_refs = {pseudonymise(f"network_person:{p.pk}") for p in people.values()}
    assert len([p for p in pseudonyms if p in person_refs]) == len(people)


def test_filters_work_through_the_page(client: Client, world: World):
    case, _people, _relation = _small(world)
    sign_in(client, world.lead)
    html = client.get(_base(case), {"natures": ["risk"]}).content.decode()
    table = html.split('id="relations-heading"')[1].split("</table>")[0]
    assert "friend or peer" in table
    assert "brother or sister" not in table


def test_expanding_around_a_person_shows_only_the_neighbourhood(client: Client, world: World):
    case, people, _relation = _small(world)
    sign_in(client, world.lead)
    response = client.get(_base(case), {"focus": people["karim"].pk, "depth": 1})
    table = response.content.decode().split('id="people-heading"')[1].split("</table>")[0]
    assert "Karim" in table
    assert "Samira" in table
    assert "Mentor Ahmed" not in table
    response = client.get(_base(case), {"focus": people["karim"].pk, "depth": 3})
    assert "Mentor Ahmed" in response.content.decode().split('id="people-heading"')[1]


def test_the_shortest_path_is_shown_in_words(client: Client, world: World):
    case, people, _relation = _small(world)
    sign_in(client, world.lead)
    response = client.get(
        _base(case), {"path_from": people["mentor"].pk, "path_to": people["karim"].pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "in 3 steps" in html
    assert "(friend or peer) to Karim" in html


def test_a_bad_query_is_400_with_a_message(client: Client, world: World):
    case, people, _relation = _small(world)
    _other, other_people, _r = _small(world)
    sign_in(client, world.lead)
    response = client.get(_base(case), {"focus": other_people["samira"].pk, "depth": 7})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a person from this network." in html
    assert "Choose a depth of 1, 2 or 3." in html
    response = client.get(_base(case), {"path_from": people["karim"].pk})
    assert response.status_code == 400


def test_a_partner_adds_a_person_and_a_relation(client: Client, world: World):
    case, people, _relation = _small(world)
    sign_in(client, world.partner)
    response = client.post(
        _base(case) + "personen/nieuw/",
        {"kind": "person", "name": "Bilal", "minor": "yes", "source_organisation": world.police.pk},
    )
    assert response.status_code == 302
    bilal = NetworkPerson.objects.get(case=case, name="Bilal")
    assert bilal.minor is True
    response = client.post(
        _base(case) + "relaties/nieuw/",
        {
            "source": people["karim"].pk,
            "target": bilal.pk,
            "kind": "online",
            "direction": "source_to_target",
            "nature": "risk",
            "reliability": "probable",
            "source_organisation": world.police.pk,
            "observed_on": "2024-05-01",
        },
    )
    assert response.status_code == 302
    assert Relation.objects.filter(target=bilal, kind="online").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target": "SELF"}, "it cannot be to oneself"),
        ({"kind": "enemy"}, "Choose the kind of relation from the list."),
        ({"target": "OTHER"}, "Choose a person from this network."),
        ({"started_on": "2024-02-01", "ended_on": "2024-01-01"}, "cannot end before it started"),
    ],
)
def test_bad_relations_get_400_with_a_clear_message_and_change_nothing(
    client: Client, world: World, change: dict, message: str
):
    case, people, _relation = _small(world)
    _other, other_people, _r = _small(world)
    sign_in(client, world.lead)
    data = {
        "source": people["karim"].pk,
        "target": people["mentor"].pk,
        "kind": "friend",
        "direction": "mutual",
        "nature": "unknown",
        "reliability": "unconfirmed",
        "source_organisation": world.gemeente_wijkstad.pk,
        "observed_on": "2024-05-01",
    }
    data.update(change)
    if data["target"] == "SELF":
        data["target"] = people["karim"].pk
    if data["target"] == "OTHER":
        data["target"] = other_people["samira"].pk
    before = Relation.objects.count()
    response = client.post(_base(case) + "relaties/nieuw/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Relation.objects.count() == before


def test_a_stale_person_edit_gets_409_and_keeps_what_was_typed(client: Client, world: World):
    case, people, _relation = _small(world)
    samira = people["samira"]
    sign_in(client, world.partner)
    url = _base(case) + f"personen/{samira.pk}/"
    assert client.get(url).status_code == 200
    NetworkPerson.objects.filter(pk=samira.pk).update(note="Changed by the lead.", version=2)
    response = client.post(
        url, {"kind": "person", "name": "Samira", "note": "My own note.", "version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Changed by the lead." in html
    assert "My own note." in html
    samira.refresh_from_db()
    assert samira.note == "Changed by the lead."


def test_a_stale_relation_edit_or_removal_gets_409(client: Client, world: World):
    case, _people, relation = _small(world)
    sign_in(client, world.lead)
    Relation.objects.filter(pk=relation.pk).update(nature="ambivalent", version=2)
    url = _base(case) + f"relaties/{relation.pk}/"
    response = client.post(
        url,
        {
            "kind": "sibling",
            "direction": "mutual",
            "nature": "risk",
            "reliability": "confirmed",
            "observed_on": "2024-03-01",
            "version": 1,
        },
    )
    assert response.status_code == 409
    response = client.post(url + "verwijderen/", {"remove-reason": "Wrong.", "remove-version": 1})
    assert response.status_code == 409
    relation.refresh_from_db()
    assert relation.nature == "ambivalent"


def test_the_lead_edits_and_removes_a_relation(client: Client, world: World):
    case, _people, relation = _small(world)
    sign_in(client, world.lead)
    url = _base(case) + f"relaties/{relation.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "sibling",
            "direction": "mutual",
            "nature": "ambivalent",
            "reliability": "confirmed",
            "observed_on": "2024-03-01",
            "version": 1,
        },
    )
    assert response.status_code == 302
    relation.refresh_from_db()
    assert (relation.nature, relation.version) == ("ambivalent", 2)
    response = client.post(url + "verwijderen/", {"remove-reason": "", "remove-version": 2})
    assert response.status_code == 400
    assert "Say why the relation is removed." in response.content.decode()
    response = client.post(url + "verwijderen/", {"remove-reason": "Wrong.", "remove-version": 2})
    assert response.status_code == 302
    assert not Relation.objects.filter(pk=relation.pk).exists()


def test_only_the_lead_links_a_person_to_a_known_subject(client: Client, world: World):
    case, people, _relation = _small(world)
    karim = people["karim"]
    url = _base(case) + f"personen/{karim.pk}/koppelen/"
    subject = Subject.objects.create(
        municipality=world.wijkstad, given_names="Karim", surname="Bekend", birth_year=2003
    )
    elsewhere = Subject.objects.create(
        municipality=world.polderveen, given_names="Karim", surname="Elders", birth_year=2003
    )
    for persona in (world.partner, world.process_director):
        sign_in(client, persona)
        assert client.get(url).status_code == 404
        post = client.post(url, {"subject": subject.pk, "reason": "Zeker.", "version": 1})
        assert post.status_code == 404
    sign_in(client, world.lead)
    response = client.post(url, {"subject": elsewhere.pk, "reason": "Zeker.", "version": 1})
    assert response.status_code == 400
    assert "No known subject of this municipality has this number." in response.content.decode()
    response = client.post(url, {"subject": subject.pk, "reason": "", "version": 1})
    assert response.status_code == 400
    response = client.post(url, {"subject": subject.pk, "reason": "Zeker.", "version": 1})
    assert response.status_code == 302
    karim.refresh_from_db()
    assert karim.subject == subject


def test_the_partner_sees_no_link_to_subjects(client: Client, world: World):
    case, people, _relation = _small(world)
    sign_in(client, world.partner)
    html = client.get(_base(case)).content.decode()
    assert "koppelen/" not in html
    assert f"personen/{people['karim'].pk}/" in html


def test_the_network_page_works_before_anything_is_recorded(client: Client, world: World):
    case = network_case(world)
    sign_in(client, world.lead)
    response = client.get(_base(case))
    assert response.status_code == 200
    assert NetworkPerson.objects.filter(case=case, represents_case_subject=True).count() == 1
    assert date.today().year > 2000


def test_the_page_query_count_does_not_grow_with_the_network(client: Client, world: World):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case, people, _relation = _small(world)
    sign_in(client, world.lead)
    client.get(_base(case))
    with CaptureQueriesContext(connection) as small:
        client.get(_base(case))
    for index in range(6):
        tie(world, case, people["karim"], add_person(world, case, f"Extra {index}"))
    with CaptureQueriesContext(connection) as large:
        assert client.get(_base(case)).status_code == 200
    assert len(large) == len(small)
