"""The review task follows the case's review date (cases.review_tasks.sync_review_task)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.models import Case
from cases.review_tasks import sync_review_task
from cases.tests.test_cases import open_case
from cases.workflow import CaseStatus
from tasks.models import Task, TaskSource, TaskStatus
from tests.factories import MembershipFactory
from tests.personas import World


def _set(case: Case, **values: object) -> Case:
    Case.objects.filter(pk=case.pk).update(**values)
    case.refresh_from_db()
    sync_review_task(case)
    return case


def _review_tasks(case: Case):
    return Task.objects.filter(source=TaskSource.REVIEW, source_id=case.pk)


def test_setting_a_review_date_gives_the_lead_a_neutral_task_linking_to_the_case(world: World):
    case = open_case(world)
    review_on = timezone.localdate() + timedelta(days=20)
    _set(case, review_on=review_on)
    [task] = _review_tasks(case)
    assert task.owner == world.lead.user
    assert task.due_on == review_on
    assert task.title == "Review the case"
    assert task.title_key == "review_case"
    assert case.subject.surname not in task.title
    assert task.url == f"/casussen/{case.pk}/"
    assert task.case == case


def test_a_new_review_date_moves_the_task(world: World):
    case = _set(open_case(world), review_on=timezone.localdate() + timedelta(days=5))
    later = timezone.localdate() + timedelta(days=40)
    _set(case, review_on=later)
    [task] = _review_tasks(case)
    assert (task.due_on, task.status) == (later, TaskStatus.OPEN)


def test_clearing_the_review_date_withdraws_the_task(world: World):
    case = _set(open_case(world), review_on=timezone.localdate() + timedelta(days=5))
    _set(case, review_on=None)
    assert _review_tasks(case).get().status == TaskStatus.WITHDRAWN


def test_closing_the_case_withdraws_the_task(world: World):
    case = _set(open_case(world), review_on=timezone.localdate() + timedelta(days=5))
    _set(case, status=CaseStatus.CLOSED, closure_reason="other")
    assert _review_tasks(case).get().status == TaskStatus.WITHDRAWN


def test_a_new_lead_takes_over_the_review_task(world: World):
    case = _set(open_case(world), review_on=timezone.localdate() + timedelta(days=5))
    other = MembershipFactory.create(organisation=world.gemeente_wijkstad, role="lead")
    _set(case, lead=other.user)
    assert _review_tasks(case).get(status=TaskStatus.OPEN).owner == other.user
    assert _review_tasks(case).get(owner=world.lead.user).status == TaskStatus.WITHDRAWN


def test_a_review_ticked_off_stays_done_when_synced_again(world: World):
    case = _set(open_case(world), review_on=timezone.localdate() + timedelta(days=5))
    _review_tasks(case).update(status=TaskStatus.DONE)
    sync_review_task(case)
    assert list(_review_tasks(case).values_list("status", flat=True)) == [TaskStatus.DONE]


def test_a_later_review_date_after_a_done_review_opens_a_new_task(world: World):
    case = _set(open_case(world), review_on=timezone.localdate() + timedelta(days=5))
    _review_tasks(case).update(status=TaskStatus.DONE)
    _set(case, review_on=timezone.localdate() + timedelta(days=60))
    assert _review_tasks(case).filter(status=TaskStatus.OPEN).count() == 1
