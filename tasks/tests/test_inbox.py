"""The messages page (/berichten/): a message names its task and case and links to it through
a view that marks it read; "mark all read"; days and pages; nothing about a task that is done;
nothing of a case the reader can no longer open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation

from accounts.models import Membership
from cases.actions import action_url
from cases.models import Action
from cases.services import team_remove
from cases.tests.test_actions import new_action
from cases.tests.test_cases import open_case
from tasks.models import Notification, NotificationKind, Task, TaskSource, TaskStatus
from tasks.services import notify, task_close
from tests import personas
from tests.personas import World


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def sign_in(client: Client, membership: Membership) -> None:
    personas.sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _page(client: Client, query: str = "") -> str:
    response = client.get(f"/berichten/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _message(world: World, action: Action) -> Notification:
    return Notification.objects.get(recipient=world.partner.user, task__source_id=action.pk)


def test_a_message_names_the_task_and_the_case_and_links_through_the_open_view(
    client: Client, world: World
):
    case = open_case(world)
    action = new_action(world, case, description="Huisbezoek bij de familie")
    notification = _message(world, action)
    assert notification.kind == NotificationKind.TASK_ASSIGNED
    sign_in(client, world.partner)
    page = _page(client)
    assert f"New task in case {case.pk}: Huisbezoek bij de familie" in page
    assert f'href="/berichten/{notification.pk}/openen/"' in page
    assert "Unread:" in page


def test_opening_a_message_marks_it_read_and_leads_to_its_task(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case)
    notification = _message(world, action)
    sign_in(client, world.partner)
    response = client.get(f"/berichten/{notification.pk}/openen/")
    assert response.status_code == 302
    assert response["Location"] == action_url(action)
    notification.refresh_from_db()
    first_read = notification.read_at
    assert first_read is not None
    # Opening it again keeps the first time it was read.
    client.get(f"/berichten/{notification.pk}/openen/")
    notification.refresh_from_db()
    assert notification.read_at == first_read
    assert "Unread:" not in _page(client)


def test_nobody_opens_or_marks_someone_elses_message(client: Client, world: World):
    case = open_case(world)
    notification = _message(world, new_action(world, case))
    sign_in(client, world.lead)
    assert client.get(f"/berichten/{notification.pk}/openen/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_is_a_post_and_touches_only_own_messages(client: Client, world: World):
    case = open_case(world)
    new_action(world, case)
    notify(recipients=[world.lead.user], title="Voor de dossierhouder", url="/", email=False)
    sign_in(client, world.partner)
    assert client.get("/berichten/gelezen/").status_code == 405
    assert client.post("/berichten/gelezen/").status_code == 302
    assert not Notification.objects.filter(recipient=world.partner.user, read_at=None).exists()
    assert Notification.objects.get(recipient=world.lead.user).read_at is None


def test_a_message_about_a_task_that_is_done_is_not_shown_nor_counted(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case, description="Al afgerond")
    task_close(source=TaskSource.ACTION, source_id=action.pk)
    sign_in(client, world.partner)
    page = _page(client)
    assert "Al afgerond" not in page
    assert "You have no notifications." in page
    # The header's count of new messages leaves it out too.
    assert "1 new" not in client.get("/").content.decode()


def test_no_email_about_a_task_done_in_the_same_transaction(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(world)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        action = new_action(world, case)
        task_close(source=TaskSource.ACTION, source_id=action.pk)
    assert [mail.to for mail in mailoutbox] == []


def test_a_message_of_a_case_the_reader_left_names_nothing_and_links_nowhere(
    client: Client, world: World
):
    case = open_case(world)
    action = new_action(world, case, description="Vertrouwelijk gesprek")
    notification = _message(world, action)
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Niet meer nodig.",
        version=case.version,
    )
    sign_in(client, world.partner)
    # Leaving the team withdrew the task, so the message is gone altogether.
    assert "Vertrouwelijk" not in _page(client)
    # A task still open in a case the reader may no longer see (the withdrawal is the case
    # app's business; the messages page must not rely on it) keeps its words to itself.
    Task.objects.filter(notifications=notification).update(status=TaskStatus.OPEN)
    page = _page(client)
    assert "Vertrouwelijk" not in page
    assert f"case {case.pk}" not in page
    assert "A message about a case you can no longer open" in page
    assert f"/berichten/{notification.pk}/openen/" not in page
    # Following an old link marks it read but goes back to the list, not to the action.
    response = client.get(f"/berichten/{notification.pk}/openen/", follow=True)
    assert response.redirect_chain[-1][0] == "/berichten/"
    assert "Vertrouwelijk" not in response.content.decode()


def test_the_title_is_worded_when_read_in_the_readers_language(client: Client, world: World):
    case = open_case(world)
    with translation.override("nl"):
        new_action(world, case, description="Gesprek met school")
        task = Task.objects.get(source=TaskSource.ACTION)
    # Nothing in the reader's interface language was stored, only the key and the words.
    assert task.title_key == "text"
    assert task.title_params == {"text": "Gesprek met school"}
    sign_in(client, world.partner)
    assert f"New task in case {case.pk}: Gesprek met school" in _page(client)


def test_an_overdue_summary_is_worded_from_its_count(client: Client, world: World):
    notify(
        recipients=[world.lead.user],
        title="",
        url="/taken/",
        email=False,
        kind=NotificationKind.OVERDUE_SUMMARY,
        params={"count": 3},
    )
    sign_in(client, world.lead)
    assert "3 tasks in your cases are overdue" in _page(client)


def test_messages_are_grouped_by_day_newest_first(client: Client, world: World):
    now = timezone.now()
    for days, title in [(0, "Vandaag bericht"), (1, "Gisteren bericht"), (9, "Ouder bericht")]:
        [made] = notify(recipients=[world.lead.user], title=title, url="/", email=False)
        Notification.objects.filter(pk=made.pk).update(created_at=now - timedelta(days=days))
    sign_in(client, world.lead)
    page = _page(client)
    older = timezone.localdate() - timedelta(days=9)
    assert page.index(">Today</h2>") < page.index("Vandaag bericht")
    assert page.index("Vandaag bericht") < page.index(">Yesterday</h2>")
    assert page.index(">Yesterday</h2>") < page.index("Gisteren bericht")
    assert page.index(f'id="day-{older:%Y-%m-%d}"') < page.index("Ouder bericht")


def test_messages_come_a_page_at_a_time(client: Client, world: World):
    for number in range(51):
        notify(recipients=[world.lead.user], title=f"Bericht {number:02d}", url="/", email=False)
    sign_in(client, world.lead)
    first = _page(client)
    assert "Bericht 50" in first
    assert "Bericht 00" not in first
    assert 'href="?pagina=2"' in first
    second = _page(client, "?pagina=2")
    assert "Bericht 00" in second
    assert "Bericht 50" not in second
    # A page beyond the end or not a number is the nearest page, not an error.
    assert "Bericht 00" in _page(client, "?pagina=99")
    assert "Bericht 50" in _page(client, "?pagina=x")


def test_the_page_costs_the_same_queries_for_many_task_messages(
    client: Client, world: World, django_assert_max_num_queries
):
    case = open_case(world)
    new_action(world, case)
    sign_in(client, world.partner)
    client.get("/berichten/")  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        _page(client)
    for _ in range(5):
        new_action(world, case)
    with CaptureQueriesContext(connection) as many:
        _page(client)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_task_status_filter_follows_the_task(world: World):
    case = open_case(world)
    action = new_action(world, case)
    task = Task.objects.get(source=TaskSource.ACTION, source_id=action.pk)
    assert Notification.objects.current().filter(task=task).count() == 1
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.WITHDRAWN)
    assert Notification.objects.current().filter(task=task).count() == 0
