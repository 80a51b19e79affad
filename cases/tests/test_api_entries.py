"""/api/v1/cases/{id}/entries, /plan and /actions: the same entry gate, case gate and log
as the pages, in problem+json, and documented in the schema."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.entries import entry_add, entry_grant
from cases.models import Action, ActionStatus, ActionUpdate, Case, CaseEntry
from cases.plans import GoalInput, plan_agree
from cases.services import team_remove
from cases.tests.test_actions import new_action
from cases.tests.test_cases import open_case
from cases.tests.test_entries import EXPECTED, MARKERS, WORD, Setup, setup_entries
from signals.tests.builders import bearer
from tests.personas import World

PROBLEM = "application/problem+json"


def entries_url(case: Case) -> str:
    return f"/api/v1/cases/{case.pk}/entries"


def entry_url(case: Case, entry: CaseEntry | int) -> str:
    entry_id = entry if isinstance(entry, int) else entry.pk
    return f"/api/v1/cases/{case.pk}/entries/{entry_id}"


def action_url(case: Case, action: Action | int) -> str:
    action_id = action if isinstance(action, int) else action.pk
    return f"/api/v1/cases/{case.pk}/actions/{action_id}"


def post(client: Client, url: str, body: dict[str, Any], headers: dict[str, str]):
    return client.post(url, body, content_type="application/json", headers=headers)


def markers_in(rows: list[dict[str, Any]]) -> set[str]:
    return {
        category for category, marker in MARKERS.items() for row in rows if marker in row["text"]
    }


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


# --- Who reads which entry. ---


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_entry_list_gives_each_reader_exactly_the_allowed_categories(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    headers = bearer(getattr(world, persona))
    response = client.get(entries_url(setup.case), headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert markers_in(body["results"]) == EXPECTED[persona]
    assert {row["category"] for row in body["results"]} == EXPECTED[persona]
    assert body["total"] == len(EXPECTED[persona])
    for category in MARKERS:
        status = client.get(entry_url(setup.case, getattr(setup, category)), headers=headers)
        assert status.status_code == (200 if category in EXPECTED[persona] else 404), category


def test_an_entry_row_carries_its_category_source_basis_author_text_and_version(
    client: Client, world: World
):
    setup = setup_entries(world)
    rows = client.get(entries_url(setup.case), headers=bearer(world.lead)).json()["results"]
    special = next(row for row in rows if row["id"] == setup.special.pk)
    assert special["kind"] == "note"
    assert special["category"] == "special"
    assert special["source_organisation"] == {"id": world.police.pk, "name": world.police.name}
    assert special["legal_basis"] == "Art. 9 lid 2 AVG"
    assert special["author"] == world.partner.user.full_name
    assert special["text"] == f"{WORD} MarkerBijzonder"
    assert special["version"] == 1


def test_a_special_entry_reaches_an_organisation_once_shared_and_a_secret_only_its_source(
    client: Client, world: World
):
    setup = setup_entries(world)
    social_team = bearer(world.outsider)
    assert client.get(entry_url(setup.case, setup.special), headers=social_team).status_code == 404
    entry_grant(
        actor=world.actor(world.partner),
        user=world.partner.user,
        entry=setup.special,
        organisation=world.wijkteam_polderveen,
        reason="Toestemming betrokkene",
    )
    assert client.get(entry_url(setup.case, setup.special), headers=social_team).status_code == 200
    # The secret of the social team: the police read it once granted; the lead still not.
    police, lead = bearer(world.partner), bearer(world.lead)
    assert client.get(entry_url(setup.case, setup.secrecy), headers=police).status_code == 404
    entry_grant(
        actor=world.actor(world.outsider),
        user=world.outsider.user,
        entry=setup.secrecy,
        organisation=world.police,
        reason="Wettelijke plicht",
    )
    assert client.get(entry_url(setup.case, setup.secrecy), headers=police).status_code == 200
    assert client.get(entry_url(setup.case, setup.secrecy), headers=lead).status_code == 404
    listed = client.get(entries_url(setup.case), headers=police).json()["results"]
    assert "secrecy" in markers_in(listed)


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_search_finds_and_counts_only_the_allowed_entries(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    response = client.get(
        entries_url(setup.case), {"q": WORD.lower()}, headers=bearer(getattr(world, persona))
    )
    assert response.status_code == 200
    assert markers_in(response.json()["results"]) == EXPECTED[persona]
    assert response.json()["total"] == len(EXPECTED[persona])


def test_a_search_for_a_hidden_word_finds_nothing(client: Client, world: World):
    setup = setup_entries(world)
    headers = bearer(world.process_director)
    response = client.get(entries_url(setup.case), {"q": "MarkerGeheim"}, headers=headers)
    assert response.json() == {"results": [], "total": 2}
    basis = client.get(entries_url(setup.case), {"q": "art. 9"}, headers=bearer(world.lead))
    # The legal basis is searched too; the secret has the same basis but stays out of reach.
    assert [row["id"] for row in basis.json()["results"]] == [setup.special.pk, setup.criminal.pk]


def test_a_too_long_search_is_a_400_problem(client: Client, world: World):
    setup = setup_entries(world)
    response = client.get(entries_url(setup.case), {"q": "x" * 201}, headers=bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert [p["name"] for p in response.json()["invalid_params"]] == ["q"]


def test_an_entry_detail_shows_its_history_to_whoever_may_read_it(client: Client, world: World):
    setup = setup_entries(world)
    post(
        client,
        f"{entry_url(setup.case, setup.general)}/corrections",
        {"text": "Gecorrigeerd", "reason": "Typfout", "version": 1},
        bearer(world.partner),
    )
    detail = client.get(entry_url(setup.case, setup.general), headers=bearer(world.outsider))
    assert detail.status_code == 200
    body = detail.json()
    assert (body["text"], body["version"]) == ("Gecorrigeerd", 2)
    assert [(v["number"], v["text"], v["correction_reason"]) for v in body["versions"]] == [
        (1, f"{WORD} MarkerAlgemeen", ""),
        (2, "Gecorrigeerd", "Typfout"),
    ]


# --- Adding and correcting. ---


def test_a_team_partner_adds_an_entry_for_their_own_organisation(client: Client, world: World):
    case = open_case(world)
    response = post(
        client,
        entries_url(case),
        {
            "kind": "fact",
            "category": "special",
            "legal_basis": "Toestemming betrokkene",
            "text": "Staat onder behandeling.",
        },
        bearer(world.partner),
    )
    assert response.status_code == 201
    entry = CaseEntry.objects.get()
    assert response["Location"] == entry_url(case, entry)
    assert response.json()["versions"][0]["text"] == "Staat onder behandeling."
    assert (entry.source_organisation, entry.author) == (world.police, world.partner.user)
    assert ProcessingRecord.objects.filter(name="cases.entries.create").exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"kind": "note", "category": "special", "text": "Zonder grondslag."}, {"legal_basis"}),
        ({"kind": "note", "text": "Zonder categorie."}, {"category"}),
        ({"kind": "note", "category": "general", "text": "   "}, {"text"}),
        ({"kind": "minutes", "category": "general", "text": "Verkeerd."}, {"kind"}),
        (
            {"kind": "note", "category": "general", "text": "Iets.", "source_organisation": 0},
            {"source_organisation"},
        ),
    ],
    ids=["no-legal-basis", "no-category", "no-text", "minutes", "bad-source"],
)
def test_bad_entry_input_is_a_400_problem_and_nothing_is_saved(
    client: Client, world: World, body: dict[str, Any], fields: set[str]
):
    case = open_case(world)
    response = post(client, entries_url(case), body, bearer(world.partner))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {p["name"] for p in response.json()["invalid_params"]} == fields
    assert CaseEntry.objects.count() == 0


def test_a_partner_cannot_name_another_organisation_as_source(client: Client, world: World):
    case = open_case(world)
    body = {
        "kind": "note",
        "category": "general",
        "text": "Iets.",
        "source_organisation": world.gemeente_wijkstad.pk,
    }
    response = post(client, entries_url(case), body, bearer(world.partner))
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["source_organisation"]
    assert CaseEntry.objects.count() == 0


def test_the_same_correction_posted_twice_is_saved_once_and_then_409(client: Client, world: World):
    setup = setup_entries(world)
    url = f"{entry_url(setup.case, setup.general)}/corrections"
    body = {"text": "Eerste correctie", "reason": "Typfout", "version": 1}
    first = post(client, url, body, bearer(world.lead))
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = post(client, url, {**body, "text": "Mijn tekst"}, bearer(world.partner))
    assert second.status_code == 409
    assert second["Content-Type"] == PROBLEM
    conflict = second.json()
    assert conflict["current_version"] == 2
    assert [(c["number"], c["author"], c["text"]) for c in conflict["changes"]] == [
        (2, world.lead.user.full_name, "Eerste correctie")
    ]
    assert post(client, url, body, bearer(world.lead)).status_code == 409
    assert list(setup.general.versions.values_list("text", flat=True)) == [
        f"{WORD} MarkerAlgemeen",
        "Eerste correctie",
    ]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"text": "Nieuw", "reason": "", "version": 1}, {"reason"}),
        ({"text": "Nieuw", "reason": "x"}, {"version"}),
        ({"text": f"{WORD} MarkerAlgemeen", "reason": "x", "version": 1}, {"text"}),
    ],
    ids=["no-reason", "no-version", "unchanged"],
)
def test_a_bad_correction_is_a_400_problem_and_changes_nothing(
    client: Client, world: World, body: dict[str, Any], fields: set[str]
):
    setup = setup_entries(world)
    url = f"{entry_url(setup.case, setup.general)}/corrections"
    response = post(client, url, body, bearer(world.partner))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {p["name"] for p in response.json()["invalid_params"]} == fields
    setup.general.refresh_from_db()
    assert (setup.general.version, setup.general.versions.count()) == (1, 1)


@pytest.mark.parametrize(
    ("persona", "category"),
    [("process_director", "general"), ("outsider", "general"), ("lead", "secrecy")],
)
def test_who_may_not_correct_an_entry_gets_404(
    client: Client, world: World, persona: str, category: str
):
    setup: Setup = setup_entries(world)
    entry = getattr(setup, category)
    body = {"text": "X", "reason": "Y", "version": 1}
    response = post(
        client, f"{entry_url(setup.case, entry)}/corrections", body, bearer(getattr(world, persona))
    )
    assert response.status_code == 404
    assert entry.versions.count() == 1


# --- Plan and actions. ---


def _agree(world: World, case: Case, expected: int, goal: str) -> None:
    plan_agree(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        summary=f"Aanpak {expected + 1}",
        goals=[
            GoalInput(
                text=goal, domain="care", owner_organisation=world.police, review_on=in_days(30)
            )
        ],
        expected_number=expected,
        change_note="Bijgesteld" if expected else "",
    )


def test_the_plan_shows_the_current_version_with_goals_and_the_earlier_versions(
    client: Client, world: World
):
    case = open_case(world)
    headers = bearer(world.partner)
    assert client.get(f"/api/v1/cases/{case.pk}/plan", headers=headers).json() == {
        "current": None,
        "earlier": [],
    }
    _agree(world, case, 0, "Dagbesteding gevonden")
    _agree(world, case, 1, "Geen contact met de groep")
    body = client.get(f"/api/v1/cases/{case.pk}/plan", headers=headers).json()
    assert body["current"]["number"] == 2
    assert [g["text"] for g in body["current"]["goals"]] == ["Geen contact met de groep"]
    assert [(v["number"], v["agreed_by"], v["meeting"]) for v in body["earlier"]] == [
        (1, world.lead.user.full_name, None)
    ]


def test_the_actions_list_and_one_action_with_its_reports(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    late = new_action(world, case, description="Te laat")
    Action.objects.filter(pk=late.pk).update(due_on=in_days(-1))
    headers = bearer(world.partner)
    rows = client.get(f"/api/v1/cases/{case.pk}/actions", headers=headers).json()["results"]
    assert [(row["id"], row["overdue"]) for row in rows] == [(late.pk, True), (action.pk, False)]
    detail = client.get(action_url(case, action), headers=headers).json()
    assert (detail["owner"], detail["may_report"], detail["updates"]) == (
        world.partner.user.full_name,
        True,
        [],
    )


def test_the_owner_reports_on_an_action_and_a_stale_report_is_409(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    url = f"{action_url(case, action)}/reports"
    body = {"status": "in_progress", "feedback": "Afspraak gemaakt.", "version": 1}
    first = post(client, url, body, bearer(world.partner))
    assert first.status_code == 200
    assert (first.json()["status"], first.json()["version"]) == ("in_progress", 2)
    assert [u["feedback"] for u in first.json()["updates"]] == ["Afspraak gemaakt."]
    stale = post(
        client,
        url,
        {"status": "done", "feedback": "De leider belt.", "version": 1},
        bearer(world.lead),
    )
    assert stale.status_code == 409
    assert stale["Content-Type"] == PROBLEM
    current = stale.json()["current"]
    assert (current["version"], current["updates"][-1]["by"]) == (2, world.partner.user.full_name)
    action.refresh_from_db()
    assert (action.status, action.feedback) == (ActionStatus.IN_PROGRESS, "Afspraak gemaakt.")
    assert ActionUpdate.objects.count() == 1


def test_a_bad_report_is_a_400_problem_and_changes_nothing(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    url = f"{action_url(case, action)}/reports"
    for body, field in (
        ({"status": "open", "feedback": "", "version": 1}, "feedback"),
        ({"status": "cancelled", "feedback": "Nee.", "version": 1}, "status"),
        ({"status": "klaar", "version": 1}, "status"),
    ):
        response = post(client, url, body, bearer(world.partner))
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM
        assert [p["name"] for p in response.json()["invalid_params"]] == [field]
    action.refresh_from_db()
    assert (action.status, action.version) == (ActionStatus.OPEN, 1)


def test_a_team_partner_who_is_not_the_owner_reads_but_cannot_report(client: Client, world: World):
    case = open_case(world)
    action = new_action(
        world, case, owner_organisation=world.gemeente_wijkstad, owner=world.lead.user
    )
    headers = bearer(world.partner)
    detail = client.get(action_url(case, action), headers=headers)
    assert detail.status_code == 200
    assert detail.json()["may_report"] is False
    body = {"status": "done", "feedback": "Gedaan.", "version": 1}
    response = post(client, f"{action_url(case, action)}/reports", body, headers)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert not ActionUpdate.objects.exists()


# --- Outsiders, removed partners, anonymous callers. ---


def _every_endpoint(case: Case, entry_id: int, action_id: int) -> list[tuple[str, str]]:
    base = f"/api/v1/cases/{case.pk}"
    return [
        ("get", f"{base}/entries"),
        ("get", f"{base}/entries?q=Gedeeld"),
        ("post", f"{base}/entries"),
        ("get", f"{base}/entries/{entry_id}"),
        ("post", f"{base}/entries/{entry_id}/corrections"),
        ("get", f"{base}/plan"),
        ("get", f"{base}/actions"),
        ("get", f"{base}/actions/{action_id}"),
        ("post", f"{base}/actions/{action_id}/reports"),
    ]


def _case_with_entry_and_action(world: World) -> tuple[Case, CaseEntry, Action]:
    """A Wijkstad case with only the police on the team, one general entry and an action
    owned by the police partner."""
    case = open_case(world)
    return case, post_entry(world, case), new_action(world, case)


def post_entry(world: World, case: Case) -> CaseEntry:
    return entry_add(
        actor=world.actor(world.partner),
        user=world.partner.user,
        case=case,
        kind=CaseEntry.Kind.NOTE,
        category="general",
        source_organisation=world.police,
        legal_basis="",
        text=f"{WORD} MarkerAlgemeen",
    )


WRITE_BODY = {
    "kind": "note",
    "category": "general",
    "text": "Iets.",
    "reason": "x",
    "status": "done",
    "feedback": "x",
    "version": 1,
}


def _assert_all_404(client: Client, urls: list[tuple[str, str]], headers: dict[str, str]):
    for method, url in urls:
        if method == "get":
            response = client.get(url, headers=headers)
        else:
            response = post(client, url, WRITE_BODY, headers)
        assert response.status_code == 404, (method, url)
        assert response["Content-Type"] == PROBLEM, (method, url)


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer"])
def test_outsiders_get_404_for_every_endpoint_even_by_guessing_ids(
    client: Client, world: World, persona: str
):
    case, entry, action = _case_with_entry_and_action(world)
    headers = bearer(getattr(world, persona))
    _assert_all_404(client, _every_endpoint(case, entry.pk, action.pk), headers)
    missing = Case(pk=case.pk + 1000)
    _assert_all_404(client, _every_endpoint(missing, entry.pk + 1000, action.pk + 1000), headers)
    assert CaseEntry.objects.count() == 1
    assert entry.versions.count() == 1
    assert not ActionUpdate.objects.exists()


def test_an_entry_or_action_is_not_reached_through_another_case(client: Client, world: World):
    _case, entry, action = _case_with_entry_and_action(world)
    other = open_case(world)
    headers = bearer(world.partner)
    _assert_all_404(
        client,
        [
            ("get", entry_url(other, entry)),
            ("post", f"{entry_url(other, entry)}/corrections"),
            ("get", action_url(other, action)),
            ("post", f"{action_url(other, action)}/reports"),
        ],
        headers,
    )


def test_a_removed_team_partner_gets_404_for_every_endpoint_at_once(client: Client, world: World):
    case, entry, action = _case_with_entry_and_action(world)
    headers = bearer(world.partner)
    assert client.get(entries_url(case), headers=headers).status_code == 200
    assert client.get(action_url(case, action), headers=headers).status_code == 200
    case.refresh_from_db()
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Klaar",
        version=case.version,
    )
    _assert_all_404(client, _every_endpoint(case, entry.pk, action.pk), headers)
    assert CaseEntry.objects.count() == 1
    assert not ActionUpdate.objects.exists()


def test_anonymous_callers_get_401_problem_json_everywhere(client: Client, world: World):
    case, entry, action = _case_with_entry_and_action(world)
    for method, url in _every_endpoint(case, entry.pk, action.pk):
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, WRITE_BODY, content_type="application/json")
        assert response.status_code == 401, url
        assert response["Content-Type"] == PROBLEM, url


# --- Logging and the schema. ---


def test_every_read_is_logged_for_the_person(client: Client, world: World):
    case, entry, action = _case_with_entry_and_action(world)
    _agree(world, case, 0, "Dagbesteding gevonden")
    headers = bearer(world.partner)
    for url in (
        entries_url(case),
        f"{entries_url(case)}?q=gedeeld",
        entry_url(case, entry),
        f"/api/v1/cases/{case.pk}/plan",
        f"/api/v1/cases/{case.pk}/actions",
        action_url(case, action),
    ):
        assert client.get(url, headers=headers).status_code == 200, url
    records = ProcessingRecord.objects.filter(
        subject_pseudonym=pseudonymise(f"subject:{case.subject_id}"),
        actor_id=world.partner.user_id,
    )
    assert {
        "cases.entries.api.list",
        "cases.entries.search",
        "cases.entries.read",
        "cases.plan.read",
        "cases.actions.read",
        "cases.read",
    } <= set(records.values_list("name", flat=True))


def test_the_schema_documents_the_entry_plan_and_action_endpoints(tmp_path: Path, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    for path in (
        "/api/v1/cases/{case_id}/entries:",
        "/api/v1/cases/{case_id}/entries/{entry_id}:",
        "/api/v1/cases/{case_id}/entries/{entry_id}/corrections:",
        "/api/v1/cases/{case_id}/plan:",
        "/api/v1/cases/{case_id}/actions:",
        "/api/v1/cases/{case_id}/actions/{action_id}:",
        "/api/v1/cases/{case_id}/actions/{action_id}/reports:",
    ):
        assert path in schema, path
    for enum in ("InformationCategoryEnum:", "EntryKindEnum:", "NewEntryKindEnum:"):
        assert enum in schema
