"""Recording a network: refusals change nothing and say why; writes are logged per person."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from lib.concurrency import StaleEdit
from network.models import NetworkPerson, Relation
from network.services import (
    ensure_subject_node,
    person_add,
    person_link_subject,
    person_update,
    relation_remove,
    relation_update,
)
from network.tests.helpers import add_person, centre, network_case, tie
from persons.models import Subject
from tests.personas import World


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_the_subject_node_is_created_once_with_the_subjects_name(world: World):
    case = network_case(world)
    first = centre(world, case)
    again = ensure_subject_node(case=case, user=world.lead.user)
    assert first.pk == again.pk
    assert first.name == case.subject.display_name
    assert first.represents_case_subject
    assert first.subject_id == case.subject_id
    assert NetworkPerson.objects.filter(case=case).count() == 1


def test_adding_a_person_logs_one_record_for_the_person_and_one_for_the_case_subject(
    world: World,
):
    case = network_case(world)
    before = ProcessingRecord.objects.count()
    person = add_person(world, case, "Samira", birth_year=2012)
    records = ProcessingRecord.objects.filter(name="cases.network.person.create")
    assert ProcessingRecord.objects.count() - before == 2
    assert set(records.values_list("subject_pseudonym", flat=True)) == {
        pseudonymise(f"network_person:{person.pk}"),
        pseudonymise(f"subject:{case.subject_id}"),
    }


def test_a_partner_names_their_own_organisation_as_the_source(world: World):
    case = network_case(world)
    with pytest.raises(ValidationError) as refused:
        add_person(
            world,
            case,
            "Samira",
            actor=world.actor(world.partner),
            user=world.partner.user,
            source_organisation=world.gemeente_wijkstad,
        )
    assert "source_organisation" in _messages(refused.value)
    person = add_person(
        world,
        case,
        "Samira",
        actor=world.actor(world.partner),
        user=world.partner.user,
        source_organisation=world.police,
    )
    assert person.source_organisation == world.police


def test_the_lead_cannot_name_an_organisation_outside_the_team(world: World):
    case = network_case(world)
    with pytest.raises(ValidationError) as refused:
        add_person(world, case, "Samira", source_organisation=world.wijkteam_polderveen)
    assert "source_organisation" in _messages(refused.value)
    assert not NetworkPerson.objects.filter(name="Samira").exists()


def test_an_outsider_cannot_record_in_the_network(world: World):
    case = network_case(world)
    with pytest.raises(ValidationError):
        add_person(
            world,
            case,
            "Samira",
            actor=world.actor(world.outsider),
            user=world.outsider.user,
            source_organisation=world.wijkteam_polderveen,
        )
    assert not NetworkPerson.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "alien"}, "kind"),
        ({"name": "  "}, "name"),
        ({"birth_year": 1800}, "birth_year"),
        ({"kind": "place", "birth_year": 2000}, "birth_year"),
    ],
)
def test_bad_person_input_is_refused_with_a_message_on_its_field(
    world: World, values: dict, field: str
):
    case = network_case(world)
    values = {"name": "Samira", **values}
    with pytest.raises(ValidationError) as refused:
        add_person(world, case, **values)
    assert _messages(refused.value)[field][0].endswith(".")
    assert not NetworkPerson.objects.filter(case=case).exists()


def test_the_year_of_birth_decides_over_the_minor_flag(world: World):
    case = network_case(world)
    person = add_person(world, case, "Samira", birth_year=2000, minor=True)
    assert person.minor is None
    assert person.is_minor() is False


def test_a_stale_person_edit_is_refused_and_changes_nothing(world: World):
    case = network_case(world)
    person = add_person(world, case, "Samira")
    person_update(
        actor=world.actor(world.lead),
        user=world.lead.user,
        person=person,
        kind="person",
        name="Samira B.",
        version=1,
    )
    with pytest.raises(StaleEdit):
        person_update(
            actor=world.actor(world.partner),
            user=world.partner.user,
            person=person,
            kind="person",
            name="Sam",
            version=1,
        )
    person.refresh_from_db()
    assert (person.name, person.version) == ("Samira B.", 2)


def test_the_person_of_the_case_keeps_the_subjects_name_and_stays_a_person(world: World):
    case = network_case(world)
    node = centre(world, case)
    with pytest.raises(ValidationError):
        person_update(
            actor=world.actor(world.lead),
            user=world.lead.user,
            person=node,
            kind="place",
            name="x",
            version=node.version,
        )
    person_update(
        actor=world.actor(world.lead),
        user=world.lead.user,
        person=node,
        kind="person",
        name="Another name",
        note="Lives with mother.",
        version=node.version,
    )
    node.refresh_from_db()
    assert node.name == case.subject.display_name
    assert node.note == "Lives with mother."


def _subject(world: World, municipality=None) -> Subject:
    return Subject.objects.create(
        municipality=municipality or world.wijkstad,
        given_names="Yusuf",
        surname="Bekend",
        birth_year=2004,
    )


def test_the_lead_links_a_person_to_a_subject_of_the_municipality_with_a_reason(world: World):
    case = network_case(world)
    person = add_person(world, case, "Yusuf")
    subject = _subject(world)
    person_link_subject(
        actor=world.actor(world.lead),
        user=world.lead.user,
        person=person,
        subject=subject,
        reason="Same name, date of birth and address.",
        version=person.version,
    )
    person.refresh_from_db()
    assert person.subject == subject
    assert person.subject_linked_by == world.lead.user
    assert ProcessingRecord.objects.filter(
        name="cases.network.person.link", subject_pseudonym=pseudonymise(f"subject:{subject.pk}")
    ).exists()


def test_linking_is_refused_for_a_partner_another_municipality_or_without_reason(world: World):
    case = network_case(world)
    person = add_person(world, case, "Yusuf")
    link: dict[str, Any] = {"person": person, "version": person.version}
    with pytest.raises(ValidationError):
        person_link_subject(
            actor=world.actor(world.partner),
            user=world.partner.user,
            subject=_subject(world),
            reason="Sure.",
            **link,
        )
    with pytest.raises(ValidationError) as refused:
        person_link_subject(
            actor=world.actor(world.lead),
            user=world.lead.user,
            subject=_subject(world, world.polderveen),
            reason="Sure.",
            **link,
        )
    assert "subject" in _messages(refused.value)
    with pytest.raises(ValidationError) as refused:
        person_link_subject(
            actor=world.actor(world.lead),
            user=world.lead.user,
            subject=_subject(world),
            reason=" ",
            **link,
        )
    assert "reason" in _messages(refused.value)
    person.refresh_from_db()
    assert person.subject_id is None
    assert person.version == 1


# --- Relations. ---


def test_a_relation_between_two_people_is_recorded_and_logged_for_both(world: World):
    case = network_case(world)
    noor = centre(world, case)
    samira = add_person(world, case, "Samira")
    relation = tie(world, case, noor, samira, kind="sibling", nature="protective")
    assert relation.case == case
    subjects = set(
        ProcessingRecord.objects.filter(name="cases.network.relation.create").values_list(
            "subject_pseudonym", flat=True
        )
    )
    assert subjects == {
        pseudonymise(f"network_person:{noor.pk}"),
        pseudonymise(f"network_person:{samira.pk}"),
        pseudonymise(f"subject:{case.subject_id}"),
    }


def test_a_relation_to_oneself_is_refused_with_a_clear_message(world: World):
    case = network_case(world)
    noor = centre(world, case)
    with pytest.raises(ValidationError) as refused:
        tie(world, case, noor, noor)
    assert "oneself" in _messages(refused.value)["target"][0]
    assert not Relation.objects.exists()


def test_a_person_of_another_case_cannot_be_tied_in(world: World):
    case = network_case(world)
    other = network_case(world)
    noor = centre(world, case)
    stranger = add_person(world, other, "Stranger")
    with pytest.raises(ValidationError) as refused:
        tie(world, case, noor, stranger)
    assert "not in the network of this case" in _messages(refused.value)["target"][0]
    assert not Relation.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "enemy"}, "kind"),
        ({"nature": "evil"}, "nature"),
        ({"direction": "sideways"}, "direction"),
        ({"reliability": "rumour"}, "reliability"),
        ({"started_on": date(2024, 2, 1), "ended_on": date(2024, 1, 1)}, "ended_on"),
        ({"observed_on": timezone.localdate() + timedelta(days=2)}, "observed_on"),
        ({"observed_on": None}, "observed_on"),
    ],
)
def test_bad_relation_input_is_refused_and_nothing_is_saved(world: World, values: dict, field: str):
    case = network_case(world)
    noor = centre(world, case)
    samira = add_person(world, case, "Samira")
    before = ProcessingRecord.objects.count()
    with pytest.raises(ValidationError) as refused:
        tie(world, case, noor, samira, **values)
    assert _messages(refused.value)[field][0].endswith(".")
    assert not Relation.objects.exists()
    assert ProcessingRecord.objects.count() == before


def test_a_relation_update_raises_its_version_and_a_stale_one_is_refused(world: World):
    case = network_case(world)
    relation = tie(world, case, centre(world, case), add_person(world, case, "Samira"))
    change: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "relation": relation,
        "kind": "sibling",
        "direction": "mutual",
        "nature": "protective",
        "reliability": "confirmed",
        "observed_on": date(2024, 3, 2),
    }
    relation_update(**change, version=1)
    with pytest.raises(StaleEdit):
        relation_update(**{**change, "nature": "risk"}, version=1)
    relation.refresh_from_db()
    assert (relation.nature, relation.version) == ("protective", 2)


def test_removing_a_relation_needs_a_reason_and_the_current_version(world: World):
    case = network_case(world)
    relation = tie(world, case, centre(world, case), add_person(world, case, "Samira"))
    lead: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "relation": relation,
    }
    with pytest.raises(ValidationError):
        relation_remove(**lead, version=1, reason="")
    with pytest.raises(StaleEdit):
        relation_remove(**lead, version=7, reason="Recorded wrongly.")
    assert Relation.objects.filter(pk=relation.pk).exists()
    relation_remove(**lead, version=1, reason="Recorded wrongly.")
    assert not Relation.objects.filter(pk=relation.pk).exists()
    assert (
        ProcessingRecord.objects.filter(
            name="cases.network.relation.delete", object_id=str(relation.pk)
        ).count()
        == 3
    )


def test_a_place_is_a_node_too(world: World):
    case = network_case(world)
    gym = person_add(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        kind="place",
        name="Sportschool De Ring",
        source_organisation=world.police,
    )
    relation = tie(world, case, centre(world, case), gym, kind="place")
    assert relation.target.kind == "place"
