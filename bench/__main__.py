"""``python -m bench``: the matching benchmark on its own database under var/bench/.

The database is chosen before Django starts: DATA_DIR points at var/bench and DATABASE_URL
is ignored, so the benchmark can never write into the application's database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"


def main() -> None:
    for name in ("DATABASE_URL", "DATABASE_URL_FILE", "DATA_DIR_FILE"):
        os.environ.pop(name, None)
    os.environ["DATA_DIR"] = str(BENCH_DIR)
    os.environ["SCHAKEL_ENV"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "schakel.settings"
    django.setup()

    # Imported after setup: the benchmark uses the models.
    from bench.matching import run

    run(sys.argv[1:], data_dir=BENCH_DIR)


if __name__ == "__main__":
    main()
