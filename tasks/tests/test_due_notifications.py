"""The daily sweep: an owner hears once per due date that a task is overdue, the case lead gets
one summary, nothing personal travels by mail, and running it twice sends nothing new."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cases import review_tasks
from cases.models import Case
from cases.tests.test_cases import open_case
from cases.workflow import CaseStatus
from tasks.models import Notification, Task, TaskSource, TaskStatus
from tasks.services import task_assign, tasks_send_due
from tests.personas import World


@pytest.fixture(autouse=True)
def _review_step() -> None:
    # What CasesConfig.ready() does once wired; registering twice is harmless.
    review_tasks.register()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(6, 15)))


def _task(world: World, case: Case | None, *, owner=None, due_on: date, source_id: int = 1):
    return task_assign(
        source=TaskSource.ACTION,
        source_id=source_id,
        case=case,
        owner=owner or world.partner.user,
        title="Gesprek met Noor over school",
        url=f"/casussen/{case.pk if case else 0}/",
        due_on=due_on,
    )


def _overdue_notes(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).exclude(title="You have a new task"))


def test_a_task_due_today_is_not_yet_overdue(world: World):
    today = timezone.localdate()
    _task(world, None, due_on=today)
    result = tasks_send_due(today=today)
    assert result.owners_notified == 0
    assert _overdue_notes(world.partner.user) == []


def test_an_overdue_task_is_told_to_its_owner_in_the_app_and_by_mail(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(world)
    today = timezone.localdate()
    task = _task(world, case, due_on=today - timedelta(days=1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks_send_due(today=today)
    assert result.owners_notified == 1
    [note] = _overdue_notes(world.partner.user)
    assert note.title == "A task is overdue"
    assert note.url == task.url
    owner_mail = [m for m in mailoutbox if m.to == [world.partner.user.email]]
    assert len(owner_mail) == 1
    assert task.url in owner_mail[0].body
    task.refresh_from_db()
    assert task.overdue_notified_on == task.due_on


def test_running_the_sweep_twice_sends_nothing_new(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(world)
    today = timezone.localdate()
    _task(world, case, due_on=today - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        tasks_send_due(today=today)
    notes, mails = Notification.objects.count(), len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = tasks_send_due(today=today)
        next_day = tasks_send_due(today=today + timedelta(days=1))
    assert (again.owners_notified, again.leads_notified) == (0, 0)
    assert (next_day.owners_notified, next_day.leads_notified) == (0, 0)
    assert callbacks == []
    assert Notification.objects.count() == notes
    assert len(mailoutbox) == mails


def test_the_command_run_by_cron_on_later_days_tells_the_owner_once(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(world)
    due = timezone.localdate() + timedelta(days=3)
    _task(world, case, due_on=due)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(_at(due), tick=False):
            call_command("send_due_notifications", stdout=out)
        with time_machine.travel(_at(due + timedelta(days=1)), tick=False):
            call_command("send_due_notifications", stdout=out)
        with time_machine.travel(_at(due + timedelta(days=2)), tick=False):
            call_command("send_due_notifications", stdout=out)
    lines = out.getvalue().splitlines()
    assert "owners notified: 0" in lines[0]
    assert "owners notified: 1; leads notified: 1" in lines[1]
    assert "owners notified: 0; leads notified: 0" in lines[2]
    assert len(_overdue_notes(world.partner.user)) == 1


def test_a_moved_due_date_that_passes_again_is_told_again(world: World):
    today = timezone.localdate()
    _task(world, None, due_on=today - timedelta(days=1))
    tasks_send_due(today=today)
    _task(world, None, due_on=today + timedelta(days=2))  # moved by the source
    later = today + timedelta(days=3)
    assert tasks_send_due(today=later).owners_notified == 1
    assert len(_overdue_notes(world.partner.user)) == 2


def test_done_and_withdrawn_tasks_are_not_told(world: World):
    today = timezone.localdate()
    done = _task(world, None, due_on=today - timedelta(days=1), source_id=1)
    withdrawn = _task(world, None, due_on=today - timedelta(days=1), source_id=2)
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE)
    Task.objects.filter(pk=withdrawn.pk).update(status=TaskStatus.WITHDRAWN)
    assert tasks_send_due(today=today).owners_notified == 0


def test_the_case_lead_gets_one_summary_counting_the_newly_overdue_tasks_of_others(
    world: World,
):
    case = open_case(world)
    today = timezone.localdate()
    _task(world, case, due_on=today - timedelta(days=1), source_id=1)
    _task(world, case, due_on=today - timedelta(days=3), source_id=2)
    result = tasks_send_due(today=today)
    assert result.owners_notified == 2
    assert result.leads_notified == 1
    [summary] = _overdue_notes(world.lead.user)
    assert summary.title == "2 tasks in your cases are overdue"
    assert summary.url == "/taken/"


def test_the_lead_gets_no_summary_for_their_own_overdue_task(world: World):
    case = open_case(world)
    today = timezone.localdate()
    _task(world, case, owner=world.lead.user, due_on=today - timedelta(days=1))
    result = tasks_send_due(today=today)
    assert (result.owners_notified, result.leads_notified) == (1, 0)
    assert [n.title for n in _overdue_notes(world.lead.user)] == ["A task is overdue"]


def test_no_mail_of_the_sweep_names_the_person_or_the_task(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(world)
    subject = case.subject
    today = timezone.localdate()
    _task(world, case, due_on=today - timedelta(days=1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks_send_due(today=today)
    assert len(mailoutbox) == 2  # the owner and the lead's summary
    for mail in mailoutbox:
        text = mail.subject + mail.body
        for word in (subject.given_names, subject.surname, "Gesprek", "school"):
            assert word not in text


def test_the_sweep_recreates_a_missing_review_task(world: World):
    case = open_case(world)
    review_on = timezone.localdate() + timedelta(days=10)
    # A change that bypassed case_set_review (or a failed call) left the task missing.
    Case.objects.filter(pk=case.pk).update(review_on=review_on)
    result = tasks_send_due(today=timezone.localdate())
    assert result.tasks_repaired == 1
    task = Task.objects.get(source=TaskSource.REVIEW, source_id=case.pk)
    assert (task.owner, task.due_on, task.status) == (world.lead.user, review_on, "open")
    assert tasks_send_due(today=timezone.localdate()).tasks_repaired == 0


def test_the_sweep_withdraws_the_review_task_of_a_closed_case(world: World):
    case = open_case(world)
    Case.objects.filter(pk=case.pk).update(review_on=timezone.localdate() - timedelta(days=1))
    case.refresh_from_db()
    review_tasks.sync_review_task(case)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    result = tasks_send_due(today=timezone.localdate())
    assert result.tasks_repaired == 1
    assert result.owners_notified == 0
    assert Task.objects.get().status == TaskStatus.WITHDRAWN
