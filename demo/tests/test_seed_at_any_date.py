"""The demo seed and the pages it feeds work on any date: `make run` on a machine whose clock
is a year ahead, or on 29 February, must give every demo account working pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Membership, Role
from demo.seed import seed_demo
from tests.personas import sign_in

# Pages that download a file or change the session: opened elsewhere, not in this walk.
SKIPPED = re.compile(r"^/static/|/(uitloggen|taal|pdf|csv|export|graphml)/|\.(pdf|csv|graphml)$")
LINK = re.compile(r'href="(/[^"#?]*)"')


def clocks() -> list[dt.date]:
    """About a year after the (possibly travelled) day the suite runs, and a leap day."""
    return [timezone.localdate() + dt.timedelta(days=372), dt.date(2028, 2, 29)]


def internal_links(html: str) -> list[str]:
    return sorted({href for href in LINK.findall(html) if not SKIPPED.search(href)})


def open_all(client: Client, paths: list[str]) -> dict[str, int]:
    """The status of every page (after redirects); anything but 200 broke on this day."""
    return {path: client.get(path, follow=True).status_code for path in paths}


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
@pytest.mark.parametrize("day", clocks(), ids=lambda day: day.isoformat())
def test_the_demo_seeds_and_every_account_opens_its_pages_on_this_day(day: dt.date):
    moment = dt.datetime.combine(day, dt.time(9, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=True):
        seed_demo()
        # The roles that count; a grant still awaiting approval gives no pages (below).
        for membership in Membership.objects.current().select_related("user").order_by("pk"):
            client = Client()
            sign_in(client, membership)
            start = client.get("/")
            assert start.status_code == 200, membership
            broken = {
                path: status
                for path, status in open_all(client, internal_links(start.text)).items()
                if status != 200
            }
            assert broken == {}, f"{membership.user.email} on {day}: {broken}"


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
@pytest.mark.parametrize("day", clocks(), ids=lambda day: day.isoformat())
def test_the_lead_opens_every_case_and_signal_of_the_demo_on_this_day(day: dt.date):
    moment = dt.datetime.combine(day, dt.time(9, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=True):
        seed_demo()
        lead = Membership.objects.get(user__email="dossierhouder@schakel.example", role=Role.LEAD)
        client = Client()
        sign_in(client, lead)
        listed = internal_links(client.get("/casussen/").text) + internal_links(
            client.get("/meldingen/").text
        )
        objects = [p for p in listed if re.fullmatch(r"/(casussen|meldingen)/\d+/", p)]
        assert len(objects) >= 5
        pages = set(objects)
        for case in (p for p in objects if p.startswith("/casussen/")):
            pages |= {p for p in internal_links(client.get(case).text) if p.startswith(case)}
        assert len(pages) > 3 * len(objects)  # the walk reached the cases' own pages
        broken = {
            path: status
            for path, status in open_all(client, sorted(pages)).items()
            if status != 200
        }
        assert broken == {}
