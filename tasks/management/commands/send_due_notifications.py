"""The daily sweep for overdue tasks; meant for cron, e.g. ``15 6 * * *``.

Safe to run more than once a day: an owner hears about a task once per due date.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.services import tasks_send_due


class Command(BaseCommand):
    help = (
        "Tells owners of overdue tasks (in the app and by e-mail, without personal data) and "
        "their case leads how many tasks became overdue. Idempotent: run it daily from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = tasks_send_due(today=timezone.localdate())
        self.stdout.write(
            f"Tasks repaired: {result.tasks_repaired}; "
            f"owners notified: {result.owners_notified}; "
            f"leads notified: {result.leads_notified}."
        )
