"""The demo: Youssef el Oefenberg departed 100 days ago; the police reported him missing,
signalling his passport is on the police's list, the BRP check is overdue with the lead.
Seeding twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.workflow import Situation
from checklists.demo import seed_checklists_demo
from checklists.models import Checklist, ItemState
from checklists.tests.builders import case_in, item
from persons.models import Subject
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World


def test_the_demo_case_gets_an_overdue_brp_task(world: World):
    case = case_in(world, Situation.DEPARTED)
    Subject.objects.filter(pk=case.subject_id).update(
        given_names="Youssef", surname_prefix="el", surname="Oefenberg"
    )
    checklist = seed_checklists_demo()
    assert checklist is not None
    assert checklist.case == case
    assert checklist.event_date == timezone.localdate() - timedelta(days=100)
    missing = item(checklist, "missing-person-report")
    assert (missing.state, missing.done_by) == (ItemState.DONE, world.partner.user)
    passport = item(checklist, "passport-signalled")
    assert passport.state == ItemState.OPEN
    assert passport.holder_organisation == world.police
    brp = item(checklist, "brp-deregistration")
    task = Task.objects.get(source=TaskSource.CHECKLIST, source_id=brp.pk)
    assert task.status == TaskStatus.OPEN
    assert task.due_on < timezone.localdate()
    assert seed_checklists_demo() == checklist
    assert Checklist.objects.count() == 1


def test_without_the_demo_case_nothing_is_started(world: World):
    assert seed_checklists_demo() is None
    assert not Checklist.objects.exists()
