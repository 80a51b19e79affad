from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.personas import World, sign_in


@pytest.fixture
def admin_client(client: Client, world: World) -> Client:
    """The functional administrator, reading English: the assertions below quote the msgids,
    which stay true once the Dutch catalogue is filled in."""
    sign_in(client, world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
