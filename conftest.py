"""Shared test fixtures: personas (DESIGN §4), a logged-in client helper, and the clock.

The clock: no test may depend on the day it runs. Two tools keep that true.

- ``--clock=YYYY-MM-DD`` (or ``SCHAKEL_TEST_CLOCK``) runs the whole session, collection and
  migrations included, with the clock travelled to that day (ticking). CI runs the suite at
  the real clock, about a year ahead and on 29 February 2028.
- ``@pytest.mark.clock(day)`` pins the clock (not ticking) for a test's whole setup, call and
  teardown, for a test that needs a fixed date: its fixtures are made on that day too, so no
  membership or record "starts in the future" of the day the test travels to.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

pytest_plugins = ["tests.personas"]

ROOT = Path(__file__).resolve().parent
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A travelled session starts mid-morning, so a suite of minutes never crosses midnight.
SESSION_CLOCK_TIME = dt.time(9, 30)

_session_travel: time_machine.travel | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        metavar="YYYY-MM-DD[THH:MM]",
        default=os.environ.get("SCHAKEL_TEST_CLOCK") or None,
        help="run the whole session as if today were this day (time-machine, ticking)",
    )


def session_clock_start(value: str) -> dt.datetime:
    """The moment a travelled session starts: mid-morning, Amsterdam time, on the given day,
    or the given local time (``YYYY-MM-DDTHH:MM``) to try the edges of a day."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise pytest.UsageError(
            f"--clock wants YYYY-MM-DD or YYYY-MM-DDTHH:MM, not {value!r}"
        ) from error
    if "T" not in value:
        moment = dt.datetime.combine(moment.date(), SESSION_CLOCK_TIME)
    return moment.replace(tzinfo=AMSTERDAM)


def pytest_configure(config: pytest.Config) -> None:
    global _session_travel
    config.addinivalue_line(
        "markers",
        "clock(day): pin the clock to this day (date or datetime) for the whole test, "
        "fixtures included",
    )
    day = config.getoption("--clock")
    if day:
        _session_travel = time_machine.travel(session_clock_start(day), tick=True)
        _session_travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _session_travel
    if _session_travel is not None:
        _session_travel.stop()
        _session_travel = None


def pytest_report_header(config: pytest.Config) -> str:
    day = config.getoption("--clock")
    return f"clock: travelled to {day}" if day else "clock: real"


@pytest.fixture(autouse=True)
def _pinned_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Apply ``@pytest.mark.clock``; autouse, so it starts before the test's own fixtures."""
    marker = request.node.get_closest_marker("clock")
    if marker is None:
        yield
        return
    with time_machine.travel(marker.args[0], tick=False):
        yield


# The tests of these apps read the interface's English msgids, so pages and services speak
# English there. The Dutch default itself is tested in portal/tests and the browser tests.
ENGLISH_TEST_APPS = ("checklists", "measures", "network", "reports", "support", "tasks")


@pytest.fixture(autouse=True)
def _english_for_some_apps(request: pytest.FixtureRequest) -> Iterator[None]:
    app = Path(str(request.node.fspath)).resolve().relative_to(ROOT).parts[0]
    if app not in ENGLISH_TEST_APPS:
        yield
        return
    settings: Any = request.getfixturevalue("settings")
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
