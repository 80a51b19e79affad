"""Searching the processing log: filters, display, paging and the logging of the search."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from audit.models import Operation, ProcessingRecord, Result
from audit.services import log_processing, pseudonymise
from tests.faults import broken_log
from tests.personas import World

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
    response = officer.get(URL, {"subject": lead.email.upper()})
    assert names_found(response) == ["test.about-lead"]


def test_subject_filter_by_reference_finds_a_data_subject(officer, world: World):
    write("test.subject-40", subjects=["subject:40"])
    write("test.subject-41", subjects=["subject:41"])
    response = officer.get(URL, {"subject": "subject:40"})
    assert names_found(response) == ["test.subject-40"]


def test_the_subject_reference_itself_is_never_stored(officer, world: World):
    officer.get(URL, {"subject": "subject:40"})
    search = ProcessingRecord.objects.get(name="privacy.log.search")
    assert search.subject_pseudonym == ""
    assert "subject:40" not in search.object_id
    assert pseudonymise("subject:40") not in {search.subject_pseudonym, search.object_id}


def test_actor_filter_finds_only_what_that_account_did(officer, world: World):
    write("test.by-lead", actor=world.actor(world.lead))
    write("test.by-partner", actor=world.actor(world.partner))
    response = officer.get(URL, {"actor": world.partner.user.email})
    assert names_found(response) == ["test.by-partner"]


def test_actor_filter_finds_a_removed_account_by_its_number(officer, world: World):
    gone = User.objects.create_user("weg@test.schakel.example", full_name="Wim Weg")
    write("test.by-removed", actor_user_id=gone.pk)
    gone_id = gone.pk
    gone.delete()
    response = officer.get(URL, {"actor": f"#{gone_id}"})
    assert names_found(response) == ["test.by-removed"]
    assert response.context["log_page"].rows[0].actor_label == f"#{gone_id}"


def test_organisation_filter_finds_only_that_organisations_records(officer, world: World):
    write("test.by-lead", actor=world.actor(world.lead))
    write("test.by-police", actor=world.actor(world.partner))
    response = officer.get(URL, {"organisation": world.police.pk})
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
    response = officer.get(URL, {"date_from": "2025-03-10", "date_to": "2025-03-10"})
    assert names_found(response) == ["test.monday-late", "test.monday-early"]


def test_period_may_be_open_on_one_side(officer, world: World):
    with time_machine.travel(datetime(2025, 3, 9, 12, 0, tzinfo=AMSTERDAM), tick=False):
        write("test.before")
    with time_machine.travel(datetime(2025, 3, 12, 12, 0, tzinfo=AMSTERDAM), tick=False):
        write("test.after")
    response = officer.get(URL, {"date_to": "10-03-2025"})
    assert names_found(response) == ["test.before"]


def test_operation_filter(officer, world: World):
    write("test.read", operation=Operation.READ)
    write("test.created", operation=Operation.CREATE)
    response = officer.get(URL, {"operation": "create"})
    assert names_found(response) == ["test.created"]


def test_result_filter(officer, world: World):
    write("test.ok")
    write("test.refused", result=Result.REFUSED)
    response = officer.get(URL, {"result": "refused"})
    assert names_found(response) == ["test.refused"]


def test_filters_combine(officer, world: World):
    lead = world.actor(world.lead)
    write("test.lead-read", actor=lead)
    write("test.lead-create", actor=lead, operation=Operation.CREATE)
    write("test.partner-create", actor=world.actor(world.partner), operation=Operation.CREATE)
    response = officer.get(URL, {"actor": world.lead.user.email, "operation": "create"})
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
    response = officer.get(URL, query)
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert all(message.endswith(".") for message in form.errors[field])
    assert response.context["log_page"] is None
    assert "test.anything" not in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_refused_search_is_not_logged_because_nothing_was_shown(officer, world: World):
    officer.get(URL, {"operation": "peek"})
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


# --- The search is itself processing ---


def test_every_search_is_logged_as_a_read_by_the_officer(officer, world: World):
    officer.get(URL, {"subject": world.lead.user.email})
    officer.get(URL, {"subject": world.lead.user.email, "page": "2"})
    searches = ProcessingRecord.objects.filter(name="privacy.log.search")
    assert searches.count() == 2
    for search in searches:
        assert search.operation == Operation.READ
        assert search.result == Result.OK
        assert search.actor_id == world.privacy_officer.user_id
        assert search.organisation_id == world.privacy_officer.organisation_id
        assert search.activity_version.activity.code == "audit-oversight"
        assert search.subject_pseudonym == ""


def test_the_first_visit_shows_the_form_without_searching(officer, world: World):
    write("test.anything")
    response = officer.get(URL)
    assert response.status_code == 200
    assert response.context["log_page"] is None
    assert not ProcessingRecord.objects.filter(name="privacy.log.search").exists()


def test_results_are_not_shown_when_the_search_cannot_be_logged(officer, world: World):
    write("test.secret-ish", actor=world.actor(world.lead))
    with broken_log():
        response = officer.get(URL, {"operation": "read"})
    assert response.status_code == 503
    assert "test.secret-ish" not in response.content.decode()


# --- What a row shows ---


def test_a_row_shows_time_names_and_register_version(officer, world: World):
    moment = datetime(2025, 7, 1, 14, 5, 9, tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        write("test.row", actor=world.actor(world.lead), object_type="user", object_id=12)
    response = officer.get(URL, {"operation": "read", "actor": world.lead.user.email})
    row = response.context["log_page"].rows[0]
    assert row.actor_label == "Lea Lead"
    assert row.organisation_label == "Gemeente Testwijkstad"
    page = response.content.decode()
    assert "2025-07-01 14:05:09" in page  # local summer time, not UTC (12:05)
    assert "/privacy/register/#activity-account-v1" in page
    assert row.record.trace_id in page
    assert "user 12" in page


def test_results_are_newest_first_and_paged_by_fifty(officer, world: World):
    for number in range(60):
        write(f"test.{number:02d}")
    first = officer.get(URL, {"operation": "read"})
    page_one = without_own_searches(names_found(first))
    assert len(names_found(first)) == 50
    assert page_one[:2] == ["test.59", "test.58"]
    second = officer.get(URL, {"operation": "read", "page": "2"})
    assert without_own_searches(names_found(second))[-1] == "test.00"
    assert "operation=read&amp;page=1" in second.content.decode()


def _queries_for_a_page(officer, world: World, rows: int) -> int:
    memberships = [world.lead, world.partner, world.outsider, world.process_director]
    for number in range(rows):
        write(f"test.{number}", actor=world.actor(memberships[number % len(memberships)]))
    with CaptureQueriesContext(connection) as queries:
        response = officer.get(URL, {"result": "ok"})
    assert len(response.context["log_page"].rows) >= rows
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(officer, world: World):
    few = _queries_for_a_page(officer, world, 2)
    many = _queries_for_a_page(officer, world, 40)
    assert few == many
