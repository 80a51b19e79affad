"""Test-only `flush`: empties the append-only processing log too.

Transactional tests (the browser tests' live server) end with a flush, which the log's
triggers rightly refuse. This command, installed only when SCHAKEL_ENV=test, lifts the
triggers for the flush and puts them back. Production has no such command.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from audit import triggers


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        triggers.remove(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection)
