"""A signal's status change or merge sent on an outdated version (someone saved in between)
answers 409, saves nothing, shows what the user typed on the current version, and sending it
again saves it (lib.versioned_edit)."""

from __future__ import annotations

from django.test import Client

from signals.models import Signal
from signals.tests.builders import new_signal, sign_in_en
from signals.workflow import Status
from tests.personas import World


def detail(signal: Signal) -> str:
    return f"/meldingen/{signal.pk}/"


def test_a_stale_status_change_keeps_the_reason_and_can_be_sent_again(client: Client, world: World):
    signal = new_signal(world)
    sign_in_en(client, world.lead)
    # A colleague's change meanwhile: same status, a new version.
    Signal.objects.filter(pk=signal.pk).update(version=2)
    mine = {
        "transition-to": "verifying",
        "transition-reason": "Navragen bij de school.",
        "transition-version": 1,
    }

    conflict = client.post(f"{detail(signal)}status/", mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Someone else changed this signal" in page
    assert "Navragen bij de school." in page
    assert 'name="transition-version" value="2"' in page
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED
    again = client.post(f"{detail(signal)}status/", {**mine, "transition-version": 2})
    assert again.status_code == 302
    signal.refresh_from_db()
    assert (signal.status, signal.version) == (Status.VERIFYING, 3)
    last = signal.events.last()
    assert last is not None
    assert last.reason == "Navragen bij de school."


def test_a_stale_merge_keeps_the_choice_and_reason_and_can_be_sent_again(
    client: Client, world: World
):
    first = new_signal(world)
    second = new_signal(world, subject=first.subject)
    sign_in_en(client, world.lead)
    Signal.objects.filter(pk=second.pk).update(version=2)
    mine = {
        "merge-into": first.pk,
        "merge-reason": "Zelfde persoon, zelfde school.",
        "merge-version": 1,
    }

    conflict = client.post(f"{detail(second)}samenvoegen/", mine)

    assert conflict.status_code == 409
    assert "Zelfde persoon, zelfde school." in conflict.content.decode()
    form = conflict.context["merge_form"]
    assert (form["into"].value(), form["version"].value()) == (str(first.pk), 2)
    assert Signal.objects.get(pk=second.pk).status == Status.RECEIVED
    again = client.post(f"{detail(second)}samenvoegen/", {**mine, "merge-version": 2})
    assert again.status_code == 302
    assert again["Location"] == detail(first)
    second.refresh_from_db()
    assert (second.status, second.merged_into_id) == (Status.MERGED, first.pk)
