"""The weighing session through its pages: plan, warn, build, weigh, print."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from meetings.models import AgendaItem, Attendee, Meeting
from meetings.weighing import CRITERION_CODES, add_months
from signals.models import Signal, WeighingDecision
from signals.services import retention_date
from signals.workflow import Status
from tests.personas import World

from .builders import built, english, new_signal, plan, session_time


@pytest.fixture
def lead(client: Client, world: World) -> Client:
    return english(client, world.lead)


def meeting_data(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "held_at": session_time(7).strftime("%Y-%m-%dT%H:%M"),
        "chair": world.lead.user_id,
        "organisations": [world.gemeente_wijkstad.pk, world.police.pk],
        "people": [world.partner.pk],
    }
    data.update(overrides)
    return data


def weighing_data(signal: Signal, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "alternatives": ["identity", "family_conflict"],
        "proportionality": "Geen zorg, dus geen verdere stappen.",
        "subsidiarity": "De school begeleidt zelf.",
        "reasoning": "Past bij de leeftijd; geen aanwijzingen.",
        "outcome": "no_concern",
        "version": signal.version,
    }
    for code in CRITERION_CODES:
        data[f"{code}_answer"] = "not_met"
        data[f"{code}_evidence"] = "Niets gezien of gehoord."
        data[f"{code}_source"] = "school"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def item_url(meeting: Meeting, signal: Signal) -> str:
    item = AgendaItem.objects.get(meeting=meeting, item_type="signal", item_id=signal.pk)
    return reverse("meetings:item", args=[meeting.pk, item.pk])


# --- Planning a session ---


def test_the_lead_plans_a_session_with_its_attendees(lead: Client, world: World):
    response = lead.post(reverse("meetings:create"), meeting_data(world))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert (meeting.kind, meeting.municipality, meeting.chair) == (
        "weighing",
        world.wijkstad,
        world.lead.user,
    )
    assert set(Attendee.objects.values_list("organisation_id", "user_id")) == {
        (world.gemeente_wijkstad.pk, None),
        (world.police.pk, world.partner.user_id),
    }
    record = ProcessingRecord.objects.filter(name="meetings.create").first()
    assert record is not None
    assert record.operation == Operation.CREATE


def test_the_form_names_the_people_who_may_attend_and_logs_that(lead: Client, world: World):
    response = lead.get(reverse("meetings:create"))
    assert response.status_code == 200
    assert "Piet Partner" in response.content.decode()
    logged = set(
        ProcessingRecord.objects.filter(name="meetings.form.read").values_list(
            "subject_pseudonym", flat=True
        )
    )
    assert pseudonymise(f"user:{world.partner.user_id}") in logged


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_at": ""}, "Give the date and time of the session."),
        ({"held_at": "morgen"}, "Give the date and time as day, month, year"),
        ({"organisations": [], "people": []}, "Choose the organisations that take part."),
        ({"chair": "999999"}, "Choose the chair from the list."),
        ({"chair": "{partner}"}, "Choose the chair from the list."),
    ],
)
def test_bad_planning_input_is_refused_with_a_clear_message(
    lead: Client, world: World, overrides, message
):
    if overrides.get("chair") == "{partner}":
        overrides = {"chair": world.partner.user_id}
    response = lead.post(reverse("meetings:create"), meeting_data(world, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_lead_changes_the_attendees(lead: Client, world: World, prosecution):
    meeting = plan(world)
    data = meeting_data(
        world,
        organisations=[world.gemeente_wijkstad.pk, world.police.pk, prosecution.pk],
        people=[],
        version=meeting.version,
    )
    response = lead.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.version == 2
    assert set(meeting.attendees.values_list("organisation_id", flat=True)) == {
        world.gemeente_wijkstad.pk,
        world.police.pk,
        prosecution.pk,
    }


def test_a_stale_change_of_a_session_is_refused(lead: Client, world: World):
    meeting = plan(world)
    Meeting.objects.filter(pk=meeting.pk).update(version=5)
    data = meeting_data(world, organisations=[world.safety_house.pk], people=[], version=1)
    response = lead.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 409
    assert "Someone else changed this session" in response.content.decode()
    assert set(meeting.attendees.values_list("organisation_id", flat=True)) == {
        world.gemeente_wijkstad.pk,
        world.police.pk,
    }


# --- The session page ---


def test_the_page_warns_when_the_prosecutor_is_missing(lead: Client, world: World):
    meeting = plan(world)
    content = lead.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "The core of the weighing session is incomplete." in content
    assert "Not among the attendees: public prosecutor." in content


def test_no_warning_when_municipality_police_and_prosecutor_attend(
    lead: Client, world: World, prosecution
):
    meeting = plan(world, world.gemeente_wijkstad, world.police, prosecution)
    content = lead.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "incomplete" not in content


def test_the_lead_builds_the_agenda_from_the_page(lead: Client, world: World):
    signal = new_signal(world, surname="Agendapersoon")
    meeting = plan(world)
    response = lead.post(reverse("meetings:agenda_build", args=[meeting.pk]))
    assert response.status_code == 302
    content = lead.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Sam Agendapersoon" in content
    assert "awaiting weighing" in content
    assert item_url(meeting, signal) in content


def test_reading_the_session_page_logs_each_subject_and_the_people_named(
    lead: Client, world: World
):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    lead.get(reverse("meetings:detail", args=[meeting.pk]))
    reads = ProcessingRecord.objects.filter(name="meetings.read", operation=Operation.READ)
    pseudonyms = set(reads.values_list("subject_pseudonym", flat=True))
    assert pseudonymise(f"subject:{signal.subject_id}") in pseudonyms
    assert pseudonymise(f"user:{world.lead.user_id}") in pseudonyms  # the chair


# --- Weighing an item ---


def test_the_lead_opens_the_weighing_form(lead: Client, world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    response = lead.get(item_url(meeting, signal))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Concrete behaviour that points to radicalisation" in content
    assert "Record the decision" in content
    assert f'name="version" value="{signal.version}"' in content
    assert "score" not in content.replace("no scores", "")
    assert ProcessingRecord.objects.filter(
        name="meetings.item.read", subject_pseudonym=pseudonymise(f"subject:{signal.subject_id}")
    ).exists()


def test_recording_no_concern_closes_the_signal_and_shows_the_retention_date(
    lead: Client, world: World
):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    response = lead.post(item_url(meeting, signal), weighing_data(signal), follow=True)
    signal.refresh_from_db()
    keep_until = retention_date(timezone.localdate())
    assert response.redirect_chain[-1][0] == reverse("meetings:detail", args=[meeting.pk])
    assert signal.status == Status.CLOSED
    assert signal.retention_until == keep_until
    assert "The signal is kept until" in response.content.decode()
    decided = lead.get(item_url(meeting, signal)).content.decode()
    assert "Decision of this session" in decided
    assert keep_until.strftime("%Y") in decided
    assert "Record the decision" not in decided


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"proportionality": ""}, "Write down why this outcome is proportionate."),
        ({"outcome": "high_risk"}, "Choose one of the outcomes in the list."),
        ({"outcome": None}, "Choose the outcome."),
        ({"behaviour_answer": None}, "Choose met, not met or unknown for this criterion."),
        ({"behaviour_answer": "met", "behaviour_evidence": ""}, "Write the evidence"),
        ({"alternatives": None}, "Tick the alternative explanations the session considered."),
        ({"alternatives": ["other"]}, "Describe the other explanation that was considered."),
        ({"outcome": "gather_information"}, "Give the date on which the session weighs"),
        ({"outcome": "refer_to_care", "outcome_note": "x"}, "Choose the organisation that"),
        ({"review_on": "31-02-2027", "outcome": "gather_information"}, "Give the date as day"),
    ],
)
def test_an_incomplete_weighing_is_refused_with_a_clear_message(
    lead: Client, world: World, overrides, message
):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    response = lead.post(item_url(meeting, signal), weighing_data(signal, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Status.AWAITING_WEIGHING
    assert not WeighingDecision.objects.exists()


def test_a_review_date_beyond_three_months_is_refused(lead: Client, world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    late = add_months(timezone.localtime(meeting.held_at).date(), 3) + timedelta(days=1)
    data = weighing_data(signal, outcome="gather_information", review_on=late.isoformat())
    response = lead.post(item_url(meeting, signal), data)
    assert response.status_code == 400
    assert "at most three months after the session" in response.content.decode()
    assert not WeighingDecision.objects.exists()


def test_gathering_information_within_three_months_is_recorded(lead: Client, world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    review = timezone.localtime(meeting.held_at).date() + timedelta(days=30)
    data = weighing_data(signal, outcome="gather_information", review_on=review.isoformat())
    assert lead.post(item_url(meeting, signal), data).status_code == 302
    decision = WeighingDecision.objects.get()
    assert (decision.outcome, decision.review_on) == ("gather_information", review)
    assert Signal.objects.get(pk=signal.pk).status == Status.WEIGHED


def test_a_stale_version_is_refused_with_a_conflict(lead: Client, world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    data = weighing_data(signal)
    Signal.objects.filter(pk=signal.pk).update(version=signal.version + 1)
    response = lead.post(item_url(meeting, signal), data)
    assert response.status_code == 409
    assert "Someone else changed this signal" in response.content.decode()
    assert Signal.objects.get(pk=signal.pk).status == Status.AWAITING_WEIGHING
    assert not WeighingDecision.objects.exists()


def test_a_second_decision_in_the_same_session_is_refused(lead: Client, world: World):
    signal = new_signal(world)
    meeting = built(world, plan(world))
    url = item_url(meeting, signal)
    lead.post(url, weighing_data(signal, outcome="include"))
    signal.refresh_from_db()
    response = lead.post(url, weighing_data(signal))
    assert response.status_code == 400
    assert WeighingDecision.objects.count() == 1


# --- Printing ---


def test_the_print_page_lists_items_and_decisions(lead: Client, world: World):
    decided = new_signal(world, surname="Besloten")
    open_ = new_signal(world, surname="Open")
    meeting = built(world, plan(world))
    lead.post(item_url(meeting, decided), weighing_data(decided))
    content = lead.get(reverse("meetings:print", args=[meeting.pk])).content.decode()
    assert "Sam Besloten" in content
    assert "no concern" in content
    assert "kept until" in content
    assert "Sam Open" in content
    assert "not yet decided" in content
    assert ProcessingRecord.objects.filter(
        name="meetings.print", subject_pseudonym=pseudonymise(f"subject:{open_.subject_id}")
    ).exists()


def test_an_attending_partner_prints_only_what_they_may_see(client: Client, world: World):
    signal = new_signal(world, surname="Zichtbaar")
    meeting = built(world, plan(world))
    # An item no registered source vouches for (a later item type) is closed to everyone.
    AgendaItem.objects.create(
        meeting=meeting, position=2, item_type="case", item_id=signal.pk, reason="review"
    )
    english(client, world.partner)
    response = client.get(reverse("meetings:print", args=[meeting.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sam Zichtbaar" in content
    assert content.count("closed item") == 1
    assert "Record the decision" not in content
    assert ProcessingRecord.objects.filter(
        name="meetings.print",
        actor_id=world.partner.user_id,
        subject_pseudonym=pseudonymise(f"subject:{signal.subject_id}"),
    ).exists()


def test_the_print_stylesheet_hides_the_navigation():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "schakel.css").read_text()
    print_block = css[css.index("@media print") :]
    assert ".schakel-header" in print_block
    assert ".schakel-no-print" in print_block


def _queries_for_meeting_pages(lead: Client, world: World, signals: int) -> list[int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = plan(world)
    for number in range(signals):
        new_signal(world, surname=f"Persoon{number}")
    built(world, meeting)
    counts = []
    for url in (f"/overleggen/{meeting.pk}/", f"/overleggen/{meeting.pk}/afdrukken/"):
        with CaptureQueriesContext(connection) as queries:
            assert lead.get(url).status_code == 200
        # The processing log writes one row per subject in one INSERT; count reads only.
        counts.append(sum(1 for q in queries.captured_queries if "audit_" not in q["sql"]))
    return counts


def test_agenda_pages_do_not_query_more_for_more_signals(lead: Client, world: World):
    few = _queries_for_meeting_pages(lead, world, 2)
    many = _queries_for_meeting_pages(lead, world, 8)
    assert few == many


def test_held_sessions_are_paged_by_keyset_without_gaps(lead: Client, world: World):
    from meetings.views import PAST_PAGE_SIZE

    held = [plan(world, days=-(n + 1)) for n in range(PAST_PAGE_SIZE + 5)]
    first = lead.get("/overleggen/")
    assert first.status_code == 200
    cursor = first.context["next_cursor"]
    assert [m.pk for m in first.context["past"]] == [m.pk for m in held[:PAST_PAGE_SIZE]]
    second = lead.get(f"/overleggen/?voor={cursor}")
    assert [m.pk for m in second.context["past"]] == [m.pk for m in held[PAST_PAGE_SIZE:]]
    assert second.context["next_cursor"] is None
    assert lead.get("/overleggen/?voor=abc").context["past"][0].pk == held[0].pk
