"""The case page benchmark behind ``make bench``: figures, not a test (it asserts nothing).

On the fictional demo data (seeded into the benchmark's own database, never the app's), the
lead opens each demo case page many times. Printed per case: the median and p95 time, the
queries and the processing records of one request, two ways:

- **now**: the gate gathers the case's facts once and the page writes one record per subject;
- **before** (issue "One place decides"): simulated by doing, on top of the page, what each of
  the five sections did before — gathering the facts again and writing its own record. The
  difference is the cost that moved out of the request.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

SECTIONS_BEFORE = 4  # entries, checklists, measures, support each gathered and logged again


def _client_for_lead() -> tuple[Client, object]:
    from access.actor import actor_for_membership
    from accounts.models import Membership, Role
    from tests.personas import sign_in

    lead = Membership.objects.get(user__email="dossierhouder@schakel.example", role=Role.LEAD)
    client = Client()
    sign_in(client, lead)
    return client, actor_for_membership(lead)


@contextmanager
def _before(actor: object) -> Iterator[None]:
    """Wraps the page's section functions to add what each section did before: gather the
    facts and write a record of its own."""
    from audit.models import Operation
    from audit.services import log_processing
    from cases import sections
    from cases.gates import ACTIVITY, case_facts

    originals = (sections.entries_section, dict(sections._EXTRA_SECTIONS))

    def extra(fn):  # type: ignore[no-untyped-def]
        def wrapped(gated):  # type: ignore[no-untyped-def]
            case_facts(gated.case)
            log_processing(
                activity=ACTIVITY,
                name="bench.section.read",
                operation=Operation.READ,
                actor=gated.actor,
                subjects=[f"subject:{gated.case.subject_id}"],
                object_type="case",
                object_id=gated.case.pk,
            )
            return fn(gated)

        return wrapped

    sections.entries_section = extra(sections.entries_section)
    for name, (template, fn) in originals[1].items():
        sections._EXTRA_SECTIONS[name] = (template, extra(fn))
    try:
        yield
    finally:
        sections.entries_section = originals[0]
        sections._EXTRA_SECTIONS.clear()
        sections._EXTRA_SECTIONS.update(originals[1])


def _measure(client: Client, url: str, repeats: int) -> tuple[float, float, int, int]:
    from audit.models import ProcessingRecord

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    before = ProcessingRecord.objects.count()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    records = ProcessingRecord.objects.count() - before
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times), p95, len(queries.captured_queries), records


def run(argv: Sequence[str], *, data_dir: Path) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench case_page", description=__doc__)
    parser.add_argument("--repeats", type=int, default=40, help="requests per case and way")
    args = parser.parse_args(argv)
    data_dir.mkdir(parents=True, exist_ok=True)
    with override_settings(DEMO_MODE=True, ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
        call_command("migrate", verbosity=0)
        from demo.seed import seed_demo

        seed_demo()
        from cases.models import Case

        client, actor = _client_for_lead()
        print("\n== case page (demo data, the lead; ms over", args.repeats, "requests)")
        print(f"{'case':>5} {'way':<7} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'records':>8}")
        for case in Case.objects.filter(lead__email="dossierhouder@schakel.example"):
            url = f"/casussen/{case.pk}/"
            for way in ("before", "now"):
                if way == "before":
                    with _before(actor):
                        p50, p95, queries, records = _measure(client, url, args.repeats)
                else:
                    p50, p95, queries, records = _measure(client, url, args.repeats)
                print(f"{case.pk:>5} {way:<7} {p50:>8.1f} {p95:>8.1f} {queries:>8} {records:>8}")
