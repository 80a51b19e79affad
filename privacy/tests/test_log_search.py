"""Searching the processing log: filters, display, paging and the logging of the search."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html import unescape
from urllib.parse import unquote_plus
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from audit.models import Operation, ProcessingRecord, Result
from audit.services import log_processing, pseudonymise
from privacy.views import LOG_SEARCH_SESSION_KEY
from tests.faults import broken_log
from tests.personas import World, sign_in

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
URL = "/privacy/logboek/"


def write(name: str, *, actor=None, actor_user_id=None, subjects=(), **extra) -> None:
    log_processing(
        activity="account",
        name=name,
        operation=extra.pop("operation", Operation.READ),
        actor=actor,
        actor_user_id=actor_user_id,
        subjects=subjects,
        **extra,
    )


def search(officer, data: dict[str, object]):
    """Submits the search form and follows the redirect to the first results page."""
    posted = officer.post(URL, data)
    assert posted.status_code == 303
    assert posted["Location"] == URL
    return officer.get(posted["Location"])


def names_found(response) -> list[str]:
    assert response.status_code == 200
    return [row.record.name for row in response.context["log_page"].rows]


def without_own_searches(names: list[str]) -> list[str]:
    return [name for name in names if not name.startswith("privacy.")]


# --- Filters ---


def test_subject_filter_by_e_mail_finds_only_that_persons_records(officer, world: World):
    lead, partner = world.lead.user, world.partner.user
    write("test.about-lead", subjects=[f"user:{lead.pk}"])
    write("test.about-partner", subjects=[f"user:{partner.pk}"])
    response = search(officer, {"subject": lead.email.upper()})
    assert names_found(response) == ["test.about-lead"]


def test_subject_filter_by_reference_finds_a_data_subject(officer, world: World):
    write("test.subject-40", subjects=["subject:40"])
    write("test.subject-41", subjects=["subject:41"])
    response = search(officer, {"subject": "subject:40"})
    assert names_found(response) == ["test.subject-40"]


def test_the_subject_reference_itself_is_never_stored(officer, world: World):
    search(officer, {"subject": "subject:40"})
    record = ProcessingRecord.objects.get(name="privacy.log.search")
    assert record.subject_pseudonym == ""
    assert "subject:40" not in record.object_id
    assert pseudonymise("subject:40") not in {record.subject_pseudonym, record.object_id}


def test_actor_filter_finds_only_what_that_account_did(officer, world: World):
    write("test.by-lead", actor=world.actor(world.lead))
    write("test.by-partner", actor=world.actor(world.partner))
    response = search(officer, {"actor": world.partner.user.email})
    assert names_found(response) == ["test.by-partner"]


def test_actor_filter_finds_a_removed_account_by_its_number(officer, world: World):
    gone = User.objects.create_user("weg@test.schakel.example", full_name="Wim Weg")
    write("test.by-removed", actor_user_id=gone.pk)
    gone_id = gone.pk
    gone.delete()
    response = search(officer, {"actor": f"#{gone_id}"})
    assert names_found(response) == ["test.by-removed"]
    assert response.context["log_page"].rows[0].actor_label == f"#{gone_id}"


def test_organisation_filter_finds_only_that_organisations_records(officer, world: World):
    write("test.by-lead", actor=world.actor(world.lead))
    write("test.by-police", actor=world.actor(world.partner))
    response = search(officer, {"organisation": world.police.pk})
    assert names_found(response) == ["test.by-police"]


def test_period_covers_whole_local_days_inclusive(officer, world: World):
    moments = {
        "test.sunday-late": datetime(2025, 3, 9, 23, 30, tzinfo=AMSTERDAM),
        "test.monday-early": datetime(2025, 3, 10, 0, 30, tzinfo=AMSTERDAM),
        "test.monday-late": datetime(2025, 3, 10, 23, 59, 59, tzinfo=AMSTERDAM),
        "test.tuesday": datetime(2025, 3, 11, 0, 0, tzinfo=AMSTERDAM),
    }
    for name, moment in moments.items():
        with time_machine.travel(moment, tick=False):
            write(name)
    response = search(officer, {"date_from": "2025-03-10", "date_to": "2025-03-10"})
    assert names_found(response) == ["test.monday-late", "test.monday-early"]


def test_period_may_be_open_on_one_side(officer, world: World):
    with time_machine.travel(datetime(2025, 3, 9, 12, 0, tzinfo=AMSTERDAM), tick=False):
        write("test.before")
    with time_machine.travel(datetime(2025, 3, 12, 12, 0, tzinfo=AMSTERDAM), tick=False):
        write("test.after")
    response = search(officer, {"date_to": "10-03-2025"})
    assert names_found(response) == ["test.before"]


def test_operation_filter(officer, world: World):
    write("test.read", operation=Operation.READ)
    write("test.created", operation=Operation.CREATE)
    response = search(officer, {"operation": "create"})
    assert names_found(response) == ["test.created"]


def test_result_filter(officer, world: World):
    write("test.ok")
    write("test.refused", result=Result.REFUSED)
    response = search(officer, {"result": "refused"})
    assert names_found(response) == ["test.refused"]


def test_filters_combine(officer, world: World):
    lead = world.actor(world.lead)
    write("test.lead-read", actor=lead)
    write("test.lead-create", actor=lead, operation=Operation.CREATE)
    write("test.partner-create", actor=world.actor(world.partner), operation=Operation.CREATE)
    response = search(officer, {"actor": world.lead.user.email, "operation": "create"})
    assert names_found(response) == ["test.lead-create"]


# --- Bad input ---


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "2025-03-10", "date_to": "2025-03-09"}, "date_to"),
        ({"date_from": "10 maart"}, "date_from"),
        ({"date_to": "2025-02-30"}, "date_to"),
        ({"date_from": "0001-01-01"}, "date_from"),
        ({"operation": "peek"}, "operation"),
        ({"result": "maybe"}, "result"),
        ({"organisation": "987654"}, "organisation"),
        ({"organisation": "police"}, "organisation"),
        ({"subject": "nobody@elsewhere.example"}, "subject"),
        ({"subject": "just some name"}, "subject"),
        ({"actor": "nobody@elsewhere.example"}, "actor"),
        ({"actor": "Lea Lead"}, "actor"),
    ],
)
def test_bad_filters_show_the_form_with_an_error_and_no_results(officer, world, query, field):
    write("test.anything", actor=world.actor(world.lead))
    response = officer.post(URL, query)
    assert response.status_code == 400
    assert LOG_SEARCH_SESSION_KEY not in officer.session
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert all(message.endswith(".") for message in form.errors[field])
    assert response.context["log_page"] is None
    assert "test.anything" not in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_refused_search_is_not_logged_because_nothing_was_shown(officer, world: World):
    officer.post(URL, {"operation": "peek"})
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


def test_a_refused_search_leaves_the_earlier_search_as_it_was(officer, world: World):
    search(officer, {"operation": "create"})
    stored = officer.session[LOG_SEARCH_SESSION_KEY]
    assert officer.post(URL, {"operation": "peek"}).status_code == 400
    assert officer.session[LOG_SEARCH_SESSION_KEY] == stored


# --- The search is itself processing ---


def test_every_search_is_logged_as_a_read_by_the_officer(officer, world: World):
    search(officer, {"subject": world.lead.user.email})
    assert officer.get(URL, {"page": "2"}).status_code == 200
    records = ProcessingRecord.objects.filter(name="privacy.log.search")
    assert records.count() == 2
    for record in records:
        assert record.operation == Operation.READ
        assert record.result == Result.OK
        assert record.actor_id == world.privacy_officer.user_id
        assert record.organisation_id == world.privacy_officer.organisation_id
        assert record.activity_version.activity.code == "audit-oversight"
        assert record.subject_pseudonym == ""


def test_submitting_the_form_is_not_yet_a_search_and_is_not_logged(officer, world: World):
    officer.post(URL, {"subject": world.lead.user.email})
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


def test_the_first_visit_shows_the_form_without_searching(officer, world: World):
    write("test.anything")
    response = officer.get(URL)
    assert response.status_code == 200
    assert response.context["log_page"] is None
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


def test_results_are_not_shown_when_the_search_cannot_be_logged(officer, world: World):
    write("test.secret-ish", actor=world.actor(world.lead))
    posted = officer.post(URL, {"operation": "read"})
    with broken_log():
        response = officer.get(posted["Location"])
    assert response.status_code == 503
    assert "test.secret-ish" not in response.content.decode()


# --- What a row shows ---


def test_a_row_shows_time_names_and_register_version(officer, world: World):
    moment = datetime(2025, 7, 1, 14, 5, 9, tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        write("test.row", actor=world.actor(world.lead), object_type="user", object_id=12)
    response = search(officer, {"operation": "read", "actor": world.lead.user.email})
    row = response.context["log_page"].rows[0]
    assert row.actor_label == "Lea Lead"
    assert row.organisation_label == "Gemeente Testwijkstad"
    page = response.content.decode()
    assert "01-07-2025 14:05:09" in page  # local summer time, not UTC (12:05)
    assert "/privacy/register/#activity-account-v1" in page
    assert row.record.trace_id in page
    assert "user 12" in page


def test_results_are_newest_first_and_paged_by_fifty(officer, world: World):
    for number in range(60):
        write(f"test.{number:02d}")
    first = search(officer, {"operation": "read"})
    page_one = without_own_searches(names_found(first))
    assert len(names_found(first)) == 50
    assert page_one[:2] == ["test.59", "test.58"]
    second = officer.get(f"{URL}{first.context['listing'].next_href}")
    assert without_own_searches(names_found(second))[-1] == "test.00"
    assert 'href="?">' in second.content.decode()  # back to the first page


def _queries_for_a_page(officer, world: World, rows: int) -> int:
    memberships = [world.lead, world.partner, world.outsider, world.process_director]
    for number in range(rows):
        write(f"test.{number}", actor=world.actor(memberships[number % len(memberships)]))
    posted = officer.post(URL, {"result": "ok"})
    with CaptureQueriesContext(connection) as queries:
        response = officer.get(posted["Location"])
    assert len(response.context["log_page"].rows) >= rows
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(officer, world: World):
    few = _queries_for_a_page(officer, world, 2)
    many = _queries_for_a_page(officer, world, 40)
    assert few == many


# --- Nothing the officer searches for appears in a URL ---

REFERENCE = "subject:4711"  # not the form's own example (subject:40), so the page cannot hold it


def hrefs(response) -> list[str]:
    return re.findall(r'href="([^"]*)"', response.content.decode())


def _leaks(text: str, secrets: list[str]) -> list[str]:
    decoded = unquote_plus(unescape(text)).lower()
    return [secret for secret in secrets if secret.lower() in decoded]


@pytest.mark.parametrize("subject_by", ["reference", "e-mail"])
def test_no_redirect_or_link_names_the_subject_or_the_actor(officer, world: World, subject_by):
    lead = world.lead.user
    subject = REFERENCE if subject_by == "reference" else world.partner.user.email
    about = REFERENCE if subject_by == "reference" else f"user:{world.partner.user_id}"
    for number in range(60):  # two pages, so there are page links
        write(f"test.{number}", actor=world.actor(world.lead), subjects=[about])
    secrets = [subject, about, lead.email, pseudonymise(about)]

    posted = officer.post(URL, {"subject": subject, "actor": lead.email})
    first = officer.get(posted["Location"])
    second = officer.get(f"{URL}{first.context['listing'].next_href}")
    cleared = officer.post("/privacy/logboek/wissen/")

    assert _leaks(posted["Location"], secrets) == []
    assert _leaks(cleared["Location"], secrets) == []
    assert len(names_found(first)) == 50
    for page in (first, second):
        assert re.search(r'href="\?(na=[^"]+)?"', page.content.decode())
        assert [link for link in hrefs(page) if _leaks(link, secrets)] == []
        # The subject field is not re-filled: the page holds only the pseudonym's first part.
        assert _leaks(page.content.decode(), [subject, about, pseudonymise(about)]) == []


def test_the_session_holds_the_resolved_search_only(officer, world: World):
    search(
        officer,
        {
            "subject": REFERENCE,
            "actor": world.lead.user.email,
            "organisation": world.police.pk,
            "date_from": "10-03-2025",
            "date_to": "2025-03-11",
            "operation": "create",
            "result": "refused",
        },
    )
    assert officer.session[LOG_SEARCH_SESSION_KEY] == {
        "subject_pseudonym": pseudonymise(REFERENCE),
        "actor_id": world.lead.user_id,
        "organisation_id": world.police.pk,
        "date_from": "2025-03-10",
        "date_to": "2025-03-11",
        "operation": "create",
        "result": "refused",
    }
    whole_session = json.dumps(dict(officer.session.items()))
    assert _leaks(whole_session, [REFERENCE, world.lead.user.email]) == []


def test_a_subject_found_by_e_mail_is_kept_as_the_accounts_pseudonym(officer, world: World):
    search(officer, {"subject": world.partner.user.email})
    stored = officer.session[LOG_SEARCH_SESSION_KEY]
    assert stored["subject_pseudonym"] == pseudonymise(f"user:{world.partner.user_id}")
    whole_session = json.dumps(dict(officer.session.items()))
    assert _leaks(whole_session, [world.partner.user.email, f"user:{world.partner.user_id}"]) == []


def test_filters_in_the_query_string_are_ignored(officer, world: World):
    write("test.anything")
    response = officer.get(URL, {"subject": REFERENCE, "operation": "read"})
    assert response.status_code == 200
    assert response.context["log_page"] is None
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


def test_the_search_form_is_posted_with_a_csrf_token(world: World):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.privacy_officer)
    page = client.get(URL).content.decode()
    assert f'<form method="post" action="{URL}"' in page
    assert "csrfmiddlewaretoken" in page
    assert client.post(URL, {"operation": "read"}).status_code == 403
    assert LOG_SEARCH_SESSION_KEY not in client.session


# --- The stored search ---


def test_page_two_keeps_the_filters(officer, world: World):
    for number in range(55):
        write(f"test.created-{number:02d}", operation=Operation.CREATE)
    write("test.read")
    first = search(officer, {"operation": "create"})
    second = officer.get(f"{URL}{first.context['listing'].next_href}")
    assert names_found(second) == [f"test.created-{number:02d}" for number in range(4, -1, -1)]
    assert not second.context["log_page"].page.is_first


def test_the_results_page_refills_the_form_but_not_the_subject(officer, world: World):
    response = search(
        officer,
        {
            "subject": REFERENCE,
            "actor": world.lead.user.email,
            "organisation": world.police.pk,
            "date_from": "2025-03-10",
            "operation": "create",
        },
    )
    form = response.context["form"]
    assert form.initial == {
        "keep_subject": True,
        "actor": world.lead.user.email,
        "organisation": world.police.pk,
        "date_from": date(2025, 3, 10),
        "date_to": None,
        "operation": "create",
        "result": "",
    }
    page = response.content.decode()
    assert re.search(r'<input type="text" name="subject"[^>]*>', page)
    assert not re.search(r'<input type="text" name="subject"[^>]*value=', page)
    # The note names the first characters of the pseudonym (in either language).
    assert f"{pseudonymise(REFERENCE)[:8]}…)" in page
    assert re.search(r'<input type="checkbox" name="keep_subject"[^>]*checked', page)


def test_a_removed_actor_is_refilled_by_number(officer, world: World):
    gone = User.objects.create_user("weg@test.schakel.example", full_name="Wim Weg")
    gone_id = gone.pk
    search(officer, {"actor": "weg@test.schakel.example"})
    gone.delete()
    response = officer.get(URL)
    assert response.context["form"].initial["actor"] == f"#{gone_id}"


def test_keeping_the_subject_refines_the_search_without_entering_it_again(officer, world):
    write("test.about-40-read", subjects=[REFERENCE])
    write("test.about-40-created", subjects=[REFERENCE], operation=Operation.CREATE)
    write("test.about-41-created", subjects=["subject:4712"], operation=Operation.CREATE)
    search(officer, {"subject": REFERENCE})
    kept = search(officer, {"keep_subject": "on", "operation": "create"})
    assert names_found(kept) == ["test.about-40-created"]
    dropped = search(officer, {"operation": "create"})
    assert without_own_searches(names_found(dropped)) == [
        "test.about-41-created",
        "test.about-40-created",
    ]


def test_another_subject_replaces_the_kept_one(officer, world: World):
    write("test.about-4711", subjects=[REFERENCE])
    write("test.about-4712", subjects=["subject:4712"])
    search(officer, {"subject": REFERENCE})
    response = search(officer, {"subject": "subject:4712", "keep_subject": "on"})
    assert names_found(response) == ["test.about-4712"]


def test_keeping_a_subject_after_the_search_was_cleared_is_refused(officer, world: World):
    # E.g. "New search" in another tab, then the old tab's form is submitted.
    response = officer.post(URL, {"keep_subject": "on", "operation": "read"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["subject"]
    assert LOG_SEARCH_SESSION_KEY not in officer.session


def test_new_search_forgets_the_stored_search(officer, world: World):
    search(officer, {"subject": REFERENCE})
    assert "/privacy/logboek/wissen/" in officer.get(URL).content.decode()
    logged = ProcessingRecord.objects.filter(name="privacy.log.search").count()

    cleared = officer.post("/privacy/logboek/wissen/")

    assert cleared.status_code == 303
    assert cleared["Location"] == URL
    assert LOG_SEARCH_SESSION_KEY not in officer.session
    response = officer.get(URL)
    assert response.context["log_page"] is None
    assert "/privacy/logboek/wissen/" not in response.content.decode()
    assert "pseudonym" not in response.content.decode()
    assert ProcessingRecord.objects.filter(name="privacy.log.search").count() == logged


def test_logging_out_forgets_the_search(officer, world: World):
    search(officer, {"subject": REFERENCE})
    old_key = officer.session.session_key
    assert officer.post("/uitloggen/").status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    sign_in(officer, world.privacy_officer)
    assert LOG_SEARCH_SESSION_KEY not in officer.session
    assert officer.get(URL).context["log_page"] is None


@pytest.mark.parametrize("cursor", ["abc", "-1", "0", "2.5", "", "99999", "9" * 5000, "\u0663"])
def test_a_malformed_page_cursor_shows_the_first_page_instead_of_an_error(officer, world, cursor):
    write("test.only")
    search(officer, {"result": "ok"})
    response = officer.get(URL, {"na": cursor})
    assert response.status_code == 200
    assert "test.only" in names_found(response)
    assert response.context["log_page"].page.is_first


def test_an_unreadable_stored_search_counts_as_none(officer, world: World):
    session = officer.session
    session[LOG_SEARCH_SESSION_KEY] = {"date_from": "yesterday", "operation": "read"}
    session.save()
    response = officer.get(URL)
    assert response.status_code == 200
    assert response.context["log_page"] is None
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


def test_verifying_the_chain_keeps_the_stored_search(officer, world: World):
    search(officer, {"operation": "create"})
    response = officer.post("/privacy/logboek/verifieren/")
    assert response.status_code == 200
    assert response.context["form"].initial["operation"] == "create"
    assert LOG_SEARCH_SESSION_KEY in officer.session
