"""Fixtures of the privacy officer's pages."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.personas import World, sign_in


@pytest.fixture
def officer(client: Client, world: World) -> Client:
    """A client signed in as the privacy officer."""
    sign_in(client, world.privacy_officer)
    return client
