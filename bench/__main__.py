"""``python -m bench [matching|network|case_page|matching-held-out] [options]``: the
benchmarks, on their own database under var/bench/. Without a name all run, matching first (the
network benchmark reuses a subject of the matching population for its case, see bench.network).
``matching-held-out`` measures the identity matcher on an evaluation set made apart from it, at
10^4 and 10^5 people (``--people N``; ``--million`` adds 10^6), each register in its own file
under var/bench/held-out/ (see bench.matching_held_out).

The database is chosen before Django starts: DATA_DIR points at var/bench and DATABASE_URL
is ignored, so the benchmark can never write into the application's database (the held-out
evaluation then moves the connection to its own files under var/bench/held-out/ and back).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import django

# SCHAKEL_BENCH_DIR: another folder for a trial run at a small size (the memory probes of
# the network benchmark inherit it, so they read the same database).
BENCH_DIR = Path(
    os.environ.get("SCHAKEL_BENCH_DIR") or Path(__file__).resolve().parent.parent / "var" / "bench"
)
BENCHMARKS = ("matching", "network", "case_page", "matching-held-out")


def main() -> None:
    for name in ("DATABASE_URL", "DATABASE_URL_FILE", "DATA_DIR_FILE"):
        os.environ.pop(name, None)
    os.environ["DATA_DIR"] = str(BENCH_DIR)
    os.environ["SCHAKEL_ENV"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "schakel.settings"

    argv = sys.argv[1:]
    if argv and argv[0] in BENCHMARKS:
        chosen, options = [argv[0]], argv[1:]
    elif argv and argv[0] not in ("-h", "--help"):
        sys.exit(
            "Name a benchmark before its options: "
            "python -m bench {matching,network,case_page,matching-held-out} [options]"
        )
    else:
        chosen, options = list(BENCHMARKS), argv
        if options:
            print(__doc__)
            return

    django.setup()
    for name in chosen:
        # Imported after setup (the benchmarks use the models), and only the one that runs.
        module = importlib.import_module(f"bench.{name.replace('-', '_')}")
        module.run(options, data_dir=BENCH_DIR)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
