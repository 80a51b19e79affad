"""A change sent from an outdated measures page: 409, nothing saved, the page keeps what the
user typed on the current version, and sending that form again saves it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from measures.models import Intervention, LegalRemedy, MeasureType
from measures.services import remedy_record
from measures.tests.helpers import measures_case, propose, step
from measures.tests.test_admin_pages import edit_url, form_data
from tests.personas import World, sign_in

TODAY = date(2026, 11, 30)
Catalogue = dict[str, MeasureType]


def detail(intervention: Intervention) -> str:
    return f"/casussen/{intervention.case_id}/maatregelen/{intervention.pk}/"


@pytest.mark.clock(TODAY)
def test_a_step_from_an_outdated_page_keeps_the_reason_and_sent_again_it_is_taken(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    seen = intervention.version
    step(world, intervention, "requested")  # someone else, meanwhile
    sign_in(client, world.lead)
    url = detail(intervention) + "stap/"
    stale = {"to": "decided", "step-decided-version": seen, "step-decided-reason": "Mijn reden."}

    response = client.post(url, stale)

    assert response.status_code == 409
    assert "Mijn reden." in response.content.decode()
    kept = {form.target: form for form in response.context["step_forms"]}["decided"]
    assert kept["version"].value() == seen + 1  # the form is on the current version
    assert Intervention.objects.get(pk=intervention.pk).state == "requested"

    again = client.post(url, {**stale, "step-decided-version": kept["version"].value()})

    assert again.status_code == 302
    fresh = Intervention.objects.get(pk=intervention.pk)
    last = fresh.events.last()
    assert last is not None
    assert (fresh.state, last.reason) == ("decided", "Mijn reden.")


@pytest.mark.clock(TODAY)
def test_a_remedy_recorded_from_an_outdated_page_keeps_the_note_and_sent_again_it_is_saved(
    client: Client, world: World, catalogue: Catalogue
):
    proposed = propose(world, measures_case(world), catalogue["passport-invalidation"])
    intervention = step(world, proposed, "decided", decided_on=TODAY - timedelta(days=10))
    remedy = intervention.remedies.get()
    seen = remedy.version
    remedy_record(  # the process director, meanwhile
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        remedy=remedy,
        lodged_on=None,
        outcome="open",
        note="Nog niet ingediend.",
        version=seen,
    )
    sign_in(client, world.lead)
    url = detail(intervention) + f"rechtsmiddelen/{remedy.pk}/"
    prefix = f"remedy-{remedy.pk}"
    stale = {
        f"{prefix}-outcome": "pending",
        f"{prefix}-lodged_on": "2026-11-25",
        f"{prefix}-note": "Zaaknummer AWB 26/1234.",
        f"{prefix}-version": seen,
    }

    response = client.post(url, stale)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this measure" in html
    assert "Zaaknummer AWB 26/1234." in html
    assert LegalRemedy.objects.get(pk=remedy.pk).note == "Nog niet ingediend."

    again = client.post(url, {**stale, f"{prefix}-version": seen + 1})

    assert again.status_code == 302
    fresh = LegalRemedy.objects.get(pk=remedy.pk)
    assert (fresh.outcome, fresh.note) == ("pending", "Zaaknummer AWB 26/1234.")


def test_a_measure_type_edited_on_an_outdated_page_sent_again_on_the_new_version_is_saved(
    client: Client, world: World, catalogue: Catalogue
):
    ots = catalogue["ots"]
    sign_in(client, world.admin)
    stale = form_data(ots, name="Mijn nieuwe naam")
    MeasureType.objects.filter(pk=ots.pk).update(description="Andermans uitleg", version=2)

    response = client.post(edit_url(ots), stale)

    assert response.status_code == 409
    assert "Mijn nieuwe naam" in response.content.decode()
    assert response.context["form"]["version"].value() == 2

    assert client.post(edit_url(ots), {**stale, "version": 2}).status_code == 302
    fresh = MeasureType.objects.get(pk=ots.pk)
    assert (fresh.name, fresh.version) == ("Mijn nieuwe naam", 3)
