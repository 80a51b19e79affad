"""The case conference (casusoverleg): its agenda, closed items, minutes, decisions, closing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Organisation
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Action, Case, CaseEntry, ConferenceDecision
from cases.plans import GoalInput, plan_agree
from cases.tests.test_cases import open_case, with_state
from cases.workflow import CaseStatus
from conferences import services
from conferences.agenda import REASON_NEW, REASON_OVERDUE, REASON_REVIEW
from meetings.models import AgendaItem, Meeting
from tests.personas import World, sign_in

# --- Helpers, shared with test_plans and test_actions. ---


def english(client: Client, membership: Membership) -> Client:
    """Signed in and reading English, so assertions can quote the msgids."""
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def when(days: int = 7) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def directed_case(world: World, **overrides: Any) -> Case:
    """A Wijkstad case with the police on the team and the process director on it."""
    return open_case(world, process_director=world.process_director.user, **overrides)


def conference(
    world: World, *organisations: Organisation, days: int = 7, chair: Any = None
) -> Meeting:
    chosen: Sequence[Organisation] = organisations or (world.gemeente_wijkstad, world.police)
    return services.conference_create(
        actor=world.actor(world.process_director),
        municipality=world.wijkstad,
        held_at=when(days),
        chair=chair or world.process_director.user,
        organisations=list(chosen),
    )


def item_of(meeting: Meeting, case: Case) -> AgendaItem:
    return AgendaItem.objects.get(meeting=meeting, item_type="case", item_id=case.pk)


def url(name: str, meeting: Meeting, **kwargs: int) -> str:
    return reverse(f"conferences:{name}", kwargs={"meeting_id": meeting.pk, **kwargs})


def add_minutes(world: World, meeting: Meeting, case: Case, **overrides: Any) -> CaseEntry:
    values: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "meeting": meeting,
        "item": item_of(meeting, case),
        "case": case,
        "category": "general",
        "source_organisation": world.police,
        "legal_basis": "",
        "text": "De politie ziet geen nieuwe signalen.",
    }
    values.update(overrides)
    return services.minutes_add(**values)


# --- The agenda. ---


def test_the_agenda_holds_new_cases_reviews_that_came_and_overdue_actions(world: World):
    reviewed = directed_case(world)
    overdue = directed_case(world)
    quiet = directed_case(world)
    with_state(world, status=CaseStatus.CLOSED)
    first = conference(world, days=-14)
    assert {i.item_id for i in first.agenda_items.all()} == {reviewed.pk, overdue.pk, quiet.pk}
    today = timezone.localdate()
    Case.objects.filter(pk=reviewed.pk).update(review_on=today)
    Action.objects.create(
        case=overdue,
        description="Gesprek met school",
        owner_organisation=world.police,
        owner=world.partner.user,
        due_on=today - timedelta(days=3),
        created_by=world.lead.user,
    )
    new = directed_case(world)

    second = conference(world)

    reasons = {i.item_id: i.reason for i in second.agenda_items.all()}
    assert reasons == {reviewed.pk: REASON_REVIEW, overdue.pk: REASON_OVERDUE, new.pk: REASON_NEW}


def test_a_case_with_a_decision_stays_on_the_agenda_when_no_longer_due(world: World):
    case = directed_case(world)
    meeting = conference(world)
    services.decision_record(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        meeting=meeting,
        item=item_of(meeting, case),
        case=case,
        kind=ConferenceDecision.Kind.CONTINUE,
        text="Doorgaan.",
    )
    conference(world, days=3)  # the case is no longer new for the first one

    services.conference_agenda_build(actor=world.actor(world.process_director), meeting=meeting)

    assert item_of(meeting, case)


def test_a_partner_not_on_a_cases_team_sees_a_closed_item_without_its_name(
    client: Client, world: World
):
    ours = directed_case(world)
    theirs = directed_case(world, team=[])
    meeting = conference(world)
    english(client, world.partner)

    page = client.get(url("detail", meeting)).content.decode()

    assert ours.subject.display_name in page
    assert theirs.subject.display_name not in page
    assert "closed item" in page
    printed = client.get(url("print", meeting)).content.decode()
    assert ours.subject.display_name in printed
    assert theirs.subject.display_name not in printed
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "besloten punt" in client.get(url("detail", meeting)).content.decode()
    item = item_of(meeting, theirs)
    assert client.get(url("item", meeting, item_id=item.pk)).status_code == 404


def test_the_agenda_logs_reads_only_of_the_cases_shown(client: Client, world: World):
    ours = directed_case(world)
    theirs = directed_case(world, team=[])
    meeting = conference(world)
    sign_in(client, world.partner)

    client.get(url("detail", meeting))

    reads = ProcessingRecord.objects.filter(
        name="cases.conference.read", actor_id=world.partner.user_id
    )
    pseudonyms = set(reads.values_list("subject_pseudonym", flat=True))
    assert pseudonymise(f"subject:{ours.subject_id}") in pseudonyms
    assert pseudonymise(f"subject:{theirs.subject_id}") not in pseudonyms


# --- Planning a conference through its pages. ---


def test_the_process_director_plans_a_conference_and_its_agenda_is_built(
    client: Client, world: World
):
    case = directed_case(world)
    english(client, world.process_director)
    response = client.post(
        reverse("conferences:create"),
        {
            "municipality": world.wijkstad.pk,
            "held_at": when().strftime("%Y-%m-%dT%H:%M"),
            "chair": world.process_director.user_id,
            "organisations": [world.gemeente_wijkstad.pk, world.police.pk],
        },
    )
    meeting = Meeting.objects.get(kind="case_conference")
    assert response.status_code == 302
    assert item_of(meeting, case).reason == REASON_NEW


def test_planning_without_attendees_is_refused_and_changes_nothing(client: Client, world: World):
    english(client, world.process_director)
    response = client.post(
        reverse("conferences:create"),
        {
            "municipality": world.wijkstad.pk,
            "held_at": when().strftime("%Y-%m-%dT%H:%M"),
            "chair": world.process_director.user_id,
        },
    )
    assert response.status_code == 400
    assert "Choose the organisations that take part." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_partner_cannot_plan_a_conference(client: Client, world: World):
    sign_in(client, world.partner)
    assert client.get(reverse("conferences:create")).status_code == 404


def test_the_list_shows_a_partner_only_conferences_their_organisation_attends(
    client: Client, world: World
):
    attended = conference(world)
    other = conference(world, world.gemeente_wijkstad, days=8)
    sign_in(client, world.partner)
    page = client.get(reverse("conferences:list")).content.decode()
    assert url("detail", attended) in page
    assert url("detail", other) not in page


# --- Minutes. ---


def test_the_lead_records_a_police_contribution_and_the_police_confirm_it(
    client: Client, world: World
):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    english(client, world.lead)
    response = client.post(
        url("minutes_add", meeting, item_id=item.pk),
        {
            "minutes-source_organisation": world.police.pk,
            "minutes-category": "general",
            "minutes-text": "De politie ziet geen nieuwe signalen.",
        },
    )
    assert response.status_code == 302
    entry = CaseEntry.objects.get(agenda_item=item, kind=CaseEntry.Kind.MINUTES)
    assert entry.source_organisation == world.police
    assert entry.confirmed_at is None

    english(client, world.partner)
    page = client.get(url("item", meeting, item_id=item.pk)).content.decode()
    assert "Confirm this contribution" in page
    response = client.post(
        url("minutes_confirm", meeting, entry_id=entry.pk), {"version": entry.version}
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.confirmed_by == world.partner.user


def test_a_contribution_written_by_the_own_organisation_counts_as_confirmed(world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(
        world, meeting, case, actor=world.actor(world.partner), user=world.partner.user
    )
    assert entry.confirmed_by == world.partner.user


def test_minutes_without_text_are_refused_and_nothing_is_recorded(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    english(client, world.lead)
    response = client.post(
        url("minutes_add", meeting, item_id=item.pk),
        {
            "minutes-source_organisation": world.police.pk,
            "minutes-category": "general",
            "minutes-text": "",
        },
    )
    assert response.status_code == 400
    assert "Write the minutes of this contribution." in response.content.decode()
    assert not CaseEntry.objects.exists()


def test_special_minutes_without_legal_basis_are_refused(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    english(client, world.lead)
    response = client.post(
        url("minutes_add", meeting, item_id=item.pk),
        {
            "minutes-source_organisation": world.police.pk,
            "minutes-category": "special",
            "minutes-text": "Gezondheid.",
        },
    )
    assert response.status_code == 400
    assert not CaseEntry.objects.exists()


def test_the_police_correct_their_contribution_by_a_new_version(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    english(client, world.partner)
    assert client.get(url("minutes_correct", meeting, entry_id=entry.pk)).status_code == 200

    response = client.post(
        url("minutes_correct", meeting, entry_id=entry.pk),
        {
            "text": "De politie ziet één nieuw signaal.",
            "reason": "Verkeerd genoteerd.",
            "version": 1,
        },
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert [v.text for v in entry.versions.order_by("number")] == [
        "De politie ziet geen nieuwe signalen.",
        "De politie ziet één nieuw signaal.",
    ]
    assert entry.confirmed_by == world.partner.user


def test_a_correction_by_the_lead_asks_the_police_to_confirm_again(world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    services.minutes_confirm(
        actor=world.actor(world.partner), user=world.partner.user, entry=entry, version=1
    )
    services.minutes_correct(
        actor=world.actor(world.lead),
        user=world.lead.user,
        entry=entry,
        text="Aangevuld.",
        reason="Aanvulling.",
        version=1,
    )
    entry.refresh_from_db()
    assert entry.confirmed_at is None


def test_confirming_a_text_that_was_corrected_meanwhile_is_a_conflict(client: Client, world: World):
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

    response = client.post(url("minutes_confirm", meeting, entry_id=entry.pk), {"version": 1})

    assert response.status_code == 409
    page = response.content.decode()
    assert "This contribution was corrected after you opened it." in page
    assert "Aanvulling van de gemeente." in page
    assert world.lead.user.full_name in page
    entry.refresh_from_db()
    assert entry.confirmed_at is None


def test_two_corrections_of_the_same_version_the_second_is_a_conflict(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    english(client, world.partner)
    path = url("minutes_correct", meeting, entry_id=entry.pk)
    first = client.post(path, {"text": "Eerste.", "reason": "Eerst.", "version": 1})
    second = client.post(path, {"text": "Mijn tweede tekst.", "reason": "Tweede.", "version": 1})

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "Mijn tweede tekst." in page  # what the user typed is kept
    assert world.partner.user.full_name in page  # who changed it
    assert entry.versions.count() == 2


def test_another_organisation_cannot_confirm_a_contribution(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case, source_organisation=world.gemeente_wijkstad)
    sign_in(client, world.partner)
    response = client.post(url("minutes_confirm", meeting, entry_id=entry.pk), {"version": 1})
    assert response.status_code == 404


# --- Decisions. ---


def test_the_chair_records_a_structured_decision(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    english(client, world.process_director)
    response = client.post(
        url("decision", meeting, item_id=item.pk),
        {"decision-kind": "review", "decision-text": "Over zes weken opnieuw."},
    )
    assert response.status_code == 302
    decision = ConferenceDecision.objects.get(agenda_item=item)
    assert decision.kind == ConferenceDecision.Kind.REVIEW
    assert decision.decided_by == world.process_director.user


def test_a_decision_of_an_unknown_kind_is_refused(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    english(client, world.process_director)
    response = client.post(
        url("decision", meeting, item_id=item.pk), {"decision-kind": "x", "decision-text": "?"}
    )
    assert response.status_code == 400
    assert not ConferenceDecision.objects.exists()


def test_a_partner_cannot_record_decisions(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    sign_in(client, world.partner)
    response = client.post(
        url("decision", meeting, item_id=item.pk), {"decision-kind": "other", "decision-text": "x"}
    )
    assert response.status_code == 404
    assert not ConferenceDecision.objects.exists()


# --- Closing the minutes. ---


def test_after_the_chair_closes_the_minutes_nothing_on_the_conference_changes(
    client: Client, world: World
):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    entry = add_minutes(world, meeting, case)
    english(client, world.process_director)
    response = client.post(url("close", meeting), {"version": meeting.version})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_closed_by == world.process_director.user

    english(client, world.lead)
    refusals = [
        client.post(
            url("minutes_add", meeting, item_id=item.pk),
            {
                "minutes-source_organisation": world.police.pk,
                "minutes-category": "general",
                "minutes-text": "Later.",
            },
        ).status_code
    ]
    english(client, world.partner)
    refusals += [
        client.post(url("minutes_confirm", meeting, entry_id=entry.pk), {"version": 1}).status_code,
        client.post(
            url("minutes_correct", meeting, entry_id=entry.pk),
            {"text": "Anders.", "reason": "Later.", "version": 1},
        ).status_code,
    ]
    english(client, world.process_director)
    refusals += [
        client.post(
            url("decision", meeting, item_id=item.pk),
            {"decision-kind": "other", "decision-text": "Later."},
        ).status_code,
        client.post(url("agenda_build", meeting)).status_code,
    ]

    assert refusals == [302] * 5  # each refused with a message, not as bad input
    assert CaseEntry.objects.count() == 1
    entry.refresh_from_db()
    assert entry.confirmed_at is None
    assert entry.versions.count() == 1
    assert not ConferenceDecision.objects.exists()
    with pytest.raises(ValidationError):
        plan_agree(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=case,
            summary="Te laat.",
            goals=[GoalInput("Doel", "care", world.police, timezone.localdate())],
            expected_number=0,
            meeting=meeting,
        )
    page = client.get(url("item", meeting, item_id=item.pk)).content.decode()
    assert "Record the decision" not in page


def test_closing_minutes_that_were_closed_meanwhile_is_a_conflict(client: Client, world: World):
    meeting = conference(world)
    version = meeting.version
    services.minutes_close(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        meeting=meeting,
        version=version,
    )
    english(client, world.process_director)
    response = client.post(url("close", meeting), {"version": version})
    assert response.status_code == 409
    assert world.process_director.user.full_name in response.content.decode()


def test_only_the_chair_closes_the_minutes(client: Client, world: World):
    meeting = conference(world)
    sign_in(client, world.lead)
    assert client.post(url("close", meeting), {"version": meeting.version}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.minutes_closed_at is None


# --- Who gets in. ---


def _all_urls(meeting: Meeting, item: AgendaItem, entry: CaseEntry) -> list[str]:
    return [
        url("detail", meeting),
        url("agenda_build", meeting),
        url("close", meeting),
        url("print", meeting),
        url("item", meeting, item_id=item.pk),
        url("minutes_add", meeting, item_id=item.pk),
        url("decision", meeting, item_id=item.pk),
        url("action", meeting, item_id=item.pk),
        url("minutes_confirm", meeting, entry_id=entry.pk),
        url("minutes_correct", meeting, entry_id=entry.pk),
    ]


def test_an_outsider_gets_404_for_every_conference_url(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    sign_in(client, world.outsider)
    for path in _all_urls(meeting, item_of(meeting, case), entry):
        assert client.get(path).status_code in {404, 405}, path
        assert client.post(path).status_code in {404, 405}, path
    assert CaseEntry.objects.count() == 1


def test_a_minutes_entry_of_another_conference_is_not_found_by_guessing(
    client: Client, world: World
):
    case = directed_case(world)
    meeting = conference(world)
    other = conference(world, days=9)
    entry = add_minutes(world, meeting, case)
    sign_in(client, world.partner)
    assert client.get(url("minutes_correct", other, entry_id=entry.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    entry = add_minutes(world, meeting, case)
    paths = _all_urls(meeting, item_of(meeting, case), entry)
    for path in [reverse("conferences:list"), reverse("conferences:create"), *paths]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/inloggen/")


def test_the_lead_and_the_partner_see_the_conference_pages(client: Client, world: World):
    case = directed_case(world)
    meeting = conference(world)
    item = item_of(meeting, case)
    for membership in (world.lead, world.partner, world.process_director):
        sign_in(client, membership)
        assert client.get(reverse("conferences:list")).status_code == 200
        assert client.get(url("detail", meeting)).status_code == 200
        assert client.get(url("item", meeting, item_id=item.pk)).status_code == 200
        assert client.get(url("print", meeting)).status_code == 200


def test_the_item_page_has_no_duplicate_ids(client: Client, world: World):
    """Three forms on one page: their fields are prefixed (axe: duplicate-id)."""
    import re

    case = directed_case(world)
    meeting = conference(world)
    add_minutes(world, meeting, case)
    sign_in(client, world.process_director)
    page = client.get(url("item", meeting, item_id=item_of(meeting, case).pk)).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert "id_decision-text" in ids
    assert len(ids) == len(set(ids))
