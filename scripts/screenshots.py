"""Screenshots of Schakel for the documentation (docs/screenshots/*.png).

Run against `make run`'s demo server:

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8000]

It logs in with the fictional demo accounts (password "demo"; demo mode skips the code
step), so it only works while the server runs with SCHAKEL_DEMO=true.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

# Run as a script from the repository root: make the project's packages importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DEMO_PASSWORD = "demo"  # noqa: S105 - the published password of the fictional demo accounts
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(15_000)
    return context.new_page()


def log_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")


def save(page: Page, name: str) -> Path:
    path = OUTPUT / name
    page.screenshot(path=str(path), full_page=True)
    return path


def take_screenshots(base_url: str) -> list[Path]:
    executable = str(CHROMIUM) if CHROMIUM.exists() else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = new_page(browser)
            page.goto(f"{base_url}/inloggen/")
            saved = [save(page, "login.png")]
            log_in(page, base_url, "dossierhouder@schakel.example")
            saved.append(save(page, "start-dossierhouder.png"))
            page.goto(f"{base_url}/meldingen/")
            saved.append(save(page, "meldingen.png"))
            page.goto(f"{base_url}/casussen/")
            row = page.locator("main table tbody tr", has_text="Lina Voorbeeld").first
            row.locator("a").first.click()
            saved.append(save(page, "casus.png"))
            page.context.close()

            # The school sees the agenda of the next conference with the cases it is not on
            # as "besloten punt".
            page = new_page(browser)
            log_in(page, base_url, "school@schakel.example")
            page.goto(f"{base_url}/casusoverleggen/")
            page.locator("main table a").first.click()
            saved.append(save(page, "casusoverleg-school.png"))
            page.context.close()

            page = new_page(browser)
            log_in(page, base_url, "privacy@schakel.example")
            page.goto(f"{base_url}/privacy/logboek/")
            saved.append(save(page, "privacy-logboek.png"))
            page.context.close()
        finally:
            browser.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the demo server")
    args = parser.parse_args()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for path in take_screenshots(args.url.rstrip("/")):
        print(path.relative_to(OUTPUT.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
