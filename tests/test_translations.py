"""The Dutch and English catalogues are complete for every interface text in the code.

`makemessages` runs on a copy of the source, so new or changed texts show up as untranslated
entries here instead of silently appearing in English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(
    ".venv", "node_modules", "var", "staticfiles", "__pycache__", ".*", "*.mo", "docs"
)


def _problems(po_file: Path) -> str:
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return (untranslated + fuzzy).strip()


@pytest.fixture(scope="module")
def refreshed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("msgattrib") is None:
        pytest.fail("GNU gettext (msgattrib) is required; install the 'gettext' package.")
    copy = tmp_path_factory.mktemp("source") / "schakel"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale=nl",
            "--locale=en",
            "--no-location",
            "--ignore=tests/*",
            "--ignore=*/tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return copy


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogue_translates_every_interface_text(refreshed_copy: Path, language: str):
    po_file = refreshed_copy / "locale" / language / "LC_MESSAGES" / "django.po"
    problems = _problems(po_file)
    assert not problems, f"Untranslated or fuzzy in {language}:\n{problems[:3000]}"
