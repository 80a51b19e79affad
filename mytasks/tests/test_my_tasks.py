"""My tasks (/taken/): own open tasks while the case is visible, overdue said in words, the
lead's table of overdue tasks in their cases, and the done button for review tasks only."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from openpyxl import load_workbook

from accounts.models import Membership
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.models import Action, Case
from cases.review_tasks import sync_review_task
from cases.services import team_remove
from cases.tests.test_cases import open_case
from tasks.models import Task, TaskSource, TaskStatus
from tasks.services import task_assign
from tests import personas
from tests.personas import World


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Titles are translated when stored and pages when shown; the tests read English msgids.
    with translation.override("en"):
        yield


def sign_in(client: Client, membership: Membership) -> None:
    personas.sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _action_task(world: World, case: Case, *, due_on: date, description: str = "Huisbezoek"):
    action = Action.objects.create(
        case=case,
        description=description,
        owner_organisation=world.police,
        owner=world.partner.user,
        due_on=due_on,
        created_by=world.lead.user,
    )
    return task_assign(
        source=TaskSource.ACTION,
        source_id=action.pk,
        case=case,
        owner=world.partner.user,
        title=description,
        url=f"/casussen/{case.pk}/",
        due_on=due_on,
    )


def _review_task(case: Case, *, due_on: date) -> Task:
    Case.objects.filter(pk=case.pk).update(review_on=due_on)
    case.refresh_from_db()
    sync_review_task(case)
    return Task.objects.get(source=TaskSource.REVIEW, source_id=case.pk, status="open")


def _today() -> date:
    return timezone.localdate()


def test_a_partner_sees_their_open_tasks_with_links_earliest_first(client: Client, world: World):
    case = open_case(world)
    _action_task(world, case, due_on=_today() + timedelta(days=9), description="Later gesprek")
    _action_task(world, case, due_on=_today() + timedelta(days=2), description="Eerst bellen")
    sign_in(client, world.partner)
    response = client.get("/taken/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Eerst bellen") < page.index("Later gesprek")
    assert f'href="/casussen/{case.pk}/"' in page
    assert '<span class="utrecht-data-badge">Overdue</span>' not in page  # nothing is overdue


def test_an_overdue_task_says_so_in_words(client: Client, world: World):
    case = open_case(world)
    due = _today() - timedelta(days=3)
    _action_task(world, case, due_on=due)
    sign_in(client, world.partner)
    page = client.get("/taken/").content.decode()
    # A marker in words on the row, and the count above the table.
    assert '<span class="utrecht-data-badge">Overdue</span>' in page
    assert f"was due {due:%d-%m-%Y}" in page
    assert "1 of your tasks is overdue" in page


def test_done_and_other_peoples_tasks_are_not_listed(client: Client, world: World):
    case = open_case(world)
    done = _action_task(world, case, due_on=_today(), description="Al gedaan")
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE)
    _review_task(case, due_on=_today() + timedelta(days=4))  # the lead's
    sign_in(client, world.partner)
    page = client.get("/taken/").content.decode()
    assert "Al gedaan" not in page
    assert "Review the case" not in page
    assert "You have no open tasks." in page


def test_removing_the_organisation_from_the_team_hides_its_tasks_at_once(
    client: Client, world: World
):
    case = open_case(world)
    _action_task(world, case, due_on=_today() + timedelta(days=2), description="Vertrouwelijk")
    sign_in(client, world.partner)
    assert "Vertrouwelijk" in client.get("/taken/").content.decode()
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Niet meer nodig.",
        version=case.version,
    )
    page = client.get("/taken/").content.decode()
    assert "Vertrouwelijk" not in page
    assert f"Case {case.pk}" not in page


def test_reading_the_list_is_logged_for_the_listed_cases(client: Client, world: World):
    case = open_case(world)
    _action_task(world, case, due_on=_today())
    sign_in(client, world.partner)
    client.get("/taken/")
    record = ProcessingRecord.objects.get(name="tasks.list")
    assert record.subject_pseudonym == pseudonymise(f"subject:{case.subject_id}")
    assert record.actor_id == world.partner.user_id


def test_the_lead_sees_overdue_tasks_of_others_in_their_cases(client: Client, world: World):
    case = open_case(world)
    _action_task(world, case, due_on=_today() - timedelta(days=5), description="Te laat actie")
    _action_task(world, case, due_on=_today() + timedelta(days=5), description="Nog op tijd")
    sign_in(client, world.lead)
    page = client.get("/taken/").content.decode()
    table = page[page.index("Overdue tasks of others in the cases you lead") :]
    assert "Te laat actie" in table
    assert "Nog op tijd" not in table
    assert world.partner.user.full_name in table
    assert world.police.name in table
    assert f"Case {case.pk}" in table
    logged = set(
        ProcessingRecord.objects.filter(name="tasks.list").values_list(
            "subject_pseudonym", flat=True
        )
    )
    assert pseudonymise(f"user:{world.partner.user_id}") in logged


def test_a_partner_has_no_table_of_others_overdue_tasks(client: Client, world: World):
    case = open_case(world)
    _action_task(world, case, due_on=_today() - timedelta(days=5))
    sign_in(client, world.partner)
    page = client.get("/taken/").content.decode()
    assert "Overdue tasks of others in the cases you lead" not in page


def test_the_process_director_may_open_the_page(client: Client, world: World):
    sign_in(client, world.process_director)
    assert client.get("/taken/").status_code == 200


def test_a_partner_of_another_municipality_sees_none_of_the_case_tasks(
    client: Client, world: World
):
    case = open_case(world)
    _action_task(world, case, due_on=_today() - timedelta(days=1), description="Geheim")
    sign_in(client, world.outsider)
    page = client.get("/taken/").content.decode()
    assert "Geheim" not in page
    assert client.post(f"/taken/{Task.objects.get().pk}/gedaan/").status_code == 404


@pytest.mark.parametrize("persona", ["privacy_officer", "admin"])
def test_other_roles_are_refused(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get("/taken/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    assert client.get("/taken/")["Location"].startswith("/inloggen/")
    assert client.post("/taken/1/gedaan/")["Location"].startswith("/inloggen/")


def test_the_navigation_links_to_my_tasks(client: Client, world: World):
    sign_in(client, world.partner)
    assert 'href="/taken/"' in client.get("/").content.decode()


def test_the_lead_marks_a_review_task_done(client: Client, world: World):
    case = open_case(world)
    task = _review_task(case, due_on=_today() + timedelta(days=1))
    sign_in(client, world.lead)
    page = client.get("/taken/").content.decode()
    assert f'action="/taken/{task.pk}/gedaan/"' in page
    response = client.post(f"/taken/{task.pk}/gedaan/")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    record = ProcessingRecord.objects.get(name="tasks.review.done")
    assert record.subject_pseudonym == pseudonymise(f"subject:{case.subject_id}")
    assert "Review the case" not in client.get("/taken/").content.decode()


def test_action_tasks_have_no_done_button_and_posting_one_changes_nothing(
    client: Client, world: World
):
    case = open_case(world)
    task = _action_task(world, case, due_on=_today())
    sign_in(client, world.partner)
    assert "/gedaan/" not in client.get("/taken/").content.decode()
    assert client.post(f"/taken/{task.pk}/gedaan/").status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_someone_else_cannot_mark_the_leads_review_task_done(client: Client, world: World):
    case = open_case(world)
    task = _review_task(case, due_on=_today())
    sign_in(client, world.partner)
    assert client.post(f"/taken/{task.pk}/gedaan/").status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_marking_done_twice_or_by_get_changes_nothing(client: Client, world: World):
    case = open_case(world)
    task = _review_task(case, due_on=_today())
    sign_in(client, world.lead)
    assert client.get(f"/taken/{task.pk}/gedaan/").status_code == 405
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    client.post(f"/taken/{task.pk}/gedaan/")
    closed_at = Task.objects.get(pk=task.pk).closed_at
    assert client.post(f"/taken/{task.pk}/gedaan/").status_code == 404
    assert Task.objects.get(pk=task.pk).closed_at == closed_at


def test_the_case_page_shows_open_tasks_and_upcoming_deadlines(client: Client, world: World):
    case = open_case(world)
    _action_task(world, case, due_on=_today() - timedelta(days=2), description="Achterstallig")
    _action_task(world, case, due_on=_today() + timedelta(days=10), description="Binnenkort")
    _action_task(world, case, due_on=_today() + timedelta(days=60), description="Veel later")
    _review_task(case, due_on=_today() + timedelta(days=14))
    sign_in(client, world.partner)
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    tasks = page[page.index('id="tasks-heading"') : page.index('id="deadlines-heading"')]
    deadlines = page[page.index('id="deadlines-heading"') :]
    assert "Achterstallig" in tasks
    assert '<span class="utrecht-data-badge">Overdue</span>' in tasks
    # Every row links to its source.
    assert f'href="/casussen/{case.pk}/">Achterstallig</a>' in tasks
    assert world.police.name in tasks
    assert "Binnenkort" in deadlines
    assert "Review by the case conference" in deadlines
    assert "Veel later" not in deadlines
    assert "Achterstallig" not in deadlines


def test_the_task_filters_stay_and_the_count_follows_them(client: Client, world: World):
    case = open_case(world)
    late = _action_task(world, case, due_on=_today() - timedelta(days=1), description="Te laat")
    _action_task(world, case, due_on=_today() + timedelta(days=20), description="Later")
    sign_in(client, world.partner)
    client.get("/taken/", {"due": "overdue"})
    again = client.get("/taken/")
    assert [row.task.pk for row in again.context["rows"]] == [late.pk]
    assert again.context["listing"].page.count == 1
    assert again.context["listing"].export_url == ""  # partners read, they do not export
    assert client.post("/taken/export/", {"formaat": "csv"}).status_code in {403, 404}


def test_the_lead_exports_their_tasks_and_the_export_is_logged(client: Client, world: World):
    case = open_case(world)
    review = _review_task(case, due_on=_today() + timedelta(days=3))
    sign_in(client, world.lead)
    response = client.post("/taken/export/", {"formaat": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][4] == case.pk
    assert rows[1][2] == review.title
    assert ProcessingRecord.objects.filter(
        name="tasks.export",
        operation=Operation.EXPORT,
        subject_pseudonym=pseudonymise(f"subject:{case.subject_id}"),
    ).exists()
