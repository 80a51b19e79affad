"""These tests read the interface's English msgids: pages and services speak English here.

The Dutch default itself is tested in portal/tests (language) and by the browser tests.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
