"""A case conference warns, without refusing, when the police or the public prosecutor is
not among the attendees (issue 14, point 9; factsheet: at least municipality, police and OM)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conferences.tests.test_conferences import english, when
from meetings.models import Meeting
from meetings.tests.builders import prosecution
from tests.personas import World

WARNING = "Not among the attendees: public prosecutor."


def _plan(client: Client, world: World, *organisations: int):
    return client.post(
        reverse("conferences:create"),
        {
            "municipality": world.wijkstad.pk,
            "held_at": when().strftime("%Y-%m-%dT%H:%M"),
            "chair": world.process_director.user_id,
            "organisations": list(organisations),
        },
        follow=True,
    )


def test_planning_without_the_prosecutor_warns_but_plans(client: Client, world: World):
    english(client, world.process_director)
    response = _plan(client, world, world.gemeente_wijkstad.pk, world.police.pk)
    page = response.content.decode()
    assert Meeting.objects.filter(kind="case_conference").count() == 1
    assert WARNING in page
    assert "The police or the public prosecutor is missing." in page


def test_without_police_and_prosecutor_both_are_named(client: Client, world: World):
    english(client, world.process_director)
    page = _plan(client, world, world.gemeente_wijkstad.pk).content.decode()
    assert "Not among the attendees: police, public prosecutor." in page


def test_with_police_and_prosecutor_there_is_no_warning(client: Client, world: World):
    english(client, world.process_director)
    om = prosecution(world)
    page = _plan(client, world, world.gemeente_wijkstad.pk, world.police.pk, om.pk)
    text = page.content.decode()
    assert "Not among the attendees" not in text
    meeting = Meeting.objects.get(kind="case_conference")
    again = client.get(reverse("conferences:detail", args=[meeting.pk])).content.decode()
    assert "The police or the public prosecutor is missing." not in again
