"""Two people submit the same version at the same moment: one change lands, the other gets
the conflict — never a silent overwrite (issue 4, point 11).

These are real concurrent requests: two threads, two clients, two database connections,
released together by a barrier. On PostgreSQL the second UPDATE waits for the first one's
row lock and then finds the version moved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from accounts.models import Membership
from cases.models import Action, CaseEntry, CaseEvent
from cases.tests.test_actions import new_action
from cases.tests.test_cases import open_case
from cases.tests.test_entries import setup_entries
from signals.tests.builders import bearer
from tests.personas import World, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The SQLite *test* database lives in shared-cache memory, whose table locks refuse a
    # second writer at once instead of letting it wait like the production file database;
    # .ci/run runs these on PostgreSQL, where two connections really race.
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="needs a database with concurrent connections"
    ),
]

Post = Callable[[Client, int], Any]


def at_once(people: list[tuple[Membership, Post]]) -> list[int]:
    """Signs each person in, then lets all post at the same moment; returns the statuses."""
    clients = []
    for membership, _post in people:
        client = Client()
        sign_in(client, membership)
        clients.append(client)
    barrier = threading.Barrier(len(people))
    statuses: list[int] = [0] * len(people)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            statuses[index] = people[index][1](clients[index], index).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(people))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(statuses)


def test_two_directors_changing_the_situation_at_once(world: World):
    case = open_case(world, process_director=world.process_director.user)
    targets = ["departed", "detained"]

    def change(client: Client, index: int) -> Any:
        return client.post(
            f"/casussen/{case.pk}/situatie/",
            {
                "situation-to": targets[index],
                "situation-reason": f"reden {index}",
                "situation-version": 1,
            },
        )

    assert at_once([(world.lead, change), (world.process_director, change)]) == [302, 409]
    case.refresh_from_db()
    assert case.version == 2
    assert case.events.filter(kind=CaseEvent.Kind.SITUATION).count() == 1


def test_two_corrections_of_the_same_entry_version_at_once(world: World):
    setup = setup_entries(world)
    entry = setup.general

    def correct(client: Client, index: int) -> Any:
        return client.post(
            f"/casussen/{setup.case.pk}/notities/{entry.pk}/corrigeren/",
            {
                "correct-text": f"Gecorrigeerde tekst {index}",
                "correct-reason": "Typfout",
                "correct-version": 1,
            },
        )

    assert at_once([(world.partner, correct), (world.partner, correct)]) == [302, 409]
    entry = CaseEntry.objects.get(pk=entry.pk)
    assert entry.version == 2
    assert entry.versions.count() == 2


def test_two_reports_on_the_same_action_version_through_the_api_at_once(world: World):
    action = new_action(world, open_case(world))
    headers = [bearer(world.partner), bearer(world.partner)]

    def report(client: Client, index: int) -> Any:
        return client.post(
            f"/api/v1/cases/{action.case_id}/actions/{action.pk}/reports",
            {"status": "in_progress", "feedback": f"Bezig {index}", "version": 1},
            content_type="application/json",
            headers=headers[index],
        )

    assert at_once([(world.partner, report), (world.partner, report)]) == [200, 409]
    action = Action.objects.get(pk=action.pk)
    assert action.version == 2
    assert action.updates.count() == 1


def test_many_stale_situation_edits_at_once_are_conflicts_not_invalid_transitions(world: World):
    """Six clients of the API send the same change on the version they saw: one lands, and
    the others get the conflict (409), not "cannot change departed to departed" (400): the
    version is checked before the transition, also for a request that reads the case after
    the first change committed."""
    case = open_case(world, process_director=world.process_director.user)
    people = [world.lead, world.process_director] * 3
    headers = [bearer(membership) for membership in people]

    def change(client: Client, index: int) -> Any:
        return client.post(
            f"/api/v1/cases/{case.pk}/situation",
            {"to": "departed", "reason": f"reden {index}", "version": 1},
            content_type="application/json",
            headers=headers[index],
        )

    assert at_once([(membership, change) for membership in people]) == [200] + [409] * 5
    case.refresh_from_db()
    assert (case.version, case.situation) == (2, "departed")
    assert case.events.filter(kind=CaseEvent.Kind.SITUATION).count() == 1
