"""Shared test fixtures: personas (DESIGN §4) and a logged-in client helper."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

pytest_plugins = ["tests.personas"]

ROOT = Path(__file__).resolve().parent

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
