"""The family support log through its pages: recording, bad input that changes nothing, a
stale version (409, typed text kept), and the write logged for the relative."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from support.models import FamilySupportContact
from support.tests.builders import contact, relative, support_case
from tests.personas import World, sign_in


def _form(person_id: int, **values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "relative": person_id,
        "contact_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "question_kinds": ["practical", "care"],
        "summary": "Moeder belde over toeslagen.",
        "agreements": "Terugbellen.",
    }
    data.update(values)
    return data


def test_a_team_partner_records_a_contact_with_a_referral(client, world: World):
    case = support_case(world)
    mother = relative(world, case)
    sign_in(client, world.partner)
    referred_on = timezone.localdate().isoformat()
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/familie/nieuw/",
        _form(mother.pk, referred="on", referred_on=referred_on),
    )
    assert response.status_code == 302
    saved = FamilySupportContact.objects.get(case=case)
    assert (saved.practical, saved.emotional, saved.care) == (True, False, True)
    assert saved.referred
    assert saved.referred_on == timezone.localdate()
    assert saved.organisation == world.police
    assert saved.recorded_by == world.partner.user
    write = ProcessingRecord.objects.filter(
        name="support.family.create", operation=Operation.CREATE
    )
    assert set(write.values_list("subject_pseudonym", flat=True)) == {
        pseudonymise(f"subject:{case.subject_id}"),
        pseudonymise(f"network_person:{mother.pk}"),
    }
    page = client.get(f"/casussen/{case.pk}/ondersteuning/familie/").content.decode()
    assert "Moeder" in page
    assert "referred on" in page


def test_a_relative_from_another_case_is_refused_and_nothing_is_saved(client, world: World):
    case = support_case(world)
    other = support_case(world)
    stranger = relative(world, other, "Iemand anders")
    sign_in(client, world.lead)
    response = client.post(f"/casussen/{case.pk}/ondersteuning/familie/nieuw/", _form(stranger.pk))
    assert response.status_code == 400
    assert "Choose a relative from the network of this case." in response.content.decode()
    assert not FamilySupportContact.objects.exists()


def test_the_service_refuses_a_relative_from_another_case_too(world: World):
    import pytest
    from django.core.exceptions import ValidationError

    case = support_case(world)
    stranger = relative(world, support_case(world), "Iemand anders")
    with pytest.raises(ValidationError) as refused:
        contact(world, case, stranger)
    assert refused.value.message_dict["relative"] == [
        "Choose a relative from the network of this case."
    ]
    assert not FamilySupportContact.objects.exists()


def test_bad_input_gets_clear_messages_and_changes_nothing(client, world: World):
    case = support_case(world)
    mother = relative(world, case)
    sign_in(client, world.lead)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/familie/nieuw/",
        _form(mother.pk, question_kinds=[], contact_on=tomorrow, referred="on"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose what the question was about: practical, emotional or care." in body
    assert "Give the date of the referral to the Familiesteunpunt." in body
    assert not FamilySupportContact.objects.exists()
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/familie/nieuw/", _form(mother.pk, contact_on=tomorrow)
    )
    assert response.status_code == 400
    assert "This date cannot lie in the future." in response.content.decode()
    assert not FamilySupportContact.objects.exists()


def test_a_stale_change_answers_409_and_keeps_the_typed_text(client, world: World):
    case = support_case(world)
    mother = relative(world, case)
    record = contact(world, case, mother)
    url = f"/casussen/{case.pk}/ondersteuning/familie/{record.pk}/"
    sign_in(client, world.lead)
    assert (
        client.post(url, _form(mother.pk, summary="Eerste wijziging.", version=1)).status_code
        == 302
    )
    response = client.post(url, _form(mother.pk, summary="Mijn getypte tekst.", version=1))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Mijn getypte tekst." in body
    assert "Eerste wijziging." in body  # the current state, with the other change
    record.refresh_from_db()
    assert record.summary == "Eerste wijziging."
    assert record.version == 2


def test_changing_the_relative_logs_both(world: World, client):
    case = support_case(world)
    mother = relative(world, case)
    father = relative(world, case, "Vader")
    record = contact(world, case, mother)
    sign_in(client, world.lead)
    url = f"/casussen/{case.pk}/ondersteuning/familie/{record.pk}/"
    assert client.post(url, _form(father.pk, version=1)).status_code == 302
    write = ProcessingRecord.objects.filter(name="support.family.update")
    assert {
        pseudonymise(f"network_person:{mother.pk}"),
        pseudonymise(f"network_person:{father.pk}"),
    } <= set(write.values_list("subject_pseudonym", flat=True))


def test_the_form_page_logs_every_relative_in_the_choice_list(client, world: World):
    case = support_case(world)
    mother = relative(world, case)
    father = relative(world, case, "Vader")
    sign_in(client, world.partner)
    assert client.get(f"/casussen/{case.pk}/ondersteuning/familie/nieuw/").status_code == 200
    reads = ProcessingRecord.objects.filter(name="support.family.form")
    assert {
        pseudonymise(f"network_person:{mother.pk}"),
        pseudonymise(f"network_person:{father.pk}"),
    } <= set(reads.values_list("subject_pseudonym", flat=True))
