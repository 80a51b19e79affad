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

from audit import triggers


def register_migrations() -> list[ModuleType]:
    """The data migrations that fill the register (those with ENTRIES), of every app in the
    order of INSTALLED_APPS: audit's own first, then e.g. preparedness's entry."""
    found: list[ModuleType] = []
    for config in apps.get_app_configs():
        try:
            package = import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        modules = [
            import_module(f"{config.name}.migrations.{info.name}")
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name)
        ]
        found += [module for module in modules if hasattr(module, "ENTRIES")]
    return found


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
