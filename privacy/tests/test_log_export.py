"""Exporting a search of the processing log as CSV: content, safety, logging, who may."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Organisation
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from lib.spreadsheet import safe_cell
from privacy.gates import LogFilters
from privacy.tests.test_log_search import URL, search, write
from privacy.views import LOG_SEARCH_SESSION_KEY
from tests.faults import broken_log
from tests.personas import World, sign_in

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EXPORT_URL = "/privacy/logboek/exporteren/"


CSV = {"formaat": "csv"}


def rows_of(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # the byte order mark Excel needs for UTF-8
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_the_export_holds_the_stored_search_in_words_and_codes(officer: Client, world: World):
    # Today on the (travelled) test clock, at a known time of day: the accounts of the test
    # world exist from today on, so a fixed calendar date would lie before them.
    moment = (
        timezone.now().astimezone(AMSTERDAM).replace(hour=9, minute=30, second=15, microsecond=0)
    )
    with time_machine.travel(moment, tick=False):
        write(
            "cases.network.followup.create",
            actor=world.actor(world.lead),
            object_type="network_person",
            object_id=2,
            operation=Operation.CREATE,
        )
        write("test.other", actor=world.actor(world.partner))
        search(officer, {"actor": world.lead.user.email})
        response = officer.post(EXPORT_URL, CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="verwerkingslogboek-{moment:%Y-%m-%d}.csv"'
    )
    header, *rows = rows_of(response)
    assert len(header) == 15
    names = [row[3] for row in rows]
    assert "cases.network.followup.create" in names
    assert "test.other" not in names  # only what the stored search finds
    row = rows[names.index("cases.network.followup.create")]
    assert row[1] == f"{moment:%d-%m-%Y} 09:30:15"
    assert row[6] == "Lea Lead"
    assert row[9:11] == ["network_person", "2"]
    # The words come from the labels, not the codes (in Dutch or English alike).
    assert row[2]
    assert row[2] != row[3]
    assert row[8].endswith(" 2")
    assert not row[8].startswith("network_person")


def test_cells_that_a_spreadsheet_would_run_as_a_formula_are_quoted(officer: Client, world: World):
    Organisation.objects.filter(pk=world.lead.organisation_id).update(
        name='=HYPERLINK("http://example.invalid","klik")'
    )
    write("test.formula", actor=world.actor(world.lead))
    search(officer, {"actor": world.lead.user.email})
    rows = rows_of(officer.post(EXPORT_URL, CSV))[1:]
    organisations = {row[7] for row in rows}
    assert organisations == {'\'=HYPERLINK("http://example.invalid","klik")'}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_cell_quotes_every_formula_start(start: str):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


def test_safe_cell_leaves_ordinary_text_and_numbers_alone():
    assert safe_cell("Gemeente Testwijkstad") == "Gemeente Testwijkstad"
    assert safe_cell(12) == "12"


def test_the_export_is_logged_with_the_accounts_it_names(officer: Client, world: World):
    write("test.by-lead", actor=world.actor(world.lead))
    write("test.by-partner", actor=world.actor(world.partner))
    search(officer, {"operation": "read"})
    officer.post(EXPORT_URL, CSV)
    exports = ProcessingRecord.objects.filter(name="privacy.log.export")
    assert {record.operation for record in exports} == {Operation.EXPORT}
    assert {record.actor_id for record in exports} == {world.privacy_officer.user_id}
    subjects = {record.subject_pseudonym for record in exports}
    assert pseudonymise(f"user:{world.lead.user_id}") in subjects
    assert pseudonymise(f"user:{world.partner.user_id}") in subjects


def test_without_a_stored_search_nothing_is_exported(officer: Client):
    response = officer.post(EXPORT_URL, CSV)
    assert response.status_code == 303
    assert response["Location"] == URL
    assert not ProcessingRecord.objects.filter(name="privacy.log.export").exists()


def test_the_search_stays_in_the_session_not_in_the_url(officer: Client, world: World):
    write("test.any", actor=world.actor(world.lead))
    search(officer, {"actor": world.lead.user.email})
    page = officer.get(f"{URL}?page=1").content.decode()
    assert 'action="/privacy/logboek/exporteren/"' in page
    assert world.lead.user.email not in EXPORT_URL
    stored = LogFilters.from_session_data(officer.session[LOG_SEARCH_SESSION_KEY])
    assert stored is not None
    assert stored.actor_id == world.lead.user_id


def test_an_export_whose_record_cannot_be_written_is_refused(officer: Client, world: World):
    write("test.any", actor=world.actor(world.lead))
    search(officer, {"operation": "read"})
    with broken_log():
        response = officer.post(EXPORT_URL, CSV)
    assert response.status_code == 503
    assert "text/csv" not in response["Content-Type"]


def test_get_is_not_allowed(officer: Client):
    assert officer.get(EXPORT_URL).status_code == 405


@pytest.mark.parametrize("persona", ["lead", "partner", "admin", "process_director"])
def test_only_the_privacy_officer_may_export(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    session = client.session
    session[LOG_SEARCH_SESSION_KEY] = LogFilters().as_session_data()
    session.save()
    response = client.post(EXPORT_URL, CSV)
    assert response.status_code == 404
    assert not ProcessingRecord.objects.filter(name="privacy.log.export").exists()


def test_the_export_as_xlsx_opens_with_the_same_rows_in_the_chosen_order(
    officer: Client, world: World
):
    write("test.first", actor=world.actor(world.lead))
    write("test.second", actor=world.actor(world.lead))
    search(officer, {"actor": world.lead.user.email})
    officer.get(URL, {"sorteer": "nummer", "volgorde": "op"})  # oldest first
    response = officer.post(EXPORT_URL, {"formaat": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["test.first", "test.second"]


def test_an_export_in_an_unknown_format_is_refused_and_not_logged(officer: Client, world: World):
    write("test.any", actor=world.actor(world.lead))
    search(officer, {"actor": world.lead.user.email})
    assert officer.post(EXPORT_URL, {"formaat": "ods"}).status_code == 400
    assert not ProcessingRecord.objects.filter(name="privacy.log.export").exists()
