"""``manage.py load_checklists``: loads the starting set of checklist templates.

Templates and items that exist already (by code) are left as they are: the administrator's
edits win. Running it again adds only what is missing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from checklists.services import templates_load


class Command(BaseCommand):
    help = "Loads the starting checklist templates; existing templates and items are kept."

    def handle(self, *args: Any, **options: Any) -> None:
        result = templates_load()
        self.stdout.write(f"{result.templates} checklists and {result.items} items added.")
