"""Every preparedness page (issue 7, points 1-5) in Chromium: axe-core finds no violation.

The lead of Wijkstad walks the checklist, the matrix of the seven tasks, key figures,
training and the directory, and the forms behind them; a form sent with a mistake answers
400 with the error next to the field, and passes axe too. One cell of the matrix is set
through its form. The administrator sees the directory with its edit links and its form.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from preparedness.models import (
    AgreementRole,
    CotTask,
    KeyFigure,
    PartnerAgreement,
    SupportOrganisation,
    Topic,
    TrainingRecord,
)
from tests.browser.support import (
    BROWSER_TEST,
    act_as,
    assert_accessible,
    dutch,
    expect_path,
    posted,
    visit,
)
from tests.personas import World

pytestmark = BROWSER_TEST


def send_expecting(page: Page, status: int) -> None:
    """Sends the page's own form and checks the status of the page it answers with."""
    with page.expect_navigation(), page.expect_response(posted) as answer:
        page.locator("main form[method=post] button[type=submit]").first.click()
    assert answer.value.status == status, f"{answer.value.url} answered {answer.value.status}"
    expect(page.locator("main#inhoud")).to_be_visible()


def test_every_preparedness_page_of_the_lead_passes_axe(page: Page, live_server, people: World):
    url = live_server.url
    base = f"/voorbereiding/gemeente/{people.wijkstad.pk}/"
    act_as(page, url, people.lead)

    # The lead goes straight to the own municipality's checklist.
    visit(page, f"{url}/voorbereiding/")
    expect_path(page, base)
    expect(page.locator("main section.schakel-card")).to_have_count(len(Topic))
    assert_accessible(page)
    for path in (
        f"{base}punt/{Topic.LEAD.value}/",
        f"{base}punt/{Topic.CONSULTATION.value}/",
        f"{base}beleid/",
        f"{base}scan/",
    ):
        visit(page, f"{url}{path}")
        assert_accessible(page)

    # The matrix, and one cell of it set through its form.
    visit(page, f"{url}{base}afspraken/")
    assert_accessible(page)
    task = CotTask.SIGNALLING
    cell = f"{base}afspraken/{people.police.pk}/{task.value}/"
    page.locator(f"main a[href='{cell}']").click()
    expect_path(page, cell)
    assert_accessible(page)
    page.locator("#id_role").select_option(AgreementRole.LEAD.value)
    page.locator("#id_contact_person").fill("Wijkagent Wijkstad-Noord")
    page.locator("#id_agreed_on").fill((timezone.localdate() - timedelta(days=7)).isoformat())
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect_path(page, f"{base}afspraken/")
    row = page.locator("main table tbody tr").filter(has_text=people.police.name)
    expect(row).to_contain_text("Wijkagent Wijkstad-Noord")
    expect(row).to_contain_text(dutch(AgreementRole.LEAD.label))
    assert_accessible(page)
    agreement = PartnerAgreement.objects.get(
        municipality=people.wijkstad, organisation=people.police, task=task
    )
    assert agreement.role == AgreementRole.LEAD

    # Key figures: the form with its mistakes (400), then a key figure on the list.
    visit(page, f"{url}{base}sleutelfiguren/")
    assert_accessible(page)
    visit(page, f"{url}{base}sleutelfiguren/nieuw/")
    assert_accessible(page)
    send_expecting(page, 400)
    expect(page.locator("main .utrecht-form-field-error-message").first).to_be_visible()
    assert not KeyFigure.objects.exists()
    assert_accessible(page)
    page.locator("#id_name").fill("Fatima El Amrani")
    page.locator("#id_community").fill("Moskeevereniging Wijkstad")
    page.locator("#id_contact_details").fill("06-12345678")
    page.locator("#id_last_contact_on").fill(
        (timezone.localdate() - timedelta(days=120)).isoformat()
    )
    page.locator("#id_next_contact_on").fill(
        (timezone.localdate() - timedelta(days=10)).isoformat()
    )
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect_path(page, f"{base}sleutelfiguren/")
    expect(page.locator("main table")).to_contain_text("Fatima El Amrani")
    expect(page.locator("main table")).to_contain_text(dutch("lapsed"))
    assert_accessible(page)
    key_figure = KeyFigure.objects.get()
    visit(page, f"{url}{base}sleutelfiguren/{key_figure.pk}/")
    assert_accessible(page)

    # Training: the form with its mistakes (400), then a record on the list.
    visit(page, f"{url}{base}training/")
    assert_accessible(page)
    visit(page, f"{url}{base}training/nieuw/")
    assert_accessible(page)
    send_expecting(page, 400)
    assert not TrainingRecord.objects.exists()
    assert_accessible(page)
    page.locator("#id_organisation").select_option(str(people.police.pk))
    page.locator("#id_training").fill("Signalen van radicalisering herkennen")
    page.locator("#id_participant_count").fill("12")
    page.locator("#id_held_on").fill((timezone.localdate() - timedelta(days=30)).isoformat())
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect_path(page, f"{base}training/")
    expect(page.locator("main table")).to_contain_text("Signalen van radicalisering herkennen")
    assert_accessible(page)
    record = TrainingRecord.objects.get()
    visit(page, f"{url}{base}training/{record.pk}/")
    assert_accessible(page)

    # The checklist again, now with a lapsed contact, and the directory.
    visit(page, f"{url}{base}")
    expect(page.locator("main .utrecht-alert--warning")).to_be_visible()
    assert_accessible(page)
    visit(page, f"{url}/voorbereiding/steunpunten/")
    expect(page.locator("main table tbody tr")).to_have_count(SupportOrganisation.objects.count())
    expect(page.locator("main a[href$='/voorbereiding/steunpunten/nieuw/']")).to_have_count(0)
    assert_accessible(page)


def test_the_directory_and_its_forms_pass_axe_for_the_administrator(
    page: Page, live_server, people: World
):
    url = live_server.url
    act_as(page, url, people.admin)
    visit(page, f"{url}/voorbereiding/steunpunten/")
    assert SupportOrganisation.objects.exists()
    assert_accessible(page)
    first = SupportOrganisation.objects.order_by("position", "name").first()
    assert first is not None
    edit = f"/voorbereiding/steunpunten/{first.pk}/"
    page.locator(f"main a[href='{edit}']").click()
    expect_path(page, edit)
    assert_accessible(page)
    # Without a name the form answers 400 and says what is missing; nothing changes.
    page.locator("#id_name").fill("")
    send_expecting(page, 400)
    expect(page.locator("#id_name_error")).to_be_visible()
    first.refresh_from_db()
    assert first.name
    assert_accessible(page)

    visit(page, f"{url}/voorbereiding/steunpunten/nieuw/")
    assert_accessible(page)
