"""Test-only `flush`: empties the append-only processing log too.

Transactional tests (the browser tests' live server) end with a flush, which the log's
triggers rightly refuse. This command, installed only when SCHAKEL_ENV=test, lifts the
triggers for the flush and puts them back. It then refills the register of processing
activities that a data migration wrote, as after a fresh migrate: without it every logged
action of the next test would be refused. Production has no such command.
"""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from audit import triggers

REGISTER_MIGRATION = "audit.migrations.0003_register"


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        triggers.remove(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection)
        import_module(REGISTER_MIGRATION).forwards(apps, None)
