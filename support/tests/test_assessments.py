"""Assessment references: words and dates only — no score field, by design — recorded by
those on the case; bad input refused with a clear message; stale versions 409."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

from support.models import AssessmentReference
from support.tests.builders import assessment, support_case
from tests.personas import World, sign_in

NUMERIC = (
    models.IntegerField,
    models.FloatField,
    models.DecimalField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
)


def test_an_assessment_reference_has_no_numeric_field_besides_ids_and_version():
    numeric = {
        field.name
        for field in AssessmentReference._meta.get_fields()
        if isinstance(field, (*NUMERIC, models.AutoField, models.BigAutoField))
        and not field.is_relation
    }
    assert numeric <= {"id", "version"}
    names = {f.name for f in AssessmentReference._meta.get_fields()}
    assert not {n for n in names if "score" in n or "level" in n or "risk" in n}


def _form(**values: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "instrument": "vera_2r",
        "assessor": "Reclasseringswerker",
        "assessed_on": (today - timedelta(days=3)).isoformat(),
        "narrative": "Beschermende factoren nemen toe.",
        "document_reference": "RN-2026-1",
        "next_on": (today + timedelta(days=90)).isoformat(),
    }
    data.update(values)
    return data


def test_a_team_partner_refers_to_an_assessment(client, world: World):
    case = support_case(world)
    sign_in(client, world.partner)
    url = f"/casussen/{case.pk}/ondersteuning/taxaties/nieuw/"
    response = client.post(url, _form(assessor_organisation=world.police.pk))
    assert response.status_code == 302
    saved = AssessmentReference.objects.get(case=case)
    assert saved.instrument_label() == "VERA-2R"
    assert saved.assessor_organisation == world.police
    listing = client.get(f"/casussen/{case.pk}/ondersteuning/taxaties/").content.decode()
    assert "Beschermende factoren nemen toe." in listing


def test_an_unknown_instrument_is_refused_and_nothing_is_saved(client, world: World):
    case = support_case(world)
    sign_in(client, world.lead)
    url = f"/casussen/{case.pk}/ondersteuning/taxaties/nieuw/"
    response = client.post(url, _form(instrument="risc-score"))
    assert response.status_code == 400
    assert (
        "Choose the instrument from the list: VERA-2R, ERG, IR-46, other or unstructured."
        in response.content.decode()
    )
    assert not AssessmentReference.objects.exists()


def test_other_bad_input_gets_clear_messages(client, world: World):
    case = support_case(world)
    sign_in(client, world.lead)
    url = f"/casussen/{case.pk}/ondersteuning/taxaties/nieuw/"
    today = timezone.localdate()
    response = client.post(
        url, _form(instrument="other", next_on=(today - timedelta(days=10)).isoformat())
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Name the instrument that was used." in body
    assert "The next assessment must come after this one." in body
    assert not AssessmentReference.objects.exists()


def test_a_stale_change_answers_409_and_keeps_the_typed_text(client, world: World):
    case = support_case(world)
    reference = assessment(world, case)
    url = f"/casussen/{case.pk}/ondersteuning/taxaties/{reference.pk}/"
    sign_in(client, world.lead)
    assert client.post(url, _form(narrative="Eerste wijziging.", version=1)).status_code == 302
    response = client.post(url, _form(narrative="Mijn getypte tekst.", version=1))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Mijn getypte tekst." in body
    assert "Eerste wijziging." in body
    reference.refresh_from_db()
    assert reference.version == 2


def test_the_next_date_is_a_task_for_the_lead(world: World):
    from tasks.models import Task

    case = support_case(world)
    due = timezone.localdate() + timedelta(days=30)
    reference = assessment(world, case, next_on=due)
    task = Task.objects.get(source="assessment", source_id=reference.pk)
    assert (task.owner, task.due_on, task.status) == (case.lead, due, "open")


def test_the_next_assessment_task_leads_to_a_page_everyone_on_the_case_may_open(
    client, world: World
):
    """The case page shows the lead's task to the whole team; its link must not lead a team
    partner to the lead's record they may not change (found by tests/browser/test_crawl.py)."""
    from tasks.models import Task

    case = support_case(world)
    reference = assessment(world, case, next_on=timezone.localdate() + timedelta(days=30))
    task = Task.objects.get(source="assessment", source_id=reference.pk)
    sign_in(client, world.partner)
    assert (
        client.get(f"/casussen/{case.pk}/ondersteuning/taxaties/{reference.pk}/").status_code == 404
    )
    assert client.get(task.url).status_code == 200
