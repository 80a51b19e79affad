"""``manage.py load_measure_catalogue``: loads the starting catalogue of measure types.

Types that exist already (by code) are left as they are: the administrator's corrections win.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from measures.services import catalogue_load


class Command(BaseCommand):
    help = "Loads the starting catalogue of measure types; existing types are left alone."

    def handle(self, *args: Any, **options: Any) -> None:
        created = catalogue_load()
        self.stdout.write(f"{created} measure types added.")
