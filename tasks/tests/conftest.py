from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Stored titles are translated when written; the tests read the English msgids.
    with translation.override("en"):
        yield
