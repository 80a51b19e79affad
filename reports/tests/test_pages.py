"""The council report pages: who may see and make them, what they show, PDF and CSV, and
the processing records of generating and downloading (issue 7, points 6-7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from accounts.models import Membership, Role
from audit.models import Operation, ProcessingRecord
from reports.exports import PRINT_CSS, pdf_context
from reports.models import CouncilReport
from reports.tests import builders as b
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

LIST, NEW = "/rapportages/", "/rapportages/nieuw/"
FORM = {"period": "2026-Q2", "classification": "secret", "channel": "closed_session"}
# The planted figures lie in 2026-Q2, and the form offers only the last eight ended quarters:
# the clock stands late in 2026 for these tests, fixtures included, whatever day they run.
pytestmark = pytest.mark.clock(date(2026, 11, 29))


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def mayor_office(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Kees Kabinet")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )


def polderveen_lead(world: World) -> Membership:
    user = UserFactory.create(email="lead2@test.schakel.example", full_name="Lex Lead")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_polderveen, role=Role.LEAD
    )


def client_for(membership: Membership) -> Client:
    client = Client()
    sign_in(client, membership)
    return client


def planted_data(world: World) -> int:
    """Demo-like figures with one lone case that a small number would give away."""
    lone = b.case(world, opened=date(2026, 5, 2), situation="departed", surname=b.PLANTED_SURNAME)
    for day in range(1, 13):
        b.case(world, opened=date(2026, 4, day), birth_year=1980)
        b.signal(world, received=date(2026, 4, day), concern="right_wing")
    b.signal(world, received=date(2026, 5, 3), concern="jihadist")
    b.intervention(world, lone, regime="administrative", start=date(2026, 5, 20))
    return lone.pk


def make_report(world: World, membership: Membership | None = None) -> CouncilReport:
    response = client_for(membership or world.lead).post(NEW, FORM)
    assert response.status_code == 302
    return CouncilReport.objects.get()


def pdf_text(report: CouncilReport) -> list[list[str]]:
    """The text of every page of the report's PDF, margin boxes included."""
    html = render_to_string("reports/council_pdf.html", pdf_context(report))
    document = HTML(string=html).render(stylesheets=[CSS(filename=str(PRINT_CSS))])

    def texts(box) -> list[str]:
        found = [box.text] if getattr(box, "text", None) else []
        for child in getattr(box, "children", None) or []:
            found += texts(child)
        return found

    return [texts(page._page_box) for page in document.pages]


