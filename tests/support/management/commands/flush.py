"""Test-only `flush`: empties the append-only processing log too.

Transactional tests (the browser tests' live server) end with a flush, which the log's
triggers rightly refuse. This command, installed only when SCHAKEL_ENV=test, lifts the
triggers for the flush and puts them back. It then refills the register of processing
activities that a data migration wrote, as after a fresh migrate: without it every logged
action of the next test would be refused. Production has no such command.
"""

import pkgutil
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from audit import migrations as audit_migrations
from audit import triggers


def register_migrations() -> list[ModuleType]:
    """The audit data migrations that fill the register (those with ENTRIES)."""
    modules = [
        import_module(f"audit.migrations.{info.name}")
        for info in pkgutil.iter_modules(audit_migrations.__path__)
    ]
    return [module for module in modules if hasattr(module, "ENTRIES")]


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        triggers.remove(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection)
        for migration in register_migrations():
            migration.forwards(apps, None)
