"""Case entries through HTTP: each information category reaches exactly the readers DESIGN §4
allows — on the case page, in the search and its counts, in the timeline and in the print —
corrections keep the history, and special or secret entries are shared one by one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.entries import entry_add, entry_grant
from cases.models import Case, CaseEntry, CaseEntryVersion, EntryGrant
from cases.tests.test_cases import open_case
from tests.personas import World, sign_in

WORD = "Gedeeld"  # in every entry's text, so one search finds them all


@dataclass
class Setup:
    case: Case
    general: CaseEntry
    special: CaseEntry
    criminal: CaseEntry
    secrecy: CaseEntry

    def all(self) -> list[CaseEntry]:
        return [self.general, self.special, self.criminal, self.secrecy]


def _add(world: World, case: Case, author: Membership, category: str, source, marker: str):
    return entry_add(
        actor=world.actor(author),
        user=author.user,
        case=case,
        kind=CaseEntry.Kind.NOTE,
        category=category,
        source_organisation=source,
        legal_basis="" if category == "general" else "Art. 9 lid 2 AVG",
        text=f"{WORD} {marker}",
    )


def setup_entries(world: World) -> Setup:
    """A Wijkstad case with the police (world.partner) and the Polderveen social team
    (world.outsider) on the team, directed by world.lead and world.process_director."""
    case = open_case(
        world,
        team=[world.police, world.wijkteam_polderveen],
        process_director=world.process_director.user,
    )
    return Setup(
        case=case,
        general=_add(world, case, world.partner, "general", world.police, "MarkerAlgemeen"),
        special=_add(world, case, world.partner, "special", world.police, "MarkerBijzonder"),
        criminal=_add(
            world, case, world.lead, "criminal", world.gemeente_wijkstad, "MarkerStrafrecht"
        ),
        secrecy=_add(
            world, case, world.outsider, "secrecy", world.wijkteam_polderveen, "MarkerGeheim"
        ),
    )


MARKERS = {
    "general": "MarkerAlgemeen",
    "special": "MarkerBijzonder",
    "criminal": "MarkerStrafrecht",
    "secrecy": "MarkerGeheim",
}
# Who reads which category on this case (DESIGN §4 and access.entries.may_view_entry).
EXPECTED = {
    "lead": {"general", "special", "criminal"},
    "process_director": {"general", "criminal"},
    "partner": {"general", "special", "criminal"},  # police: source of special, art. 10 kind
    "outsider": {"general", "secrecy"},  # social team: source of the secret
}


def _entry(setup: Setup, category: str) -> CaseEntry:
    return getattr(setup, category)


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_case_page_shows_each_reader_exactly_the_allowed_categories(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    sign_in(client, getattr(world, persona))
    response = client.get(f"/casussen/{setup.case.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    for category, marker in MARKERS.items():
        link = f"/casussen/{setup.case.pk}/notities/{_entry(setup, category).pk}/"
        visible = category in EXPECTED[persona]
        assert (marker in body) is visible, (persona, category)
        # The entry's link appears in the table and the timeline only when visible.
        assert (link in body) is visible, (persona, category)
    assert len(response.context["entry_rows"]) == len(EXPECTED[persona])
    timeline_entries = {item.entry_id for item in response.context["timeline"] if item.entry_id}
    assert timeline_entries == {_entry(setup, c).pk for c in EXPECTED[persona]}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_search_finds_and_counts_only_the_allowed_entries(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    sign_in(client, getattr(world, persona))
    response = client.get(f"/casussen/{setup.case.pk}/notities/zoeken/", {"q": WORD.lower()})
    assert response.status_code == 200
    found = {row.entry.pk for row in response.context["rows"]}
    assert found == {_entry(setup, c).pk for c in EXPECTED[persona]}
    assert response.context["total"] == len(EXPECTED[persona])
    body = response.content.decode()
    for category, marker in MARKERS.items():
        assert (marker in body) is (category in EXPECTED[persona])


def test_a_search_for_a_hidden_word_finds_nothing_and_reveals_nothing(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.process_director)
    response = client.get(f"/casussen/{setup.case.pk}/notities/zoeken/", {"q": "MarkerGeheim"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["total"] == 2


def test_a_too_long_search_is_refused_with_400(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.lead)
    response = client.get(f"/casussen/{setup.case.pk}/notities/zoeken/", {"q": "x" * 201})
    assert response.status_code == 400


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_print_holds_only_the_allowed_entries_and_is_logged_as_a_print(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    sign_in(client, getattr(world, persona))
    response = client.get(f"/casussen/{setup.case.pk}/afdrukken/")
    assert response.status_code == 200
    body = response.content.decode()
    for category, marker in MARKERS.items():
        assert (marker in body) is (category in EXPECTED[persona])
    record = ProcessingRecord.objects.get(name="cases.print")
    assert record.operation == Operation.PRINT
    assert record.subject_pseudonym == pseudonymise(f"subject:{setup.case.subject_id}")


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_an_entry_page_is_404_for_whoever_may_not_read_it(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    sign_in(client, getattr(world, persona))
    for category in MARKERS:
        entry = _entry(setup, category)
        status = client.get(f"/casussen/{setup.case.pk}/notities/{entry.pk}/").status_code
        assert status == (200 if category in EXPECTED[persona] else 404), category


def test_an_entry_cannot_be_reached_through_another_case(client: Client, world: World):
    setup = setup_entries(world)
    other = open_case(world)
    sign_in(client, world.lead)
    path = f"/casussen/{other.pk}/notities/{setup.general.pk}/"
    assert client.get(path).status_code == 404


def test_outsiders_of_the_case_get_404_for_every_entry_url(client: Client, world: World):
    setup = open_case(world)  # police only; the social team is not on it
    entry = _add(world, setup, world.partner, "general", world.police, "MarkerAlgemeen")
    sign_in(client, world.outsider)
    base = f"/casussen/{setup.pk}"
    for path in (
        f"{base}/notities/nieuw/",
        f"{base}/notities/zoeken/",
        f"{base}/notities/{entry.pk}/",
        f"{base}/afdrukken/",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        f"{base}/notities/nieuw/",
        f"{base}/notities/{entry.pk}/corrigeren/",
        f"{base}/notities/{entry.pk}/delen/",
    ):
        assert client.post(path, {"text": "x", "reason": "x"}).status_code == 404, path
    assert CaseEntry.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_for_every_entry_url(client: Client, world: World):
    setup = setup_entries(world)
    base = f"/casussen/{setup.case.pk}"
    entry = setup.general.pk
    for path in (
        f"{base}/notities/nieuw/",
        f"{base}/notities/zoeken/",
        f"{base}/notities/{entry}/",
        f"{base}/afdrukken/",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
    response = client.post(f"{base}/notities/{entry}/corrigeren/")
    assert response["Location"].startswith("/inloggen/")


# --- Adding. ---


def test_the_lead_recording_a_partners_secret_lands_on_the_case_page(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.lead)
    response = client.post(
        f"/casussen/{case.pk}/notities/nieuw/",
        {
            "kind": "note",
            "category": "secrecy",
            "source_organisation": world.police.pk,
            "legal_basis": "Toestemming betrokkene",
            "text": "Alleen voor de bron.",
        },
    )
    entry = CaseEntry.objects.get()
    assert entry.category == "secrecy"
    # The lead cannot read it: no redirect to a page that would answer 404.
    assert response["Location"] == f"/casussen/{case.pk}/"
    assert client.get(f"/casussen/{case.pk}/notities/{entry.pk}/").status_code == 404


def test_a_team_partner_records_an_entry_for_their_own_organisation(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.partner)
    assert client.get(f"/casussen/{case.pk}/notities/nieuw/").status_code == 200
    response = client.post(
        f"/casussen/{case.pk}/notities/nieuw/",
        {
            "kind": "fact",
            "category": "special",
            "source_organisation": world.police.pk,
            "legal_basis": "Toestemming betrokkene",
            "text": "Staat onder behandeling.",
        },
    )
    entry = CaseEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.pk}/notities/{entry.pk}/"
    assert entry.source_organisation == world.police
    assert entry.author == world.partner.user
    assert entry.versions.get().text == "Staat onder behandeling."
    assert ProcessingRecord.objects.filter(name="cases.entries.create").exists()


def test_a_partner_cannot_name_another_organisation_as_source(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.partner)
    response = client.post(
        f"/casussen/{case.pk}/notities/nieuw/",
        {
            "kind": "note",
            "category": "general",
            "source_organisation": world.gemeente_wijkstad.pk,
            "text": "Iets.",
        },
    )
    assert response.status_code == 400
    assert CaseEntry.objects.count() == 0


def test_the_lead_may_record_what_a_team_organisation_reported(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.lead)
    response = client.post(
        f"/casussen/{case.pk}/notities/nieuw/",
        {
            "kind": "note",
            "category": "general",
            "source_organisation": world.police.pk,
            "text": "Politie meldt rust.",
        },
    )
    assert response.status_code == 302
    assert CaseEntry.objects.get().source_organisation == world.police


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "note", "category": "special", "text": "Zonder grondslag."},
        {"kind": "note", "category": "", "text": "Zonder categorie."},
        {"kind": "note", "category": "general", "text": "   "},
        {"kind": "minutes", "category": "general", "text": "Verkeerd soort."},
    ],
    ids=["no-legal-basis", "no-category", "no-text", "wrong-kind"],
)
def test_bad_entry_input_is_refused_with_400_and_nothing_is_saved(
    client: Client, world: World, data: dict[str, str]
):
    case = open_case(world)
    sign_in(client, world.partner)
    response = client.post(
        f"/casussen/{case.pk}/notities/nieuw/",
        {**data, "source_organisation": world.police.pk, "legal_basis": ""},
    )
    assert response.status_code == 400
    assert CaseEntry.objects.count() == 0


# --- Correcting. ---


def _correct(client: Client, case: Case, entry: CaseEntry, *, text: str, reason: str, version):
    return client.post(
        f"/casussen/{case.pk}/notities/{entry.pk}/corrigeren/",
        {"correct-text": text, "correct-reason": reason, "correct-version": version},
    )


def test_a_correction_adds_a_version_and_the_history_stays_readable(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.partner)
    response = _correct(
        client, setup.case, setup.general, text="Gecorrigeerd", reason="Typfout", version=1
    )
    assert response.status_code == 302
    setup.general.refresh_from_db()
    assert setup.general.version == 2
    assert list(setup.general.versions.values_list("number", "text")) == [
        (1, f"{WORD} MarkerAlgemeen"),
        (2, "Gecorrigeerd"),
    ]
    page = client.get(f"/casussen/{setup.case.pk}/notities/{setup.general.pk}/")
    body = page.content.decode()
    assert "MarkerAlgemeen" in body
    assert "Gecorrigeerd" in body
    assert "Typfout" in body
    # The team's social worker may read the entry, so also its history.
    other = Client()
    sign_in(other, world.outsider)
    body = other.get(f"/casussen/{setup.case.pk}/notities/{setup.general.pk}/").content.decode()
    assert "MarkerAlgemeen" in body
    assert "Gecorrigeerd" in body
    case_page = client.get(f"/casussen/{setup.case.pk}/")
    row = next(r for r in case_page.context["entry_rows"] if r.entry.pk == setup.general.pk)
    assert row.version_count == 2
    assert row.text == "Gecorrigeerd"


def test_a_correction_needs_a_reason(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.partner)
    response = _correct(client, setup.case, setup.general, text="Nieuw", reason="", version=1)
    assert response.status_code == 400
    assert setup.general.versions.count() == 1


def test_two_corrections_of_the_same_version_the_second_gets_a_conflict(
    client: Client, world: World
):
    setup = setup_entries(world)
    sign_in(client, world.partner)
    lead = Client()
    sign_in(lead, world.lead)
    first = _correct(lead, setup.case, setup.general, text="Eerste", reason="Lead", version=1)
    assert first.status_code == 302
    second = _correct(
        client, setup.case, setup.general, text="Mijn tekst", reason="Mijn reden", version=1
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert world.lead.user.full_name in body  # who made the other change
    assert "Lead" in body  # their reason
    assert "Mijn tekst" in body
    assert "Mijn reden" in body
    assert list(setup.general.versions.values_list("text", flat=True)) == [
        f"{WORD} MarkerAlgemeen",
        "Eerste",
    ]
    assert second.context["correct_form"].initial["version"] == 2


@pytest.mark.parametrize("persona", ["outsider", "process_director"])
def test_only_the_source_organisation_or_the_lead_may_correct(
    client: Client, world: World, persona: str
):
    setup = setup_entries(world)
    sign_in(client, getattr(world, persona))
    response = _correct(client, setup.case, setup.general, text="X", reason="Y", version=1)
    assert response.status_code == 404
    assert setup.general.versions.count() == 1


def test_the_lead_may_not_correct_a_secret_the_lead_cannot_read(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.lead)
    response = _correct(client, setup.case, setup.secrecy, text="X", reason="Y", version=1)
    assert response.status_code == 404


# --- Sharing. ---


def test_the_source_shares_a_special_entry_with_a_team_organisation_and_can_stop(
    client: Client, world: World
):
    setup = setup_entries(world)
    reader = Client()
    sign_in(reader, world.outsider)
    path = f"/casussen/{setup.case.pk}/notities/{setup.special.pk}/"
    assert reader.get(path).status_code == 404
    sign_in(client, world.partner)
    response = client.post(
        f"{path}delen/",
        {
            "grant-organisation": world.wijkteam_polderveen.pk,
            "grant-reason": "Toestemming betrokkene",
        },
    )
    assert response.status_code == 302
    assert reader.get(path).status_code == 200
    assert "MarkerBijzonder" in reader.get(f"/casussen/{setup.case.pk}/").content.decode()
    grant = EntryGrant.objects.get()
    response = client.post(f"{path}delen/{grant.pk}/intrekken/")
    assert response.status_code == 302
    assert reader.get(path).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    names = set(ProcessingRecord.objects.values_list("name", flat=True))
    assert {"cases.entries.grant", "cases.entries.grant_revoke"} <= names


def test_a_secret_is_shared_only_by_its_source(client: Client, world: World):
    setup = setup_entries(world)
    path = f"/casussen/{setup.case.pk}/notities/{setup.secrecy.pk}/delen/"
    sign_in(client, world.lead)
    assert (
        client.post(path, {"grant-organisation": world.police.pk, "grant-reason": "x"}).status_code
        == 404
    )
    source = Client()
    sign_in(source, world.outsider)
    response = source.post(
        path, {"grant-organisation": world.police.pk, "grant-reason": "Wettelijke plicht"}
    )
    assert response.status_code == 302
    police = Client()
    sign_in(police, world.partner)
    assert "MarkerGeheim" in police.get(f"/casussen/{setup.case.pk}/").content.decode()


def test_sharing_needs_a_ground_and_a_team_organisation(client: Client, world: World):
    setup = setup_entries(world)
    path = f"/casussen/{setup.case.pk}/notities/{setup.special.pk}/delen/"
    sign_in(client, world.partner)
    no_ground = client.post(
        path, {"grant-organisation": world.wijkteam_polderveen.pk, "grant-reason": ""}
    )
    assert no_ground.status_code == 400
    not_on_team = client.post(
        path, {"grant-organisation": world.safety_house.pk, "grant-reason": "x"}
    )
    assert not_on_team.status_code == 400
    assert EntryGrant.objects.count() == 0


def test_general_entries_are_not_shared_one_by_one(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.partner)
    path = f"/casussen/{setup.case.pk}/notities/{setup.general.pk}/delen/"
    response = client.post(
        path, {"grant-organisation": world.wijkteam_polderveen.pk, "grant-reason": "x"}
    )
    assert response.status_code == 404


def test_a_grant_survives_only_while_the_organisation_is_on_the_team(world: World):
    """Removing the organisation from the team ends its access to shared entries too."""
    from access.entries import may_view_entry
    from cases.entry_gates import entry_facts
    from cases.gates import case_facts
    from cases.services import team_remove

    setup = setup_entries(world)
    entry_grant(
        actor=world.actor(world.partner),
        user=world.partner.user,
        entry=setup.special,
        organisation=world.wijkteam_polderveen,
        reason="Toestemming",
    )
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=setup.case,
        organisation=world.wijkteam_polderveen,
        reason="klaar",
        version=setup.case.version,
    )
    facts = entry_facts(setup.special, case_facts(setup.case))
    assert not may_view_entry(world.actor(world.outsider), facts)


# --- Logging and queries. ---


def test_reading_the_entries_is_logged(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.partner)
    client.get(f"/casussen/{setup.case.pk}/")
    client.get(f"/casussen/{setup.case.pk}/notities/{setup.general.pk}/")
    client.get(f"/casussen/{setup.case.pk}/notities/zoeken/", {"q": WORD})
    subject = pseudonymise(f"subject:{setup.case.subject_id}")
    names = set(
        ProcessingRecord.objects.filter(
            subject_pseudonym=subject, actor_id=world.partner.user_id
        ).values_list("name", flat=True)
    )
    assert {"cases.entries.read", "cases.entries.search"} <= names


def test_the_case_page_query_count_does_not_grow_with_the_entries(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.lead)
    path = f"/casussen/{setup.case.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for number in range(6):
        _add(world, setup.case, world.partner, "special", world.police, f"Extra{number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert len(response.context["entry_rows"]) == 9
    assert len(many.captured_queries) == len(few.captured_queries)


def test_entry_versions_are_append_only(world: World):
    setup = setup_entries(world)
    version = CaseEntryVersion.objects.first()
    assert version is not None
    with pytest.raises(ValueError, match="append-only"):
        version.save()
    assert setup.general.version == 1
