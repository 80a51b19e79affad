"""A conference page sent on an outdated version answers 409, saves nothing, shows what the
user typed on the current version, and sending that page again saves it
(lib.versioned_edit)."""

from __future__ import annotations

from django.test import Client

from conferences import services
from conferences.tests.test_conferences import (
    add_minutes,
    conference,
    directed_case,
    english,
    url,
)
from tests.personas import World


def test_a_stale_correction_keeps_what_was_typed_and_can_be_sent_again(
    client: Client, world: World
):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    lead = english(Client(), world.lead)
    english(client, world.partner)
    path = url("minutes_correct", meeting, entry_id=entry.pk)
    first = {"text": "De tekst van de leider.", "reason": "Aanvulling.", "version": 1}
    assert lead.post(path, first).status_code == 302
    mine = {"text": "Mijn eigen tekst.", "reason": "Mijn reden.", "version": 1}

    conflict = client.post(path, mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Mijn eigen tekst." in page  # what the user typed
    assert "Mijn reden." in page
    assert "De tekst van de leider." in page  # the other person's correction
    assert 'name="version" value="2"' in page  # on the current version
    assert entry.versions.count() == 2
    assert client.post(path, {**mine, "version": 2}).status_code == 302
    assert entry.versions.get(number=3).text == "Mijn eigen tekst."


def test_confirming_again_on_the_corrected_text_confirms_it(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    services.minutes_correct(
        actor=world.actor(world.lead),
        user=world.lead.user,
        entry=entry,
        text="Het gecorrigeerde verslag.",
        reason="Aanvulling van de gemeente.",
        version=1,
    )
    english(client, world.partner)
    path = url("minutes_confirm", meeting, entry_id=entry.pk)

    assert client.post(path, {"version": 1}).status_code == 409
    entry.refresh_from_db()
    assert entry.confirmed_at is None
    assert client.post(path, {"version": 2}).status_code == 302
    entry.refresh_from_db()
    assert (entry.confirmed_at is not None, entry.confirmed_by) == (True, world.partner.user)
