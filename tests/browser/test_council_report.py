"""The council report in Chromium (issue 7, points 6-7 and 10; issue 14 point 8): the lead
makes a report of an ended quarter, writes the text in outline, sees a partner's explanation
on the page, reads it and downloads the PDF; axe-core finds no violation on the list, the form
(also when sent with a mistake), the outline form and the report page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from access.actor import actor_for_membership
from cases.models import TeamMember
from reports import texts
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
    police_case = b.case(people, opened=first_month)
    member = TeamMember.objects.create(case=police_case, organisation=people.police)
    TeamMember.objects.filter(pk=member.pk).update(added_at=b.moment(first_month))
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

    # The text in outline, written by the lead, and the police's explanation.
    page.locator(f"main a[href='/rapportages/{report.pk}/hoofdlijnen/']").click()
    expect_path(page, f"/rapportages/{report.pk}/hoofdlijnen/")
    assert_accessible(page)
    page.locator("#id_text").fill("De samenwerking in de keten verliep dit kwartaal goed.")
    submit_main_form(page)
    expect_path(page, f"/rapportages/{report.pk}/")
    texts.council_section_write(
        actor=actor_for_membership(people.partner),
        user=people.partner.user,
        report=report,
        organisation=people.police,
        data=texts.TextInput("De politie nam deel aan elk casusoverleg."),
        version=0,
    )
    visit(page, f"{url}/rapportages/{report.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("De samenwerking in de keten verliep dit kwartaal goed.")
    expect(main).to_contain_text(people.lead.user.full_name)
    expect(main).to_contain_text("De politie nam deel aan elk casusoverleg.")
    expect(main).to_contain_text(people.police.name)
    expect(main).to_contain_text(people.partner.user.full_name)
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
