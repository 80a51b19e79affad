from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.chain import all_records_in_order, verify_records


class Command(BaseCommand):
    help = (
        "Verifies the hash chain of the processing log and reports the first altered or "
        "missing record. Exits non-zero when the chain is broken. Store the printed head "
        "hash elsewhere (e.g. write-once storage) to detect removal of the newest records."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_records(all_records_in_order())
        if report.problem is not None:
            raise CommandError(
                f"Processing log chain broken: {report.problem.describe()} "
                f"({report.checked} records before it are intact)."
            )
        self.stdout.write(
            f"Processing log intact: {report.checked} records, head hash {report.head_hash}."
        )
