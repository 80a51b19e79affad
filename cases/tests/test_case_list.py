"""The case list: filters kept in the session, sorted keyset pages, counts, and the export to
CSV and XLSX for the roles that may export, logged per data subject."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.listing import CASE_LIST
from cases.models import Case
from cases.tests.test_cases import open_case, with_state
from cases.workflow import CaseStatus
from persons.models import Subject
from tests.personas import World, sign_in

LIST = "/casussen/"
EXPORT = "/casussen/export/"


def _case_named(world: World, surname: str, given_names: str = "Noor", **overrides: Any) -> Case:
    subject = Subject.objects.create(
        municipality=world.wijkstad, given_names=given_names, surname=surname, birth_year=2009
    )
    return open_case(world, subject=subject, **overrides)


def _ids(response: Any) -> list[int]:
    return [case.pk for case in response.context["cases"]]


def _all_pages(client: Client, first: str) -> list[int]:
    response = client.get(first)
    shown = _ids(response)
    while href := response.context["listing"].next_href:
        response = client.get(f"{LIST}{href}")
        shown += _ids(response)
    return shown


def test_sorting_by_person_pages_through_ties_without_gaps_or_repeats(client: Client, world: World):
    # Three surnames for 30 cases: most rows tie on the sort column, so the keyset must
    # fall back on the id to page correctly.
    cases = [_case_named(world, ("Aaldering", "Bakker", "Claes")[n % 3]) for n in range(30)]
    sign_in(client, world.lead)
    shown = _all_pages(client, f"{LIST}?sorteer=persoon&volgorde=op")
    expected = sorted(cases, key=lambda case: (case.subject.surname, case.pk))
    assert shown == [case.pk for case in expected]
    shown_descending = _all_pages(client, f"{LIST}?sorteer=persoon&volgorde=af")
    assert shown_descending == [case.pk for case in reversed(expected)]


def test_the_order_and_filters_are_kept_in_the_session_until_cleared(client: Client, world: World):
    active = _case_named(world, "Actief")
    closed = with_state(world, status=CaseStatus.CLOSED)
    sign_in(client, world.lead)
    client.get(LIST, {"filteren": "1", "status": CaseStatus.CLOSED})
    client.get(LIST, {"sorteer": "nummer", "volgorde": "op"})
    again = client.get(LIST)
    assert _ids(again) == [closed.pk]
    assert again.context["listing"].state.ordering.column.key == "nummer"
    assert again.context["listing"].page.count == 1
    cleared = client.get(LIST, {"wissen": "1"})
    assert _ids(cleared) == [active.pk, closed.pk]  # the order stays, the filter goes


def test_invalid_filters_are_refused_with_a_message_and_the_kept_ones_stay(
    client: Client, world: World
):
    closed = with_state(world, status=CaseStatus.CLOSED)
    _case_named(world, "Actief")
    sign_in(client, world.lead)
    client.get(LIST, {"status": CaseStatus.CLOSED})
    refused = client.get(LIST, {"filteren": "1", "status": "nonsense"})
    assert refused.status_code == 400
    assert "Kies een status uit de lijst." in refused.content.decode()
    assert _ids(client.get(LIST)) == [closed.pk]


def test_a_cursor_of_another_order_or_forged_gives_the_first_page(client: Client, world: World):
    cases = [_case_named(world, f"Naam{n:02d}") for n in range(CASE_LIST.page_size + 1)]
    sign_in(client, world.lead)
    by_person = client.get(LIST, {"sorteer": "persoon", "volgorde": "op"})
    cursor = by_person.context["listing"].next_href
    client.get(LIST, {"sorteer": "nummer", "volgorde": "af"})
    response = client.get(f"{LIST}{cursor}")
    assert _ids(response)[0] == cases[-1].pk  # the first page of the order by number
    assert response.context["listing"].page.cursor_refused
    forged = client.get(LIST, {"na": cursor[len("?na=") :] + "x"})
    assert forged.context["listing"].page.is_first


def test_a_partner_counts_only_the_cases_of_their_teams(client: Client, world: World):
    _case_named(world, "Team")
    _case_named(world, "Anders", team=[world.safety_house])
    sign_in(client, world.partner)
    response = client.get(LIST)
    assert response.context["listing"].page.count == 1
    assert "1 casus." in response.content.decode()
    assert response.context["listing"].export_url == ""  # partners do not export


def _export(client: Client, fmt: str) -> Any:
    return client.post(EXPORT, {"formaat": fmt})


def test_the_lead_exports_the_filtered_list_as_xlsx_in_its_order(client: Client, world: World):
    first = _case_named(world, "Bakker")
    second = _case_named(world, "Aaldering")
    with_state(world, status=CaseStatus.CLOSED)
    sign_in(client, world.lead)
    client.get(LIST, {"status": CaseStatus.ACTIVE, "sorteer": "persoon", "volgorde": "op"})
    response = _export(client, "xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="casussen-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Casus", "Persoon")
    assert [row[0] for row in rows[1:]] == [second.pk, first.pk]
    assert rows[1][1] == "Noor Aaldering"


def test_an_export_is_logged_per_data_subject_as_export(client: Client, world: World):
    case = _case_named(world, "Gelogd")
    sign_in(client, world.lead)
    _export(client, "csv")
    record = ProcessingRecord.objects.get(
        name="cases.export", subject_pseudonym=pseudonymise(f"subject:{case.subject_id}")
    )
    assert record.operation == Operation.EXPORT


def test_text_that_looks_like_a_formula_stays_text(client: Client, world: World):
    formula = '=HYPERLINK("https://example.invalid","klik")'
    _case_named(world, "Voorbeeld", given_names=formula)
    sign_in(client, world.lead)
    csv_text = _export(client, "csv").content.decode("utf-8-sig")
    assert f"'{formula} Voorbeeld".replace('"', '""') in csv_text
    sheet = load_workbook(io.BytesIO(_export(client, "xlsx").content)).active
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s"
    assert cell.value == f"{formula} Voorbeeld"


@pytest.mark.parametrize("fmt", ["pdf", "", "xlsx; rm"])
def test_an_unknown_format_is_a_bad_request_and_logs_nothing(
    client: Client, world: World, fmt: str
):
    _case_named(world, "Niets")
    sign_in(client, world.lead)
    assert _export(client, fmt).status_code == 400
    assert not ProcessingRecord.objects.filter(name="cases.export").exists()


def test_who_may_not_export_is_refused_and_nothing_is_logged(client: Client, world: World):
    _case_named(world, "Geweigerd")
    for persona in (world.partner, world.privacy_officer, world.admin, world.outsider):
        other = Client()
        sign_in(other, persona)
        assert other.post(EXPORT, {"formaat": "csv"}).status_code in {403, 404}
    assert not ProcessingRecord.objects.filter(name="cases.export").exists()
    sign_in(client, world.lead)
    assert client.get(EXPORT).status_code == 405  # an export is never a link
