"""The council report's texts (issue 14, point 8): the lead's text in outline, one
explanation per partner organisation, the name-and-number check that blocks making the report
final, who may do what, what the page and the PDF show, and the processing records.

Dates are relative to today: the report covers the last ended quarter, whenever this runs.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from accounts.models import Membership, Organisation
from audit.models import Operation, ProcessingRecord
from cases.models import Case, TeamMember
from network.models import NetworkPerson, NodeKind
from reports.models import CouncilReport, CouncilText, ReportStatus, TextKind
from reports.periods import QUARTER, Period, recent_periods
from reports.tests import builders as b
from reports.tests.test_pages import client_for, mayor_office, pdf_text, polderveen_lead
from tests.personas import World

OUTLINE = "In het afgelopen kwartaal werkte de gemeente nauw samen met de ketenpartners."
SECTION = "De politie gaf signalen tijdig door en nam deel aan elk casusoverleg."


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def last_quarter() -> Period:
    return recent_periods(today=timezone.localdate(), count=1, block=QUARTER)[0]


def on_team(case: Case, organisation: Organisation, *, since: date) -> None:
    member = TeamMember.objects.create(case=case, organisation=organisation)
    TeamMember.objects.filter(pk=member.pk).update(added_at=b.moment(since))


def report_with_police_case(world: World) -> CouncilReport:
    """A Wijkstad case in the last ended quarter with the police on its team, and the lead's
    draft report of that quarter."""
    quarter = last_quarter()
    case = b.case(world, opened=quarter.start, surname=b.PLANTED_SURNAME)
    on_team(case, world.police, since=quarter.start)
    NetworkPerson.objects.create(
        case=case,
        kind=NodeKind.PERSON,
        name="Karim Netwerkman",
        created_by=world.lead.user,
        source_organisation=world.police,
    )
    form = {"period": quarter.code, "classification": "public", "channel": "council_letter"}
    response = client_for(world.lead).post("/rapportages/nieuw/", form)
    assert response.status_code == 302
    return CouncilReport.objects.get()


def url(report: CouncilReport, suffix: str) -> str:
    return f"/rapportages/{report.pk}/{suffix}"


def write(client: Client, report: CouncilReport, suffix: str, text: str, **extra: str):
    version = 0
    existing = report.texts.filter(
        kind=TextKind.OUTLINE if suffix == "hoofdlijnen/" else TextKind.PARTNER
    ).first()
    if existing is not None:
        version = existing.version
    return client.post(url(report, suffix), {"text": text, "version": version, **extra})


# --- Who is invited, and who may write what. ---


def test_organisations_on_a_case_team_in_the_period_are_invited(world: World):
    report = report_with_police_case(world)
    assert list(report.contributors.all()) == [world.police]
    assert report.status == ReportStatus.DRAFT


def test_an_organisation_that_left_the_team_before_the_period_is_not_invited(world: World):
    quarter = last_quarter()
    case = b.case(world, opened=quarter.start - timedelta(days=200))
    member = TeamMember.objects.create(case=case, organisation=world.police)
    TeamMember.objects.filter(pk=member.pk).update(
        added_at=b.moment(quarter.start - timedelta(days=200)),
        removed_at=b.moment(quarter.start - timedelta(days=10)),
    )
    form = {"period": quarter.code, "classification": "public", "channel": "council_letter"}
    client_for(world.lead).post("/rapportages/nieuw/", form)
    assert not CouncilReport.objects.get().contributors.exists()


def test_the_lead_writes_the_text_in_outline_with_author_and_time(world: World):
    report = report_with_police_case(world)
    client = client_for(world.lead)

    assert client.get(url(report, "hoofdlijnen/")).status_code == 200
    response = write(client, report, "hoofdlijnen/", OUTLINE)

    assert response.status_code == 302
    assert response["Location"] == url(report, "")
    outline = CouncilText.objects.get(report=report, kind=TextKind.OUTLINE)
    assert (outline.text, outline.written_by, outline.findings) == (OUTLINE, world.lead.user, [])
    assert outline.written_by_name == world.lead.user.full_name
    assert outline.written_at is not None
    page = client.get(url(report, "")).content.decode()
    assert OUTLINE in page
    assert f"Written by {world.lead.user.full_name}" in page


def test_the_partner_writes_the_explanation_of_their_organisation(world: World):
    report = report_with_police_case(world)
    client = client_for(world.partner)

    listing = client.get("/rapportages/toelichtingen/")
    assert listing.status_code == 200
    assert url(report, "toelichting/") in listing.content.decode()
    assert client.get(url(report, "toelichting/")).status_code == 200
    response = write(client, report, "toelichting/", SECTION)

    assert response.status_code == 302
    section = CouncilText.objects.get(report=report, kind=TextKind.PARTNER)
    assert (section.organisation, section.written_by) == (world.police, world.partner.user)
    lead_page = client_for(world.lead).get(url(report, "")).content.decode()
    assert SECTION in lead_page
    assert world.police.name in lead_page
    assert f"Written by {world.partner.user.full_name}" in lead_page


def test_a_second_save_changes_the_one_section_of_the_organisation(world: World):
    report = report_with_police_case(world)
    client = client_for(world.partner)
    write(client, report, "toelichting/", SECTION)
    write(client, report, "toelichting/", SECTION + " Ook in het nieuwe kwartaal.")
    section = CouncilText.objects.get(report=report)
    assert section.text.endswith("nieuwe kwartaal.")
    assert section.version == 2


def test_the_partner_sees_their_section_but_never_the_report(world: World):
    report = report_with_police_case(world)
    client = client_for(world.partner)
    for suffix in ("", "pdf/", "csv/", "hoofdlijnen/"):
        assert client.get(url(report, suffix)).status_code == 404, suffix
    assert client.post(url(report, "vaststellen/")).status_code == 404
    page = client.get(url(report, "toelichting/")).content.decode()
    assert "<table" not in page


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer", "process_director"])
def test_others_cannot_write_an_explanation(world: World, persona: str):
    report = report_with_police_case(world)
    client = client_for(getattr(world, persona))
    assert client.get(url(report, "toelichting/")).status_code == 404
    assert write(client, report, "toelichting/", SECTION).status_code == 404
    assert not CouncilText.objects.exists()


def test_a_partner_of_an_uninvited_organisation_gets_404_and_an_empty_list(world: World):
    report = report_with_police_case(world)
    client = client_for(world.outsider)
    assert (
        url(report, "toelichting/")
        not in client.get("/rapportages/toelichtingen/").content.decode()
    )


def test_the_lead_has_no_partner_list_and_no_explanation_page(world: World):
    report = report_with_police_case(world)
    client = client_for(world.lead)
    assert client.get("/rapportages/toelichtingen/").status_code == 404
    assert client.get(url(report, "toelichting/")).status_code == 404


def test_only_the_lead_writes_the_outline(world: World):
    report = report_with_police_case(world)
    others: list[Membership] = [
        mayor_office(world),
        world.process_director,
        world.partner,
        world.outsider,
        world.admin,
        world.privacy_officer,
        polderveen_lead(world),
    ]
    for membership in others:
        client = client_for(membership)
        assert client.get(url(report, "hoofdlijnen/")).status_code == 404, membership.role
        assert write(client, report, "hoofdlijnen/", OUTLINE).status_code == 404
    assert not CouncilText.objects.exists()


def test_the_mayors_office_and_the_process_director_read_the_texts(world: World):
    report = report_with_police_case(world)
    write(client_for(world.lead), report, "hoofdlijnen/", OUTLINE)
    write(client_for(world.partner), report, "toelichting/", SECTION)
    for membership in (mayor_office(world), world.process_director):
        page = client_for(membership).get(url(report, "")).content.decode()
        assert OUTLINE in page
        assert SECTION in page
        assert url(report, "hoofdlijnen/") not in page


def test_anonymous_visitors_are_sent_to_log_in(world: World):
    report = report_with_police_case(world)
    for path in (
        url(report, "hoofdlijnen/"),
        url(report, "toelichting/"),
        "/rapportages/toelichtingen/",
    ):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
    response = Client().post(url(report, "vaststellen/"))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert CouncilReport.objects.get().status == ReportStatus.DRAFT


# --- Bad input changes nothing. ---


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "   ", "version": "0"}, "text"),
        ({"text": "x" * 4001, "version": "0"}, "text"),
        ({"text": OUTLINE, "version": "0", "despite_check": "r" * 1001}, "despite_check"),
        ({"text": OUTLINE}, "version"),
        ({"text": OUTLINE, "version": "-1"}, "version"),
    ],
)
def test_bad_input_comes_back_with_a_message_and_saves_nothing(world: World, data, field):
    report = report_with_police_case(world)
    response = client_for(world.lead).post(url(report, "hoofdlijnen/"), data)
    assert response.status_code == 400
    assert "utrecht-alert--error" in response.content.decode()
    assert not CouncilText.objects.exists()


def test_an_outdated_page_is_a_conflict_and_changes_nothing(world: World):
    report = report_with_police_case(world)
    client = client_for(world.lead)
    write(client, report, "hoofdlijnen/", OUTLINE)
    response = client.post(url(report, "hoofdlijnen/"), {"text": "Anders.", "version": "0"})
    assert response.status_code == 409
    assert CouncilText.objects.get().text == OUTLINE


# --- The name-and-number check. ---


def test_a_name_of_the_municipalitys_person_blocks_making_the_report_final(world: World):
    report = report_with_police_case(world)
    lead = client_for(world.lead)
    write(lead, report, "hoofdlijnen/", f"Het gezin {b.PLANTED_SURNAME} kreeg steun.")

    response = lead.post(url(report, "vaststellen/"))

    assert response.status_code == 400
    body = response.content.decode()
    assert "The report cannot be made final yet" in body
    assert f"the name “{b.PLANTED_SURNAME}” (text in outline)" in body
    assert CouncilReport.objects.get().status == ReportStatus.DRAFT


def test_a_network_persons_name_in_a_section_and_a_number_of_people_block_too(world: World):
    report = report_with_police_case(world)
    write(client_for(world.partner), report, "toelichting/", "Karim en drie jongeren.")
    section = CouncilText.objects.get()
    assert {f["found"] for f in section.findings} == {"Karim", "drie jongeren"}

    response = client_for(world.lead).post(url(report, "vaststellen/"))

    assert response.status_code == 400
    assert f"explanation of {world.police.name}" in response.content.decode()
    assert CouncilReport.objects.get().status == ReportStatus.DRAFT


def test_saving_a_draft_with_a_finding_warns_but_saves(world: World):
    report = report_with_police_case(world)
    response = write(client_for(world.lead), report, "hoofdlijnen/", "Twaalf minderjarigen.")
    assert response.status_code == 302
    assert CouncilText.objects.get().findings == [
        {"kind": "number", "found": "Twaalf minderjarigen"}
    ]
    page = client_for(world.lead).get(url(report, ""), follow=True).content.decode()
    assert "The name check found" in page


def test_a_recorded_reason_lets_the_report_be_made_final_and_is_logged(world: World):
    report = report_with_police_case(world)
    lead = client_for(world.lead)
    text = "Aan de Karimstraat opende een buurthuis."  # a street, not the network person
    write(lead, report, "toelichting/", text)  # the lead is not a partner: refused
    write(client_for(world.partner), report, "toelichting/", "Karim is een straatnaam hier.")
    section = CouncilText.objects.get()
    client_for(world.partner).post(
        url(report, "toelichting/"),
        {"text": section.text, "version": section.version, "despite_check": "Een straatnaam."},
    )
    section.refresh_from_db()
    assert section.despite_check == "Een straatnaam."
    assert section.despite_check_by_name == world.partner.user.full_name
    assert section.despite_check_at is not None

    response = lead.post(url(report, "vaststellen/"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert report.finalised_by_name == world.lead.user.full_name
    names = set(ProcessingRecord.objects.values_list("name", flat=True))
    assert {
        "reports.council.text.despite_check",
        "reports.council.finalise",
        "reports.council.finalise.despite_check",
    } <= names


def test_a_reason_is_cleared_when_its_text_changes(world: World):
    report = report_with_police_case(world)
    lead = client_for(world.lead)
    write(lead, report, "hoofdlijnen/", "Drie jongeren.", despite_check="Afgestemd.")
    assert CouncilText.objects.get().despite_check == "Afgestemd."
    write(lead, report, "hoofdlijnen/", "Vier jongeren.")
    assert CouncilText.objects.get().despite_check == ""
    assert lead.post(url(report, "vaststellen/")).status_code == 400


def test_a_reason_without_a_finding_is_not_kept(world: World):
    report = report_with_police_case(world)
    write(client_for(world.lead), report, "hoofdlijnen/", OUTLINE, despite_check="Zomaar.")
    assert CouncilText.objects.get().despite_check == ""


# --- Making the report final. ---


def test_a_clean_report_is_made_final_and_its_texts_no_longer_change(world: World):
    report = report_with_police_case(world)
    lead = client_for(world.lead)
    write(lead, report, "hoofdlijnen/", OUTLINE)
    write(client_for(world.partner), report, "toelichting/", SECTION)

    assert lead.post(url(report, "vaststellen/")).status_code == 302
    assert CouncilReport.objects.get().status == ReportStatus.FINAL

    response = write(lead, report, "hoofdlijnen/", "Nieuw.")
    assert response.status_code == 400
    assert "This council report is final" in response.content.decode()
    response = write(client_for(world.partner), report, "toelichting/", "Nieuw.")
    assert response.status_code == 400
    assert set(CouncilText.objects.values_list("text", flat=True)) == {OUTLINE, SECTION}
    assert lead.post(url(report, "vaststellen/")).status_code == 400
    listing = client_for(world.partner).get("/rapportages/toelichtingen/").content.decode()
    assert url(report, "toelichting/") not in listing


def test_the_mayors_office_makes_the_report_final_but_the_process_director_cannot(world: World):
    report = report_with_police_case(world)
    assert client_for(world.process_director).post(url(report, "vaststellen/")).status_code == 404
    assert client_for(polderveen_lead(world)).post(url(report, "vaststellen/")).status_code == 404
    assert CouncilReport.objects.get().status == ReportStatus.DRAFT
    assert client_for(mayor_office(world)).post(url(report, "vaststellen/")).status_code == 302
    assert CouncilReport.objects.get().status == ReportStatus.FINAL


def test_making_final_is_a_post(world: World):
    report = report_with_police_case(world)
    assert client_for(world.lead).get(url(report, "vaststellen/")).status_code == 405


# --- The PDF and the processing log. ---


def test_the_pdf_shows_the_outline_and_the_sections_with_their_authors(world: World):
    report = report_with_police_case(world)
    write(client_for(world.lead), report, "hoofdlijnen/", OUTLINE)
    write(client_for(world.partner), report, "toelichting/", SECTION)

    assert client_for(world.lead).get(url(report, "pdf/")).status_code == 200
    text = " ".join(" ".join(page) for page in pdf_text(report))

    assert "In outline" in text
    assert OUTLINE.split()[0] in text
    assert "ketenpartners." in text
    assert "nam deel aan elk casusoverleg." in text
    assert world.police.name in text
    assert f"Written by {world.lead.user.full_name}" in text
    assert f"Written by {world.partner.user.full_name}" in text
    assert "Draft" in text


def test_writing_is_logged_without_subjects(world: World):
    report = report_with_police_case(world)
    write(client_for(world.lead), report, "hoofdlijnen/", OUTLINE)
    write(client_for(world.partner), report, "toelichting/", SECTION)
    write(client_for(world.partner), report, "toelichting/", SECTION + " Meer.")

    records = ProcessingRecord.objects.filter(
        name__in=["reports.council.outline.write", "reports.council.section.write"]
    )
    seen = [(r.name, r.operation, r.actor_id) for r in records.order_by("pk")]
    assert seen == [
        ("reports.council.outline.write", Operation.CREATE, world.lead.user_id),
        ("reports.council.section.write", Operation.CREATE, world.partner.user_id),
        ("reports.council.section.write", Operation.UPDATE, world.partner.user_id),
    ]
    for record in records:
        assert record.subject_pseudonym == ""
        assert (record.object_type, record.object_id) == ("council_report", str(report.pk))
