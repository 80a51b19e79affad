"""The conference list: the period filter kept in the session, sorted keyset pages, the
count, and the export (it names the chairs, so it is logged with them as data subjects)."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from conferences.listing import CONFERENCE_LIST
from conferences.tests.test_conferences import conference
from tests.personas import World, sign_in

LIST = "/casusoverleggen/"


def _ids(response: Any) -> list[int]:
    return [meeting.pk for meeting in response.context["conferences"]]


def test_upcoming_and_held_conferences_are_filtered_and_the_filter_stays(
    client: Client, world: World
):
    held = conference(world, days=-3)
    upcoming = conference(world, days=4)
    sign_in(client, world.process_director)
    assert _ids(client.get(LIST, {"period": "held"})) == [held.pk]
    again = client.get(LIST)
    assert _ids(again) == [held.pk]
    assert again.context["listing"].page.count == 1
    assert _ids(client.get(LIST, {"wissen": "1"})) == [upcoming.pk, held.pk]


def test_pages_by_date_ascending_follow_each_other_without_gaps(client: Client, world: World):
    meetings = [conference(world, days=day % 5) for day in range(CONFERENCE_LIST.page_size + 3)]
    sign_in(client, world.process_director)
    first = client.get(LIST, {"sorteer": "datum", "volgorde": "op"})
    second = client.get(f"{LIST}{first.context['listing'].next_href}")
    expected = [m.pk for m in sorted(meetings, key=lambda m: (m.held_at, m.pk))]
    assert _ids(first) + _ids(second) == expected


def test_the_export_names_the_chairs_and_is_logged_with_them(client: Client, world: World):
    meeting = conference(world, days=2)
    sign_in(client, world.process_director)
    response = client.post(f"{LIST}export/", {"formaat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1:3] == (world.wijkstad.name, meeting.chair.full_name)
    assert ProcessingRecord.objects.filter(
        name="cases.conference.export",
        operation=Operation.EXPORT,
        subject_pseudonym=pseudonymise(f"user:{meeting.chair_id}"),
    ).exists()


def test_a_partner_may_read_the_list_but_not_export_it(client: Client, world: World):
    conference(world)
    sign_in(client, world.partner)
    assert client.get(LIST).context["listing"].export_url == ""
    assert client.post(f"{LIST}export/", {"formaat": "csv"}).status_code in {403, 404}
    assert not ProcessingRecord.objects.filter(name="cases.conference.export").exists()
