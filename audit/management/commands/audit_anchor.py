from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from audit.anchors import anchor_write


class Command(BaseCommand):
    help = (
        "Appends the processing log's head (sequence, hash, time, key id), signed with "
        "AUDIT_CHAIN_KEY, to the anchor file outside the database. Run it daily (cron or a "
        "systemd timer) and keep the file on write-once storage or copy it off the machine; "
        "`audit_verify --anchors` then detects removal of the newest records."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            default=str(settings.AUDIT_ANCHOR_PATH),
            help="anchor file to append to (default AUDIT_ANCHOR_PATH)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        anchor = anchor_write(path)
        self.stdout.write(
            f"Anchored record #{anchor.sequence} (hash {anchor.record_hash}, key "
            f"{anchor.key_id}) in {path}."
        )
