"""A page sent on an outdated version (someone saved in between) answers 409, saves nothing,
shows what the user typed on the current version, and sending that page again saves it
(lib.versioned_edit, for the case's own pages)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from cases.models import ActionUpdate, CaseEntry, CaseEvent, PlanVersion
from cases.tests.test_actions import action_url, new_action
from cases.tests.test_cases import open_case
from cases.tests.test_entries import setup_entries
from cases.tests.test_plans import agree_url, plan_data
from cases.workflow import Situation
from conferences.tests.test_conferences import directed_case, english
from tests.personas import World, sign_in


def correct(client: Client, entry: CaseEntry, *, text: str, reason: str, version: int) -> Any:
    return client.post(
        f"/casussen/{entry.case_id}/notities/{entry.pk}/corrigeren/",
        {"correct-text": text, "correct-reason": reason, "correct-version": version},
    )


def test_a_stale_situation_change_keeps_what_was_typed_and_can_be_sent_again(
    client: Client, world: World
):
    case = directed_case(world)
    director = english(Client(), world.process_director)
    english(client, world.lead)
    path = f"/casussen/{case.pk}/situatie/"
    first = {
        "situation-to": "departed",
        "situation-reason": "Ticket gezien",
        "situation-version": 1,
    }
    assert director.post(path, first).status_code == 302

    mine = {"situation-to": "detained", "situation-reason": "Mijn reden", "situation-version": 1}
    conflict = client.post(path, mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Mijn reden" in page  # what the user typed
    assert "Ticket gezien" in page  # the other person's change (changes_since)
    assert 'name="situation-version" value="2"' in page  # on the current version
    again = client.post(path, {**mine, "situation-version": 2})
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.situation, case.version) == (Situation.DETAINED, 3)
    assert case.events.filter(kind=CaseEvent.Kind.SITUATION).count() == 2


def test_an_outdated_correction_is_a_conflict_even_when_it_is_incomplete(
    client: Client, world: World
):
    """The version is judged first: the user learns the entry changed, and keeps the text."""
    setup = setup_entries(world)
    lead = Client()
    sign_in(lead, world.lead)
    sign_in(client, world.partner)
    first = correct(lead, setup.general, text="Eerste", reason="Lead", version=1)
    assert first.status_code == 302

    conflict = correct(client, setup.general, text="Mijn tekst", reason="", version=1)

    assert conflict.status_code == 409
    assert "Mijn tekst" in conflict.content.decode()
    assert setup.general.versions.count() == 2
    again = correct(client, setup.general, text="Mijn tekst", reason="Aanvulling", version=2)
    assert again.status_code == 302
    assert setup.general.versions.get(number=3).text == "Mijn tekst"


def test_a_stale_plan_keeps_its_summary_and_goals_and_can_be_agreed_again(
    client: Client, world: World
):
    case = directed_case(world)
    english(client, world.lead)
    director = english(Client(), world.process_director)
    assert director.post(agree_url(case), plan_data(world)).status_code == 302
    mine = {
        **plan_data(world),
        "summary": "Mijn eigen samenvatting.",
        "change_note": "Werk in plaats van dagbesteding.",
        "goals-0-text": "Werk gevonden",
    }

    conflict = client.post(agree_url(case), mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    for typed in ("Mijn eigen samenvatting.", "Werk in plaats van dagbesteding.", "Werk gevonden"):
        assert typed in page
    assert 'name="expected_number" value="1"' in page
    again = client.post(agree_url(case), {**mine, "expected_number": 1})
    assert again.status_code == 302
    plan = PlanVersion.objects.get(case=case, number=2)
    assert plan.summary == "Mijn eigen samenvatting."
    assert "Werk gevonden" in {goal.text for goal in plan.goals.all()}


def test_a_stale_action_report_keeps_the_feedback_and_can_be_sent_again(
    client: Client, world: World
):
    action = new_action(world, open_case(world))
    lead = english(Client(), world.lead)
    english(client, world.partner)
    first = {"status": "in_progress", "feedback": "De leider belt.", "version": action.version}
    assert lead.post(action_url(action), first).status_code == 302
    mine = {"status": "done", "feedback": "Mijn verslag.", "version": action.version}

    conflict = client.post(action_url(action), mine)

    assert conflict.status_code == 409
    assert "Mijn verslag." in conflict.content.decode()
    assert client.post(action_url(action), {**mine, "version": 2}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    assert list(ActionUpdate.objects.values_list("feedback", flat=True).order_by("id")) == [
        "De leider belt.",
        "Mijn verslag.",
    ]
