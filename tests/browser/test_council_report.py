"""The council report in Chromium (issue 7, points 6-7 and 10): the lead makes a report of
an ended quarter, reads it and downloads the PDF; axe-core finds no violation on the list,
the form (also when sent with a mistake) and the report page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from reports.models import CouncilReport
from reports.periods import QUARTER, recent_periods
from reports.tests import builders as b
from tests.browser.support import (
    BROWSER_TEST,
    act_as,
    assert_accessible,
    expect_path,
    submit_main_form,
    visit,
)
from tests.personas import World

pytestmark = BROWSER_TEST


def test_the_lead_makes_a_council_report_and_downloads_the_pdf(
    page: Page, live_server, people: World, tmp_path: Path
):
    url = live_server.url
    # The last ended quarter, whatever day this runs: the browser's own clock is not travelled.
    quarter = recent_periods(today=timezone.localdate(), count=1, block=QUARTER)[0]
    first_month = quarter.start
    lone = b.case(
        people,
        opened=first_month + timedelta(days=31),
        situation="departed",
        surname=b.PLANTED_SURNAME,
    )
    for day in range(12):
        b.case(people, opened=first_month + timedelta(days=day))
        b.signal(people, received=first_month + timedelta(days=day), concern="right_wing")
    act_as(page, url, people.lead)

    visit(page, f"{url}/rapportages/")
    assert_accessible(page)
    page.locator("main a[href='/rapportages/nieuw/']").click()
    expect_path(page, "/rapportages/nieuw/")
    assert_accessible(page)

    # A mistake first: no channel chosen. The form comes back (400) with the error.
    page.locator("#id_period").select_option(quarter.code)
    page.locator("#id_classification").select_option("secret")
    page.locator("#id_channel").evaluate("select => select.add(new Option('', ''), 0)")
    page.locator("#id_channel").select_option("")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        submit_main_form(page)
    assert answer.value.status == 400
    expect(page.locator("main .utrecht-form-field-error-message")).to_be_visible()
    assert_accessible(page)
    assert not CouncilReport.objects.exists()

    page.locator("#id_period").select_option(quarter.code)
    page.locator("#id_classification").select_option("secret")
    page.locator("#id_channel").select_option("closed_session")
    submit_main_form(page)
    report = CouncilReport.objects.get()
    expect_path(page, f"/rapportages/{report.pk}/")
    # Six tables of issue 7 and two of issue 14 (returns by motive, ended travel by outcome).
    expect(page.locator("main table")).to_have_count(8)
    expect(page.locator("main svg")).to_have_count(8)
    expect(page.locator("main")).to_contain_text("< 10")
    expect(page.locator("main")).not_to_contain_text(b.PLANTED_SURNAME)
    assert f"/casussen/{lone.pk}/" not in page.content()
    assert_accessible(page)

    with page.expect_download() as download:
        page.locator(f"main a[href='/rapportages/{report.pk}/pdf/']").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".pdf"
    assert saved.read_bytes().startswith(b"%PDF")

    visit(page, f"{url}/rapportages/")
    expect(page.locator(f"main a[href='/rapportages/{report.pk}/']")).to_be_visible()
    assert_accessible(page)
