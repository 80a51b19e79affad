"""Dated checklist tasks fall due as the clock moves: three months after the departure date
the BRP deregistration check is due, and the daily sweep tells its owner once overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import time_machine
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from cases.workflow import Situation
from checklists.tests.builders import case_in, item, start
from tasks.models import Notification, Task, TaskSource, TaskStatus
from tasks.services import tasks_send_due
from tests.personas import World, sign_in


def at(day: date):
    return time_machine.travel(
        timezone.make_aware(datetime(day.year, day.month, day.day, 9)), tick=False
    )


def brp_task(world: World):
    """A case whose person departed today, with the departed checklist started."""
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed", timezone.localdate())
    brp = item(checklist, "brp-deregistration")
    return case, checklist, Task.objects.get(source=TaskSource.CHECKLIST, source_id=brp.pk)


def overdue_notices(world: World, task: Task) -> int:
    return Notification.objects.filter(
        recipient=world.lead.user, url=task.url, title=gettext("A task is overdue")
    ).count()


def test_three_months_after_departure_the_brp_task_falls_due(client: Client, world: World):
    case, checklist, task = brp_task(world)
    departure = checklist.event_date
    assert task.due_on == departure + timedelta(days=90)
    with at(departure + timedelta(days=89)):
        tasks_send_due(today=timezone.localdate())
        task.refresh_from_db()
        assert task.overdue_notified_on is None
        assert overdue_notices(world, task) == 0
    with at(departure + timedelta(days=90)):
        sign_in(client, world.lead)
        page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
        assert "Uitschrijving uit de BRP gecontroleerd" in page
        assert timezone.localdate() == task.due_on
    with at(departure + timedelta(days=91)):
        sign_in(client, world.lead)
        tasks_send_due(today=timezone.localdate())
        task.refresh_from_db()
        assert task.status == TaskStatus.OPEN
        assert task.overdue_notified_on == task.due_on
        assert overdue_notices(world, task) == 1
        page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
        assert gettext("Overdue — was due %(date)s").split("%(date)s")[0] in page
        # Once per due date: the next day's sweep does not tell the owner again.
        tasks_send_due(today=timezone.localdate() + timedelta(days=1))
        assert overdue_notices(world, task) == 1


def test_a_longer_period_set_by_the_administrator_moves_the_task(world: World):
    from checklists.models import TemplateItem
    from checklists.services import templates_load

    templates_load()
    TemplateItem.objects.filter(template__code="departed", code="brp-deregistration").update(
        task_offset_days=240
    )
    _case, checklist, task = brp_task(world)
    assert task.due_on == checklist.event_date + timedelta(days=240)
    with at(checklist.event_date + timedelta(days=91)):
        tasks_send_due(today=timezone.localdate())
        task.refresh_from_db()
        assert task.overdue_notified_on is None
