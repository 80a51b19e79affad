from __future__ import annotations

import pytest

from accounts.models import Organisation
from meetings.tests import builders
from tests.personas import World


@pytest.fixture
def prosecution(world: World) -> Organisation:
    return builders.prosecution(world)
