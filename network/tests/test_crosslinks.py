"""The lead sees where a network person also appears in another case — only cases the lead
may see, with the reason in words, and every person shown is logged."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case
from cases.tests.test_cases import open_case
from network.crosslinks import cross_links
from network.gates import person_ref
from network.services import person_link_subject
from network.tests.builders import add_person, second_lead, small_network
from persons.models import Subject
from tests.personas import World, sign_in


def url(case: Case) -> str:
    return reverse("network:crosslinks", kwargs={"case_id": case.pk})


def test_a_person_with_the_same_name_and_year_in_another_case_of_the_lead_is_shown(
    client: Client, world: World
):
    net = small_network(world)
    own = add_person(world, net.case, "Yusuf el Amrani", birth_year=2005)
    other_case = open_case(world)
    there = add_person(world, other_case, "yusuf  El-Amrani", birth_year=2005)
    add_person(world, other_case, "Yusuf el Amrani", birth_year=2004)  # another year
    sign_in(client, world.lead)
    response = client.get(url(net.case))
    assert response.status_code == 200
    links = response.context["links"]
    assert [(link.person, link.other_case, link.other_person) for link in links] == [
        (own, other_case, there)
    ]
    assert "2005" in links[0].reason
    assert "may be someone else" in links[0].reason


def test_a_case_of_another_lead_is_never_shown(client: Client, world: World):
    net = small_network(world)
    add_person(world, net.case, "Yusuf", birth_year=2005)
    other_lead = second_lead(world)
    hidden = open_case(world, lead=other_lead.user, actor=world.actor(other_lead))
    add_person(world, hidden, "Yusuf", birth_year=2005)
    sign_in(client, world.lead)
    response = client.get(url(net.case))
    assert response.context["links"] == []
    assert f"/casussen/{hidden.pk}/" not in response.content.decode()


def test_the_same_known_subject_links_two_cases(world: World):
    net = small_network(world)
    other = small_network(world)
    known = Subject.objects.create(municipality=world.wijkstad, given_names="Abu", surname="R")
    for person in (net.recruiter, other.recruiter):
        person_link_subject(
            actor=world.actor(world.lead),
            user=world.lead.user,
            person=person,
            subject=known,
            reason="Zelfde persoon volgens politie.",
            version=person.version,
        )
    links = cross_links(world.actor(world.lead), net.case)
    recruiter_links = [link for link in links if link.person == net.recruiter]
    assert [link.other_person for link in recruiter_links] == [other.recruiter]
    assert "same known subject" in recruiter_links[0].reason
    # (Samira, with the same name and year of birth in both networks, is matched by name.)
    assert {link.person for link in links} == {net.recruiter, net.sister}


def test_a_network_person_who_is_the_subject_of_another_case_is_shown(world: World):
    net = small_network(world)
    other_case = open_case(world)
    person_link_subject(
        actor=world.actor(world.lead),
        user=world.lead.user,
        person=net.sister,
        subject=other_case.subject,
        reason="Zij is de betrokkene van die casus.",
        version=net.sister.version,
    )
    links = cross_links(world.actor(world.lead), net.case)
    assert [(link.person, link.other_case, link.other_person) for link in links] == [
        (net.sister, other_case, None)
    ]


@pytest.mark.parametrize("persona", ["partner", "process_director", "outsider", "privacy_officer"])
def test_only_the_lead_of_the_case_sees_links(client: Client, world: World, persona: str):
    net = small_network(world)
    sign_in(client, getattr(world, persona))
    assert client.get(url(net.case)).status_code == 404


def test_another_lead_of_the_municipality_gets_404(client: Client, world: World):
    net = small_network(world)
    sign_in(client, second_lead(world))
    assert client.get(url(net.case)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    net = small_network(world)
    response = client.get(url(net.case))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_one_record_per_network_person_shown_in_both_cases(client: Client, world: World):
    net = small_network(world)
    own = add_person(world, net.case, "Yusuf", birth_year=2005)
    other_case = open_case(world)
    there = add_person(world, other_case, "Yusuf", birth_year=2005)
    sign_in(client, world.lead)
    client.get(url(net.case))
    records = ProcessingRecord.objects.filter(name="cases.network.crosslinks")
    logged = set(records.values_list("subject_pseudonym", flat=True))
    assert pseudonymise(person_ref(own.pk)) in logged
    assert pseudonymise(person_ref(there.pk)) in logged
    assert pseudonymise(f"subject:{other_case.subject_id}") in logged
    # People not shown (no match) are not in the record.
    assert pseudonymise(person_ref(net.sister.pk)) not in logged