def test_lead_makes_a_report_and_sees_it(world: World):
    case_pk = planted_data(world)
    client = client_for(world.lead)

    form = client.get(NEW)
    assert form.status_code == 200
    assert 'value="2026-Q2"' in form.content.decode()
    response = client.post(NEW, FORM)

    report = CouncilReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/rapportages/{report.pk}/"
    assert (report.period_start, report.period_end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert (report.threshold, report.classification) == (10, "secret")
    assert report.created_by == world.lead.user
    page = client.get(f"/rapportages/{report.pk}/").content.decode()
    assert "Council report Testwijkstad" in page
    assert "&lt; 10" in page
    assert "<svg" in page
    assert "<caption" in page
    assert 'scope="col"' in page
    assert b.PLANTED_SURNAME not in page
    assert f"Case {case_pk}" not in page
    assert "style=" not in page
    listing = client.get(LIST).content.decode()
    assert f"/rapportages/{report.pk}/" in listing


def test_the_lone_case_is_never_in_the_stored_figures(world: World):
    planted_data(world)
    report = make_report(world)
    situation = next(
        t for t in report.published["current"]["tables"] if t["key"] == "cases_by_situation"
    )
    departed = next(c for c in situation["cells"] if c["key"] == "departed")
    assert departed == {"key": "departed", "state": "small", "value": None}
    assert b.PLANTED_SURNAME not in str(report.published)


def test_bad_input_rerenders_with_400_and_saves_nothing(world: World):
    client = client_for(world.lead)
    for bad in (
        {**FORM, "period": "2026-01-01/2026-07-31"},
        {**FORM, "period": b.current_quarter()},
        {**FORM, "classification": "confidential"},
        {**FORM, "channel": ""},
    ):
        response = client.post(NEW, bad)
        assert response.status_code == 400
        assert "utrecht-form-field-error-message" in response.content.decode()
    assert not CouncilReport.objects.exists()


def test_the_pdf_says_its_classification_on_every_page(world: World):
    case_pk = planted_data(world)
    report = make_report(world)

    response = client_for(world.lead).get(f"/rapportages/{report.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = pdf_text(report)
    assert len(pages) >= 2
    for page in pages:
        text = " ".join(page).upper()  # the print stylesheet capitalises it
        assert "SECRET — GEMEENTEWET ART. 25" in text
    everything = " ".join(" ".join(page) for page in pages)
    assert b.PLANTED_SURNAME not in everything
    assert f"Case {case_pk}" not in everything


def test_a_public_report_says_public_on_every_page(world: World):
    client = client_for(world.lead)
    client.post(NEW, {**FORM, "classification": "public", "channel": "council_letter"})
    for page in pdf_text(CouncilReport.objects.get()):
        assert "Public" in " ".join(page)


def test_the_csv_holds_published_figures_only(world: World):
    case_pk = planted_data(world)
    report = make_report(world)

    response = client_for(world.lead).get(f"/rapportages/{report.pk}/csv/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "Cases by situation at the end of the period,departed,< 10," in body
    assert b.PLANTED_SURNAME not in body
    assert f"Case {case_pk}" not in body


def test_generating_and_downloading_are_logged_without_subjects(world: World):
    report = make_report(world)
    client = client_for(world.lead)
    client.get(f"/rapportages/{report.pk}/pdf/")
    client.get(f"/rapportages/{report.pk}/csv/")
    client.get(f"/rapportages/{report.pk}/")

    records = ProcessingRecord.objects.filter(name__startswith="reports.council.")
    seen = {(r.name, r.operation) for r in records}
    assert seen == {
        ("reports.council.generate", Operation.EXPORT),
        ("reports.council.pdf", Operation.PRINT),
        ("reports.council.csv", Operation.EXPORT),
    }
    for record in records:
        assert record.subject_pseudonym == ""
        assert record.object_type == "council_report"
        assert record.object_id == str(report.pk)
        assert record.actor_id == world.lead.user_id
        assert record.activity_version.activity.code == "case-coordination"


def test_mayors_office_may_make_and_read_reports(world: World):
    office = mayor_office(world)
    report = make_report(world, office)
    client = client_for(office)
    for url in (LIST, NEW, f"/rapportages/{report.pk}/", f"/rapportages/{report.pk}/csv/"):
        assert client.get(url).status_code == 200


def test_the_process_director_reads_the_regions_reports_but_makes_none(world: World):
    report = make_report(world)
    client = client_for(world.process_director)
    assert client.get(LIST).status_code == 200
    assert client.get(f"/rapportages/{report.pk}/").status_code == 200
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, FORM).status_code == 404


@pytest.mark.parametrize("persona", ["partner", "outsider", "admin", "privacy_officer"])
def test_other_roles_get_404_everywhere(world: World, persona: str):
    report = make_report(world)
    client = client_for(getattr(world, persona))
    for url in (LIST, NEW, *(f"/rapportages/{report.pk}/{s}" for s in ("", "pdf/", "csv/"))):
        assert client.get(url).status_code == 404, url
    assert client.post(NEW, FORM).status_code == 404
    assert CouncilReport.objects.count() == 1


def test_the_lead_of_another_municipality_gets_404(world: World):
    report = make_report(world)
    client = client_for(polderveen_lead(world))
    for suffix in ("", "pdf/", "csv/"):
        assert client.get(f"/rapportages/{report.pk}/{suffix}").status_code == 404
    assert f"/rapportages/{report.pk}/" not in client.get(LIST).content.decode()
    assert client.get("/rapportages/999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(world: World):
    report = make_report(world)
    for url in (LIST, NEW, f"/rapportages/{report.pk}/", f"/rapportages/{report.pk}/pdf/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
