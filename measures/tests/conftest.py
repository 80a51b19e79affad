from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from measures.models import MeasureType
from measures.services import catalogue_load


@pytest.fixture
def catalogue(db: Any) -> dict[str, MeasureType]:
    catalogue_load()
    return {m.code: m for m in MeasureType.objects.all()}


@pytest.fixture(autouse=True)
def _english(settings: Any) -> Iterator[None]:
    """These tests read the interface's English msgids (the Dutch default is tested in
    portal/tests and by the browser tests)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
