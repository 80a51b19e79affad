from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.anchors import log_verify


class Command(BaseCommand):
    help = (
        "Verifies the keyed hash chain of the processing log and reports the first altered, "
        "missing or wrongly keyed record. With --anchors, also checks the anchors written by "
        "audit_anchor, which catches removal of the newest records. Exits non-zero on any "
        "problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchors",
            nargs="?",
            const=str(settings.AUDIT_ANCHOR_PATH),
            default=None,
            metavar="PATH",
            help="also check the anchor file (default AUDIT_ANCHOR_PATH)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchor_path = Path(options["anchors"]) if options["anchors"] is not None else None
        result = log_verify(anchor_path=anchor_path)
        chain = result.chain
        if chain.problem is not None:
            raise CommandError(
                f"Processing log chain broken: {chain.problem.describe()} "
                f"({chain.checked} records before it are intact)."
            )
        legacy = (
            f", {chain.legacy} of them unkeyed from before the chain key" if chain.legacy else ""
        )
        self.stdout.write(
            f"Processing log intact: {chain.checked} records{legacy}, head hash "
            f"{chain.head_hash}; new records are made with key {chain.continues_under or '-'}."
        )
        anchors = result.anchors
        if anchors is None:
            return
        if anchors.problem is not None:
            raise CommandError(
                f"Processing log anchors in {anchor_path} do not hold: "
                f"{anchors.problem.describe()}."
            )
        newest = anchors.newest
        reach = f"; newest #{newest.sequence} of {newest.anchored_at}" if newest else ""
        self.stdout.write(f"Anchors hold: {anchors.checked} checked in {anchor_path}{reach}.")
