"""Tasks follow their source: assign, move, change owner, close, withdraw; the owner hears of a
new task in the app at once and by e-mail only after the change commits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from tasks.models import Notification, Task, TaskSource, TaskStatus
from tasks.services import task_assign, task_close, task_mark_done, task_withdraw
from tests.personas import World


def _assign(world: World, *, owner=None, due_on: date | None = None, source_id: int = 7) -> Task:
    return task_assign(
        source=TaskSource.ACTION,
        source_id=source_id,
        case=None,
        owner=owner or world.partner.user,
        title="Huisbezoek afleggen",
        url="/casussen/1/",
        due_on=due_on or timezone.localdate() + timedelta(days=7),
    )


def test_assigning_creates_one_open_task_and_a_neutral_notification(world: World):
    task = _assign(world)
    assert task.status == TaskStatus.OPEN
    assert task.owner == world.partner.user
    [notification] = Notification.objects.filter(recipient=world.partner.user)
    assert notification.title == "You have a new task"
    assert "Huisbezoek" not in notification.title
    assert notification.url == "/casussen/1/"


def test_the_assignment_email_waits_for_the_commit(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _assign(world)
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    [mail] = mailoutbox
    assert mail.to == [world.partner.user.email]
    assert "Huisbezoek" not in mail.subject + mail.body


def _assign_then_fail(world: World) -> None:
    with transaction.atomic():
        _assign(world)
        raise RollbackError


class RollbackError(Exception):
    pass


def test_a_rolled_back_assignment_leaves_no_task_notification_or_mail(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RollbackError),
    ):
        _assign_then_fail(world)
    assert callbacks == []
    assert mailoutbox == []
    assert not Task.objects.exists()
    assert not Notification.objects.exists()


def test_moving_the_due_date_keeps_the_one_task_and_does_not_notify_again(world: World):
    first = _assign(world)
    later = first.due_on + timedelta(days=14)
    moved = _assign(world, due_on=later)
    assert moved.pk == first.pk
    assert Task.objects.get().due_on == later
    assert Notification.objects.count() == 1


def test_moving_the_due_date_allows_a_new_overdue_reminder(world: World):
    task = _assign(world)
    Task.objects.filter(pk=task.pk).update(overdue_notified_on=task.due_on)
    moved = _assign(world, due_on=task.due_on + timedelta(days=3))
    assert moved.overdue_notified_on is None


def test_a_new_owner_gets_a_new_task_and_the_old_task_is_withdrawn(world: World):
    old = _assign(world)
    new = _assign(world, owner=world.lead.user)
    old.refresh_from_db()
    assert old.status == TaskStatus.WITHDRAWN
    assert old.closed_at is not None
    assert new.owner == world.lead.user
    assert new.status == TaskStatus.OPEN
    assert Notification.objects.filter(recipient=world.lead.user).count() == 1


def test_closing_the_source_marks_its_open_task_done(world: World):
    task = _assign(world)
    assert task_close(source=TaskSource.ACTION, source_id=7) == 1
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.closed_at is not None


def test_withdrawing_the_source_withdraws_its_task_and_leaves_other_sources_alone(world: World):
    task = _assign(world)
    other = _assign(world, source_id=8)
    assert task_withdraw(source=TaskSource.ACTION, source_id=7) == 1
    task.refresh_from_db()
    other.refresh_from_db()
    assert task.status == TaskStatus.WITHDRAWN
    assert other.status == TaskStatus.OPEN


def test_closing_a_source_without_an_open_task_changes_nothing(world: World):
    task = _assign(world)
    task_withdraw(source=TaskSource.ACTION, source_id=7)
    assert task_close(source=TaskSource.ACTION, source_id=7) == 0
    task.refresh_from_db()
    assert task.status == TaskStatus.WITHDRAWN


def test_a_task_is_marked_done_only_once(world: World):
    task = _assign(world)
    assert task_mark_done(task=task) is True
    assert task_mark_done(task=task) is False
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_after_closing_a_new_assignment_opens_a_new_task(world: World):
    first = _assign(world)
    task_close(source=TaskSource.ACTION, source_id=7)
    second = _assign(world)
    assert second.pk != first.pk
    assert second.status == TaskStatus.OPEN
