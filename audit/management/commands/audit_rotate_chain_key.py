from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.keys import current_key
from audit.services import ChainKeyUnknown, chain_key_rotate


class Command(BaseCommand):
    help = (
        "Hands the processing log's hash chain over to AUDIT_CHAIN_KEY: writes a rotation "
        "record signed with the key the chain is under now, which must be listed in "
        "AUDIT_CHAIN_KEY_RETIRED. Until then every logged action is refused. Safe to run "
        "again: it does nothing when the chain is already under AUDIT_CHAIN_KEY."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        new_key = current_key()
        try:
            record = chain_key_rotate()
        except ChainKeyUnknown as exc:
            raise CommandError(
                f"The chain is under key {exc}, which is neither AUDIT_CHAIN_KEY nor in "
                "AUDIT_CHAIN_KEY_RETIRED: put the previous key in AUDIT_CHAIN_KEY_RETIRED."
            ) from exc
        if record is None:
            self.stdout.write(f"Nothing to rotate: new records are made with key {new_key.key_id}.")
            return
        self.stdout.write(
            f"Chain handed over from key {record.key_id} to key {new_key.key_id} at record "
            f"#{record.sequence}. Keep the previous key in AUDIT_CHAIN_KEY_RETIRED for "
            "verification, and write an anchor (audit_anchor)."
        )
