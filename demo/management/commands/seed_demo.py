from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Loads the fictional demo data (idempotent). Only in demo mode (SCHAKEL_DEMO=true)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_demo runs only in demo mode (SCHAKEL_DEMO=true): demo accounts have "
                "the password 'demo' and must never exist in a real installation."
            )
        counts = seed_demo()
        self.stdout.write(
            "Demo data present: {municipalities} municipalities, {organisations} "
            "organisations, {accounts} accounts, {signals} signals.".format(**counts)
        )
