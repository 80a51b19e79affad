"""The daily reminder for lapsed contact with key figures; meant for cron, e.g. ``20 6 * * *``.

Safe to run more than once a day: a lead hears about a key figure once per next-contact date.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from preparedness.services import key_figure_reminders


class Command(BaseCommand):
    help = (
        "Tells the leads of each municipality (in the app and by e-mail, without names) how "
        "many key figures' next contact date has passed. Idempotent: run it daily from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = key_figure_reminders(timezone.localdate())
        self.stdout.write(
            f"Key figures reminded: {result.key_figures}; "
            f"notifications sent: {result.notifications}."
        )
