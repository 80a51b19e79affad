from __future__ import annotations

from typing import Any

import pytest

from measures.models import MeasureType
from measures.services import catalogue_load


@pytest.fixture
def catalogue(db: Any) -> dict[str, MeasureType]:
    catalogue_load()
    return {m.code: m for m in MeasureType.objects.all()}
