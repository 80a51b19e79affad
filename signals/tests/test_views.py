"""The signal list, the overdue list and a signal's page, with the lead's changes."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Membership
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from meetings.models import MeetingKind
from signals.models import Signal
from signals.services import signal_transition, signals_overdue
from signals.tests.builders import (
    intake_desk,
    new_signal,
    notice_signal,
    on_weighing_agenda,
    person,
    sign_in_en,
)
from signals.workflow import Status
from tests.factories import MembershipFactory
from tests.personas import World, sign_in


def reading_date(day) -> str:
    """A date as the English interface shows it outside tables ("7 December 2026")."""
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


LIST = "/meldingen/"
OVERDUE = "/meldingen/te-laat/"


def detail(signal: Signal) -> str:
    return f"/meldingen/{signal.pk}/"


def shown_ids(response) -> list[int]:
    return [row["signal"].pk for row in response.context["rows"]]


def read_pseudonyms(name: str) -> set[str]:
    return set(
        ProcessingRecord.objects.filter(name=name, operation=Operation.READ).values_list(
            "subject_pseudonym", flat=True
        )
    )


def subject_pseudonym(signal: Signal) -> str:
    return pseudonymise(f"subject:{signal.subject_id}")


# --- Who reaches what. ---


def test_anonymous_visitors_are_sent_to_login(client: Client, world: World):
    signal = new_signal(world)
    for url in (LIST, OVERDUE, detail(signal)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
    for url in (f"{detail(signal)}status/", f"{detail(signal)}samenvoegen/"):
        assert client.post(url, {}).status_code == 302


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer", "process_director"])
def test_outsiders_get_an_empty_list_and_not_found_for_a_signal(
    client: Client, world: World, persona: str
):
    signal = new_signal(world)
    sign_in(client, getattr(world, persona))
    response = client.get(LIST)
    assert response.status_code == 200
    assert shown_ids(response) == []
    assert "Testpersoon" not in response.content.decode()
    assert client.get(detail(signal)).status_code == 404
    data = {"transition-to": "verifying", "transition-reason": "x", "transition-version": 1}
    assert client.post(f"{detail(signal)}status/", data).status_code == 404
    assert client.post(f"{detail(signal)}samenvoegen/", {}).status_code == 404
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED
    assert not ProcessingRecord.objects.filter(operation=Operation.READ).exists()


def test_the_lead_sees_the_signals_of_their_own_municipality_only(client: Client, world: World):
    own = new_signal(world)
    new_signal(world, municipality=world.polderveen)
    sign_in(client, world.lead)
    assert shown_ids(client.get(LIST)) == [own.pk]


def test_the_intake_desk_sees_only_what_it_registered(client: Client, world: World):
    desk = intake_desk(world)
    registered = new_signal(world, by=desk)
    other = new_signal(world)
    sign_in(client, desk)
    assert shown_ids(client.get(LIST)) == [registered.pk]
    assert client.get(detail(registered)).status_code == 200
    assert client.get(detail(other)).status_code == 404


def test_a_partner_sees_a_signal_only_on_the_agenda_of_a_weighing_it_attends(
    client: Client, world: World
):
    signal = new_signal(world)
    sign_in(client, world.partner)
    assert shown_ids(client.get(LIST)) == []
    assert client.get(detail(signal)).status_code == 404
    # A weighing session without the police, and a case conference with them: still nothing.
    on_weighing_agenda(world, signal, world.gemeente_wijkstad)
    on_weighing_agenda(world, signal, world.police, kind=MeetingKind.CASE_CONFERENCE)
    assert shown_ids(client.get(LIST)) == []
    assert client.get(detail(signal)).status_code == 404
    on_weighing_agenda(world, signal, world.police)
    assert shown_ids(client.get(LIST)) == [signal.pk]
    assert client.get(detail(signal)).status_code == 200


def test_a_partner_who_sees_a_signal_cannot_change_it(client: Client, world: World):
    signal = new_signal(world)
    on_weighing_agenda(world, signal, world.police)
    sign_in(client, world.partner)
    page = client.get(detail(signal)).content.decode()
    assert "/status/" not in page
    data = {"transition-to": "verifying", "transition-reason": "x", "transition-version": 1}
    assert client.post(f"{detail(signal)}status/", data).status_code == 404
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED


def test_the_police_contact_sees_an_acute_signal_at_once(client: Client, world: World):
    world.wijkstad.police_contact = world.partner.user
    world.wijkstad.save()
    acute = new_signal(world, urgency="acute")
    new_signal(world)
    sign_in(client, world.partner)
    assert shown_ids(client.get(LIST)) == [acute.pk]


# --- The list. ---


def test_the_list_shows_the_columns_and_marks_overdue_signals(client: Client, world: World):
    late = new_signal(world, received_at=timezone.now() - timedelta(days=30))
    sign_in_en(client, world.lead)
    page = client.get(LIST).content.decode()
    for text in ("<caption", 'scope="col"', "Testwijkstad", "Sam Testpersoon", "unclear"):
        assert text in page
    assert late.verification_deadline.strftime("%d-%m-%Y") in page
    assert "(overdue)" in page


def test_filters_narrow_the_list(client: Client, world: World):
    old = new_signal(world, received_at=timezone.now() - timedelta(days=40))
    acute = new_signal(world, urgency="acute")
    verifying = new_signal(world)
    signal_transition(
        actor=world.actor(world.lead),
        user=world.lead.user,
        signal=verifying,
        to=Status.VERIFYING,
        reason="check",
        version=1,
    )
    sign_in(client, world.lead)
    assert shown_ids(client.get(LIST, {"urgency": "acute"})) == [acute.pk]
    assert shown_ids(client.get(LIST, {"status": "verifying"})) == [verifying.pk]
    start = (timezone.localdate() - timedelta(days=41)).isoformat()
    end = (timezone.localdate() - timedelta(days=39)).isoformat()
    assert shown_ids(client.get(LIST, {"received_from": start, "received_to": end})) == [old.pk]
    assert shown_ids(client.get(LIST, {"municipality": world.wijkstad.pk})) == [
        verifying.pk,
        acute.pk,
        old.pk,
    ]


def test_filtering_on_a_municipality_outside_the_visible_set_is_refused(
    client: Client, world: World
):
    new_signal(world)
    sign_in(client, world.lead)
    response = client.get(LIST, {"municipality": world.polderveen.pk})
    assert response.status_code == 400
    assert "municipality" in response.context["form"].errors
    assert shown_ids(response) == []


@pytest.mark.parametrize(
    "query",
    [
        {"status": "lost"},
        {"received_from": "2026-02-31"},
        {"received_from": "2026-03-02", "received_to": "2026-03-01"},
    ],
)
def test_bad_filters_are_refused_with_a_message(client: Client, world: World, query):
    new_signal(world)
    sign_in(client, world.lead)
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ProcessingRecord.objects.filter(name="signals.list").exists()


def _many(world: World, count: int) -> list[Signal]:
    start = timezone.now() - timedelta(days=2)
    subject = person(world)
    # Pairs share a moment of receipt, so the id decides the order within a pair.
    return [
        new_signal(world, subject=subject, received_at=start + timedelta(minutes=n // 2))
        for n in range(count)
    ]


def test_pages_follow_each_other_without_gaps_or_repeats(client: Client, world: World):
    signals = _many(world, 30)
    expected = [s.pk for s in sorted(signals, key=lambda s: (s.received_at, s.pk), reverse=True)]
    sign_in(client, world.lead)
    first = client.get(LIST, {"urgency": "normal"})
    assert shown_ids(first) == expected[:25]
    # The next page's link holds only the cursor: the filter is kept in the session.
    next_href = first.context["listing"].next_href
    assert next_href.startswith("?na=")
    assert "urgency" not in next_href
    second = client.get(f"{LIST}{next_href}")
    assert shown_ids(second) == expected[25:]
    assert second.context["listing"].next_href == ""


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense",
        "%%%",
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00|12").decode(),  # no time zone
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00+00:00|-1").decode(),
        base64.urlsafe_b64encode(b"2026-01-01T00:00:00+00:00|" + b"9" * 40).decode(),
        base64.urlsafe_b64encode(b"0001-01-01T00:00:00+05:00|3").decode(),
        base64.urlsafe_b64encode("2026-01-01T00:00:00+00:00|\u0663".encode()).decode(),
        "x" * 500,
    ],
)
def test_a_tampered_cursor_shows_the_first_page(client: Client, world: World, cursor: str):
    signal = new_signal(world)
    sign_in(client, world.lead)
    response = client.get(LIST, {"na": cursor})
    assert response.status_code == 200
    assert shown_ids(response) == [signal.pk]


def test_the_number_of_queries_does_not_grow_with_the_rows(client: Client, world: World):
    sign_in(client, world.lead)
    _many(world, 3)
    client.get(LIST)  # warm up the session and the caches
    with CaptureQueriesContext(connection) as few:
        assert len(shown_ids(client.get(LIST))) == 3
    for n in range(27):
        new_signal(world, received_at=timezone.now() - timedelta(minutes=n + 1))
    with CaptureQueriesContext(connection) as many:
        assert len(shown_ids(client.get(LIST))) == 25
    assert len(many) == len(few)


def test_every_list_read_is_logged_once_per_person_shown(client: Client, world: World):
    first = new_signal(world)
    second = new_signal(world, subject=first.subject)
    third = new_signal(world)
    anonymous = new_signal(world, named=False)
    new_signal(world, municipality=world.polderveen)
    sign_in(client, world.lead)
    client.get(LIST)
    records = ProcessingRecord.objects.filter(name="signals.list")
    assert records.count() == 2
    assert set(records.values_list("subject_pseudonym", flat=True)) == {
        subject_pseudonym(second),
        subject_pseudonym(third),
    }
    assert {r.actor_id for r in records} == {world.lead.user_id}
    assert anonymous.subject is None


# --- The overdue list. ---


def test_the_overdue_list_shows_the_leads_late_signals(client: Client, world: World):
    long_ago = timezone.now() - timedelta(days=30)
    late = new_signal(world, received_at=long_ago)
    new_signal(world)
    new_signal(world, municipality=world.polderveen, received_at=long_ago)
    sign_in(client, world.lead)
    response = client.get(OVERDUE)
    assert shown_ids(response) == [late.pk]
    visible = {s.pk for s in signals_overdue() if s.municipality_id == world.wijkstad.pk}
    assert set(shown_ids(response)) == visible
    assert read_pseudonyms("signals.overdue") == {subject_pseudonym(late)}


def test_a_signal_awaiting_weighing_is_no_longer_overdue(client: Client, world: World):
    late = new_signal(world, received_at=timezone.now() - timedelta(days=30))
    signal_transition(
        actor=world.actor(world.lead),
        user=world.lead.user,
        signal=late,
        to=Status.AWAITING_WEIGHING,
        reason="geverifieerd",
        version=1,
    )
    sign_in(client, world.lead)
    assert shown_ids(client.get(OVERDUE)) == []


@pytest.mark.parametrize("persona", ["partner", "outsider", "admin"])
def test_the_overdue_list_is_for_leads(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(OVERDUE).status_code == 404


# --- A signal's page. ---


def test_the_lead_sees_the_facts_the_person_and_the_history(client: Client, world: World):
    signal = new_signal(world)
    sign_in_en(client, world.lead)
    response = client.get(detail(signal))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Sam Testpersoon", "2008", "filmpjes die geweld", "Politie Testland", "Lea Lead"):
        assert text in page
    assert reading_date(signal.verification_deadline) in page
    assert len(response.context["events"]) == 1
    assert "Keep until" not in page
    assert read_pseudonyms("signals.read") == {subject_pseudonym(signal)}
    assert read_pseudonyms("signals.history.read") == {pseudonymise(f"user:{world.lead.user_id}")}


def test_the_retention_date_is_shown_once_set(client: Client, world: World):
    signal = new_signal(world)
    keep = timezone.localdate() + timedelta(days=365)
    Signal.objects.filter(pk=signal.pk).update(status=Status.CLOSED, retention_until=keep)
    sign_in_en(client, world.lead)
    page = client.get(detail(signal)).content.decode()
    assert "Keep until" in page
    assert reading_date(keep) in page


def test_the_lead_sees_the_intelligence_notice_and_others_see_restricted(
    client: Client, world: World
):
    signal = notice_signal(world)
    sign_in_en(client, world.lead)
    page = client.get(detail(signal)).content.decode()
    assert "AB-2027-0042" in page
    on_weighing_agenda(world, signal, world.police)
    sign_in_en(client, world.partner)
    page = client.get(detail(signal)).content.decode()
    assert "restricted" in page
    for secret in ("AB-2027-0042", "AIVD", "intelligence notice", "ambtsbericht"):
        assert secret not in page


def test_the_bsn_is_shown_to_the_lead_only(client: Client, world: World):
    subject = person(world)
    subject.bsn, subject.bsn_legal_basis = "111222333", "Wet PGA"
    subject.save()
    signal = new_signal(world, subject=subject)
    on_weighing_agenda(world, signal, world.police)
    sign_in(client, world.lead)
    assert "111222333" in client.get(detail(signal)).content.decode()
    sign_in(client, world.partner)
    assert "111222333" not in client.get(detail(signal)).content.decode()


# --- The lead's changes. ---


def _move(client: Client, signal: Signal, to: str, *, version: int | None = None, reason="r"):
    data = {
        "transition-to": to,
        "transition-reason": reason,
        "transition-version": signal.version if version is None else version,
    }
    return client.post(f"{detail(signal)}status/", data)


def test_the_form_offers_only_the_allowed_next_steps(client: Client, world: World):
    signal = new_signal(world)
    sign_in(client, world.lead)
    choices = client.get(detail(signal)).context["transition_form"].fields["to"].choices
    assert [value for value, _label in choices] == ["verifying", "awaiting_weighing"]


def test_the_lead_moves_a_signal_with_a_reason(client: Client, world: World):
    signal = new_signal(world)
    sign_in(client, world.lead)
    response = _move(client, signal, "verifying", reason="Identiteit navragen bij school.")
    assert response.status_code == 302
    assert response["Location"] == detail(signal)
    signal.refresh_from_db()
    assert (signal.status, signal.version) == (Status.VERIFYING, 2)
    event = signal.events.last()
    assert event is not None
    assert (event.from_status, event.to_status, event.reason) == (
        "received",
        "verifying",
        "Identiteit navragen bij school.",
    )
    page = client.get(detail(signal)).content.decode()
    assert "Identiteit navragen bij school." in page


def test_a_stale_version_is_a_conflict_and_changes_nothing(client: Client, world: World):
    signal = new_signal(world)
    sign_in_en(client, world.lead)
    assert _move(client, signal, "verifying").status_code == 302
    response = _move(client, signal, "awaiting_weighing", version=1, reason="mijn reden")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this signal" in page
    assert "mijn reden" in page  # the typed reason is kept for a second try
    signal.refresh_from_db()
    assert (signal.status, signal.version, signal.events.count()) == (Status.VERIFYING, 2, 2)
    assert response.context["transition_form"].initial["version"] == 2


@pytest.mark.parametrize(
    ("to", "reason", "version"),
    [
        ("verifying", "", 1),
        ("weighed", "r", 1),
        ("closed", "r", 1),
        ("merged", "r", 1),
        ("lost", "r", 1),
        ("verifying", "r", ""),
        ("verifying", "r", "abc"),
    ],
)
def test_a_bad_change_is_refused_and_changes_nothing(
    client: Client, world: World, to: str, reason: str, version
):
    signal = new_signal(world)
    sign_in(client, world.lead)
    response = client.post(
        f"{detail(signal)}status/",
        {"transition-to": to, "transition-reason": reason, "transition-version": version},
    )
    assert response.status_code == 400
    assert response.context["transition_form"].errors
    signal.refresh_from_db()
    assert (signal.status, signal.version) == (Status.RECEIVED, 1)


def test_a_weighed_signal_can_only_go_back_to_the_weighing_by_hand(client: Client, world: World):
    signal = new_signal(world)
    Signal.objects.filter(pk=signal.pk).update(status=Status.WEIGHED)
    sign_in(client, world.lead)
    choices = client.get(detail(signal)).context["transition_form"].fields["to"].choices
    assert [value for value, _label in choices] == ["awaiting_weighing"]


@pytest.mark.parametrize("status", [Status.CLOSED, Status.MERGED])
def test_a_final_signal_offers_no_change(client: Client, world: World, status: Status):
    signal = new_signal(world)
    Signal.objects.filter(pk=signal.pk).update(status=status)
    sign_in_en(client, world.lead)
    response = client.get(detail(signal))
    assert "transition_form" not in response.context
    assert "merge_form" not in response.context
    assert "its status does not change any more" in response.content.decode()


def test_the_status_and_merge_pages_answer_only_post(client: Client, world: World):
    signal = new_signal(world)
    sign_in(client, world.lead)
    assert client.get(f"{detail(signal)}status/").status_code == 405
    assert client.get(f"{detail(signal)}samenvoegen/").status_code == 405


def test_the_lead_merges_two_signals_about_the_same_person(client: Client, world: World):
    first = new_signal(world)
    second = new_signal(world, subject=first.subject)
    other_person = new_signal(world)
    sign_in(client, world.lead)
    form = client.get(detail(second)).context["merge_form"]
    assert [s.pk for s in form.fields["into"].queryset] == [first.pk]
    response = client.post(
        f"{detail(second)}samenvoegen/",
        {"merge-into": first.pk, "merge-reason": "Zelfde persoon", "merge-version": 1},
    )
    assert response.status_code == 302
    assert response["Location"] == detail(first)
    second.refresh_from_db()
    assert (second.status, second.merged_into_id) == (Status.MERGED, first.pk)
    last = first.events.last()
    assert last is not None
    assert "Zelfde persoon" in last.reason
    refused = client.post(
        f"{detail(first)}samenvoegen/",
        {"merge-into": other_person.pk, "merge-reason": "x", "merge-version": 1},
    )
    assert refused.status_code == 400
    assert Signal.objects.get(pk=first.pk).status == Status.RECEIVED


def test_a_lead_of_another_municipality_cannot_open_or_change_the_signal(
    client: Client, world: World
):
    signal = new_signal(world)
    other_lead: Membership = MembershipFactory.create(
        user=world.outsider.user, organisation=world.gemeente_polderveen, role="lead"
    )
    sign_in(client, other_lead)
    assert client.get(detail(signal)).status_code == 404
    assert _move(client, signal, "verifying").status_code == 404
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED
