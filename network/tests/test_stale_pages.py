"""A network page sent on an outdated version (someone saved in between) answers 409, saves
nothing, shows what the user typed on the current version, and sending that page again saves
it (lib.versioned_edit)."""

from __future__ import annotations

from django.test import Client

from network.models import FollowUp, NetworkPerson, Relation
from network.tests.builders import small_network
from network.tests.helpers import add_person, centre, network_case, tie
from network.tests.test_followups import decide_url, propose
from persons.models import Subject
from tests.personas import World, sign_in


def person_url(person: NetworkPerson) -> str:
    return f"/casussen/{person.case_id}/netwerk/personen/{person.pk}/"


def relation_url(relation: Relation) -> str:
    return f"/casussen/{relation.case_id}/netwerk/relaties/{relation.pk}/"


def test_a_stale_person_edit_keeps_what_was_typed_and_can_be_sent_again(
    client: Client, world: World
):
    case = network_case(world)
    samira = add_person(world, case, "Samira", birth_year=2012)
    sign_in(client, world.partner)
    NetworkPerson.objects.filter(pk=samira.pk).update(note="Zit op het Lyceum.", version=2)
    mine = {"kind": "person", "name": "Samira", "note": "Mijn eigen notitie.", "version": 1}

    conflict = client.post(person_url(samira), mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Mijn eigen notitie." in page  # what the user typed
    assert "Zit op het Lyceum." in page  # the current state, with the other change
    assert 'name="version" value="2"' in page  # on the current version
    samira.refresh_from_db()
    assert (samira.note, samira.version) == ("Zit op het Lyceum.", 2)
    again = client.post(person_url(samira), {**mine, "version": 2})
    assert again.status_code == 302
    samira.refresh_from_db()
    assert (samira.note, samira.version) == ("Mijn eigen notitie.", 3)


def test_a_stale_edit_is_a_conflict_before_its_input_is_judged(client: Client, world: World):
    """The user learns first that the person changed; the incomplete page is kept as typed."""
    case = network_case(world)
    samira = add_person(world, case, "Samira")
    sign_in(client, world.partner)
    NetworkPerson.objects.filter(pk=samira.pk).update(version=2)
    response = client.post(
        person_url(samira), {"kind": "person", "name": "", "note": "Half af.", "version": 1}
    )
    assert response.status_code == 409
    assert "Half af." in response.content.decode()
    assert not response.context["form"].errors


def test_a_stale_link_to_a_subject_keeps_the_reason_and_can_be_sent_again(
    client: Client, world: World
):
    case = network_case(world)
    karim = add_person(world, case, "Karim")
    subject = Subject.objects.create(
        municipality=world.wijkstad, given_names="Karim", surname="Bekend", birth_year=2003
    )
    sign_in(client, world.lead)
    NetworkPerson.objects.filter(pk=karim.pk).update(note="Meanwhile.", version=2)
    mine = {"subject": subject.pk, "reason": "Zelfde geboortejaar en school.", "version": 1}

    conflict = client.post(person_url(karim) + "koppelen/", mine)

    assert conflict.status_code == 409
    assert "Zelfde geboortejaar en school." in conflict.content.decode()
    assert NetworkPerson.objects.get(pk=karim.pk).subject is None
    again = client.post(person_url(karim) + "koppelen/", {**mine, "version": 2})
    assert again.status_code == 302
    karim.refresh_from_db()
    assert (karim.subject, karim.subject_link_reason) == (subject, mine["reason"])


def test_a_stale_relation_edit_keeps_what_was_typed_and_can_be_sent_again(
    client: Client, world: World
):
    case = network_case(world)
    relation = tie(world, case, centre(world, case), add_person(world, case, "Samira"))
    sign_in(client, world.lead)
    Relation.objects.filter(pk=relation.pk).update(nature="ambivalent", version=2)
    mine = {
        "kind": "sibling",
        "direction": "mutual",
        "nature": "risk",
        "reliability": "confirmed",
        "observed_on": "2024-03-01",
        "note": "Ruzie over geld.",
        "version": 1,
    }

    conflict = client.post(relation_url(relation), mine)

    assert conflict.status_code == 409
    assert "Ruzie over geld." in conflict.content.decode()
    assert Relation.objects.get(pk=relation.pk).nature == "ambivalent"
    assert client.post(relation_url(relation), {**mine, "version": 2}).status_code == 302
    relation.refresh_from_db()
    assert (relation.nature, relation.note, relation.version) == ("risk", "Ruzie over geld.", 3)


def test_a_stale_removal_keeps_the_reason_and_can_be_sent_again(client: Client, world: World):
    case = network_case(world)
    relation = tie(world, case, centre(world, case), add_person(world, case, "Samira"))
    sign_in(client, world.lead)
    Relation.objects.filter(pk=relation.pk).update(nature="ambivalent", version=2)
    mine = {"remove-reason": "Dubbel ingevoerd.", "remove-version": 1}

    conflict = client.post(relation_url(relation) + "verwijderen/", mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Dubbel ingevoerd." in page
    assert 'name="remove-version" value="2"' in page
    assert Relation.objects.filter(pk=relation.pk).exists()
    again = client.post(relation_url(relation) + "verwijderen/", {**mine, "remove-version": 2})
    assert again.status_code == 302
    assert not Relation.objects.filter(pk=relation.pk).exists()


def test_a_decision_on_a_proposal_changed_meanwhile_keeps_the_note(client: Client, world: World):
    """The follow-up page holds two forms; the one sent is the versioned edit."""
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    FollowUp.objects.filter(pk=follow_up.pk).update(version=2)
    sign_in(client, world.lead)
    mine = {"decision": "decline", "decline-version": "1", "decline-note": "Al in beeld."}

    conflict = client.post(decide_url(net, follow_up), mine)

    assert conflict.status_code == 409
    assert "Al in beeld." in conflict.content.decode()
    assert conflict.context["decline_form"].initial["version"] == 2
    again = client.post(decide_url(net, follow_up), {**mine, "decline-version": "2"})
    assert again.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.decision_note) == (FollowUp.Status.DECLINED, "Al in beeld.")
