"""How Debian's Chromium is started here, for the browser tests and scripts/screenshots.py.

The background-networking flags keep Chromium from reaching out to the internet, which this
machine's closed network refuses (see shared/RECIPES.md).
"""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
