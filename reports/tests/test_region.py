"""The regional view for the Zorg- en Veiligheidshuis (issue 7, point 9).

Each municipality's figures are suppressed on their own, exactly as on its dashboard and in
its council report; a region figure is shown only when every municipality's figure in its
row is shown, so the region minus the others never gives a hidden figure back. Only the
region's process director gets in.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import Membership, Municipality, Organisation, Region, Role
from audit.models import ProcessingRecord
from cases.models import Case
from persons.models import Subject
from reports.aggregates import POPULATIONS, TABLES, Aggregates, PeriodFigures, Table
from reports.suppression import HIDDEN, SHOWN, SMALL, PublishedCell, suppress_aggregates
from reports.views_region import RegionTable, region_cell, region_tables
from tests.factories import MembershipFactory
from tests.personas import World, sign_in

URL = "/regio/"
THRESHOLD = 10


def english(client: Client, membership: Membership) -> Client:
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def plant_cases(municipality: Municipality, lead_user_id: int, count: int) -> None:
    for number in range(count):
        subject = Subject.objects.create(
            municipality=municipality, given_names="Sam", surname=f"{municipality.code}-{number}"
        )
        Case.objects.create(subject=subject, municipality=municipality, lead_id=lead_user_id)


def cell(table: RegionTable, key: str) -> tuple[list[PublishedCell], PublishedCell]:
    labels = dict(next(spec for spec in TABLES if spec.key == table.key).rows)
    row = next(row for row in table.rows if row.label == str(labels[key]))
    return list(row.cells), row.region


def revealed_by_differencing(tables: list[RegionTable]) -> list[str]:
    """What an attacker learns from the region column: for every row whose region figure is
    shown, the region minus the shown municipal figures gives back a figure that was not
    shown, whenever exactly one of them is not shown."""
    found = []
    for table in tables:
        for row in (*table.rows, table.total):
            if not row.region.shown:
                continue
            unknown = [c for c in row.cells if not c.shown]
            if len(unknown) == 1:
                value = (row.region.value or 0) - sum(c.value or 0 for c in row.cells if c.shown)
                found.append(f"{table.key}/{row.label} = {value}")
    return found


# --- The rule for the region column. ---------------------------------------------------------


def shown(value: int) -> PublishedCell:
    return PublishedCell("k", "label", value, SHOWN, THRESHOLD)


def small() -> PublishedCell:
    return PublishedCell("k", "label", None, SMALL, THRESHOLD)


def hidden() -> PublishedCell:
    return PublishedCell("k", "label", None, HIDDEN, THRESHOLD)


def test_a_region_figure_is_the_sum_when_every_municipal_figure_is_shown():
    region = region_cell("k", "label", [shown(12), shown(0), shown(30)], THRESHOLD)
    assert (region.state, region.value) == (SHOWN, 42)


@pytest.mark.parametrize("other", [small, hidden], ids=["small", "hidden"])
def test_a_region_figure_is_hidden_when_any_municipal_figure_is_not_shown(other):
    region = region_cell("k", "label", [shown(40), other(), shown(11)], THRESHOLD)
    assert region.state == HIDDEN
    assert region.value is None
    assert region.display == "hidden"


def random_aggregates(rng: random.Random, municipality_id: int) -> Aggregates:
    """Raw counts with many small cells, for the property test below."""

    def figures() -> PeriodFigures:
        tables = []
        for population in POPULATIONS:
            specs = [spec for spec in TABLES if spec.population == population]
            total = rng.choice([0, 3, 9, 14, 25, 60])
            for spec in specs:
                counts = [0] * len(spec.rows)
                for _ in range(total):  # the tables of a population share their total
                    counts[rng.randrange(len(counts))] += 1
                keys = [key for key, _label in spec.rows]
                tables.append(Table(key=spec.key, counts=tuple(zip(keys, counts, strict=True))))
        return PeriodFigures(start=date(2026, 1, 1), end=date(2026, 3, 31), tables=tuple(tables))

    return Aggregates(municipality_ids=(municipality_id,), current=figures(), previous=figures())


@pytest.mark.parametrize("seed", range(40))
def test_the_region_column_never_reveals_a_suppressed_municipal_figure(seed: int):
    rng = random.Random(seed)
    raw = [random_aggregates(rng, m) for m in range(1, rng.randint(2, 5))]
    published = [suppress_aggregates(a, THRESHOLD) for a in raw]

    tables = region_tables(published, THRESHOLD)

    assert revealed_by_differencing(tables) == []
    for table, spec in zip(tables, TABLES, strict=True):
        true_counts = [a.current.table(spec.key).as_mapping() for a in raw]
        for index, (key, _label) in enumerate(spec.rows):
            row = table.rows[index]
            # Consistent: a shown region figure is the true sum of the municipalities.
            if row.region.shown:
                assert row.region.value == sum(counts[key] for counts in true_counts)
                assert all(c.shown for c in row.cells)
            else:
                assert any(not c.shown for c in row.cells)
        if table.total.region.shown:
            assert table.total.region.value == sum(a.current.table(spec.key).total for a in raw)


# --- The page. -------------------------------------------------------------------------------


def test_the_process_director_sees_each_municipality_suppressed_on_its_own(
    client: Client, world: World
):
    polderveen_lead = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.LEAD
    )
    plant_cases(world.wijkstad, world.lead.user_id, 12)
    plant_cases(world.polderveen, polderveen_lead.user_id, 3)

    response = english(client, world.process_director).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Regional view: Zorg- en Veiligheidshuis Testland" in html
    assert [m.name for m in response.context["municipalities"]] == [
        "Testpolderveen",
        "Testwijkstad",
    ]
    tables = {t.key: t for t in response.context["tables"]}
    situation = tables["cases_by_situation"]
    (polderveen, wijkstad), region = cell(situation, "concern")
    assert (wijkstad.state, wijkstad.value) == (SHOWN, 12)
    assert polderveen.state == SMALL
    assert polderveen.display == "< 10"
    # 15 would give Polderveen's 3 away (15 - 12): the region figure is hidden.
    assert region.state == HIDDEN
    assert situation.total.region.state == HIDDEN
    assert revealed_by_differencing(list(tables.values())) == []
    assert '<td class="utrecht-table__cell">15</td>' not in html
    assert '<td class="utrecht-table__cell">3</td>' not in html
    # Counts only: nothing about a person is read, so nothing about one is logged.
    assert not ProcessingRecord.objects.filter(name__startswith="reports.").exclude(
        subject_pseudonym=""
    )


def test_a_region_figure_is_shown_when_no_municipality_hides_its_figure(
    client: Client, world: World
):
    polderveen_lead = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.LEAD
    )
    plant_cases(world.wijkstad, world.lead.user_id, 12)
    plant_cases(world.polderveen, polderveen_lead.user_id, 11)

    tables = english(client, world.process_director).get(URL).context["tables"]

    situation = next(t for t in tables if t.key == "cases_by_situation")
    _cells, region = cell(situation, "concern")
    assert (region.state, region.value) == (SHOWN, 23)
    assert (situation.total.region.state, situation.total.region.value) == (SHOWN, 23)


def test_a_municipalitys_column_equals_its_dashboard_figures(client: Client, world: World):
    plant_cases(world.wijkstad, world.lead.user_id, 4)
    tables = english(client, world.process_director).get(URL).context["tables"]
    client.logout()
    dashboard = english(client, world.lead).get("/burgemeester/").context["published"]

    wijkstad_column = 1  # Testpolderveen, Testwijkstad: by name
    for table in tables:
        mine = dashboard.current.table(table.key)
        assert [row.cells[wijkstad_column] for row in table.rows] == list(mine.cells)
        assert table.total.cells[wijkstad_column] == mine.total


def test_a_process_director_sees_only_the_own_regions_municipalities(client: Client, world: World):
    elsewhere = Region.objects.create(name="Zorg- en Veiligheidshuis Elders")
    Municipality.objects.create(name="Testverweg", code="GM9903", region=elsewhere)
    safety_house = Organisation.objects.create(
        name="ZVH Elders", kind=Organisation.Kind.SAFETY_HOUSE, region=elsewhere
    )
    director = MembershipFactory.create(organisation=safety_house, role=Role.PROCESS_DIRECTOR)

    response = english(client, director).get(URL)

    html = response.content.decode()
    assert [m.name for m in response.context["municipalities"]] == ["Testverweg"]
    assert "Testwijkstad" not in html
    assert "Testpolderveen" not in html


# --- Who gets in. --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "partner", "outsider", "privacy_officer", "admin"])
def test_other_roles_get_404(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize("role", [Role.MAYOR_OFFICE, Role.INTAKE])
def test_the_mayors_office_and_intake_get_404(client: Client, world: World, role: str):
    sign_in(client, MembershipFactory.create(organisation=world.gemeente_wijkstad, role=role))
    assert client.get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, world: World):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_the_navigation_links_the_regional_view_for_the_process_director_only(
    client: Client, world: World
):
    assert f'href="{URL}"' in english(client, world.process_director).get("/").content.decode()
    client.logout()
    assert f'href="{URL}"' not in english(client, world.lead).get("/").content.decode()


def test_the_page_names_the_running_quarter(client: Client, world: World):
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    html = english(client, world.process_director).get(URL).content.decode()
    assert f"quarter {quarter} of {today.year}" in html
