"""Migration 0005 gives existing tasks a key and their source's own words, and links old
"new task" messages to their task, so rows written before it stay readable."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.apps import apps

from cases.tests.test_actions import new_action
from cases.tests.test_cases import open_case
from tasks.models import Notification, Task, TaskSource
from tests.personas import World

migration = importlib.import_module("tasks.migrations.0005_titles_by_key_and_notification_task")


def test_an_action_task_takes_the_actions_own_words(world: World):
    action = new_action(world, open_case(world), description="Huisbezoek afleggen")
    task = SimpleNamespace(source="action", source_id=action.pk, title="Actie in casus 1")
    assert migration._key_for(apps, task) == ("text", {"text": "Huisbezoek afleggen"})


def test_a_review_task_becomes_a_key(world: World):
    task = SimpleNamespace(source="review", source_id=1, title="Casus 1 evalueren")
    assert migration._key_for(apps, task) == ("review_case", {})


def test_a_task_whose_source_is_gone_keeps_its_old_title_as_text(db: None):
    task = SimpleNamespace(source="action", source_id=999_999, title="Actie in casus 1")
    assert migration._key_for(apps, task) == ("text", {"text": "Actie in casus 1"})


def test_old_new_task_messages_are_linked_to_their_task(world: World):
    case = open_case(world)
    new_action(world, case)
    task = Task.objects.get(source=TaskSource.ACTION)
    Notification.objects.update(kind="plain", task=None, title="U hebt een nieuwe taak")
    migration.forwards(apps, None)
    notification = Notification.objects.get(recipient=task.owner)
    assert notification.task == task
    assert notification.kind == "task_assigned"
