"""Overdue tasks are counted in the menu (one query) and marked in words on each row; each
task is listed once; every row links to its source; titles say what the task is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from accounts.models import Membership
from cases.actions import action_url
from cases.models import Case
from cases.review_tasks import sync_review_task
from cases.services import team_remove
from cases.tests.test_actions import new_action
from cases.tests.test_cases import open_case
from portal.context_processors import overdue_badge
from tasks.gates import own_overdue_count
from tasks.models import Task, TaskSource
from tests import personas
from tests.personas import World


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def sign_in(client: Client, membership: Membership) -> None:
    personas.sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _days(n: int):
    return timezone.localdate() + timedelta(days=n)


def _overdue_action(world: World, case: Case, description: str):
    action = new_action(world, case, description=description)
    Task.objects.filter(source=TaskSource.ACTION, source_id=action.pk).update(due_on=_days(-3))
    return action


def _overdue_review(case: Case) -> Task:
    Case.objects.filter(pk=case.pk).update(review_on=_days(-2))
    case.refresh_from_db()
    sync_review_task(case)
    return Task.objects.get(source=TaskSource.REVIEW, source_id=case.pk, status="open")


def test_the_menu_counts_the_users_overdue_tasks_in_words(client: Client, world: World):
    case = open_case(world)
    _overdue_action(world, case, "Eerste")
    _overdue_action(world, case, "Tweede")
    new_action(world, case, description="Op tijd")
    sign_in(client, world.partner)
    page = client.get("/").content.decode()
    assert 'href="/taken/">My tasks <span class="utrecht-badge-counter">(2 overdue)</span>' in page


def test_no_badge_without_overdue_tasks(client: Client, world: World):
    new_action(world, open_case(world), description="Op tijd")
    sign_in(client, world.partner)
    page = client.get("/").content.decode()
    assert 'href="/taken/">My tasks</a>' in page
    assert "overdue)" not in page


def test_the_count_is_one_query_whatever_the_number_of_tasks(
    world: World, django_assert_num_queries
):
    case = open_case(world)
    for number in range(4):
        _overdue_action(world, case, f"Actie {number}")
    actor = world.actor(world.partner)
    with django_assert_num_queries(1):
        assert own_overdue_count(actor, today=timezone.localdate()) == 4
    with django_assert_num_queries(1):
        assert overdue_badge(world.partner) == "4 overdue"


def test_the_count_leaves_out_cases_the_user_can_no_longer_see(world: World):
    case = open_case(world)
    _overdue_action(world, case, "Weg")
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Niet meer nodig.",
        version=case.version,
    )
    Task.objects.update(status="open")  # even an open task of a case out of sight
    assert own_overdue_count(world.actor(world.partner), today=timezone.localdate()) == 0


def test_the_leads_own_overdue_task_is_listed_once(client: Client, world: World):
    case = open_case(world)
    _overdue_review(case)
    _overdue_action(world, case, "Actie van de politie")
    sign_in(client, world.lead)
    page = client.get("/taken/").content.decode()
    assert page.count(">Review the case</a>") == 1
    # The partner's overdue action is in the lead's second table, once.
    assert page.count("Actie van de politie</a>") == 1
    assert page.count('<span class="utrecht-data-badge">Overdue</span>') == 1 + 2


def test_rows_say_what_the_task_is_and_link_to_its_source(client: Client, world: World):
    case = open_case(world)
    action = new_action(world, case, description="Gesprek met de mentor")
    sign_in(client, world.partner)
    page = client.get("/taken/").content.decode()
    assert f'<a class="utrecht-link" href="{action_url(action)}">Gesprek met de mentor</a>' in page
    assert "Action in case" not in page
    case_page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert f'href="{action_url(action)}">Gesprek met de mentor</a>' in case_page


def test_a_review_title_is_translated_when_shown(world: World):
    case = open_case(world)
    with translation.override("nl"):
        task = _overdue_review(case)
    assert task.title_key == "review_case"
    assert task.title_params == {}
    with translation.override("en"):
        assert Task.objects.get(pk=task.pk).title == "Review the case"
