"""The print and the PDF of a case (issue 13 point 6): every section the reader may see, the
network as tables, the classification on every page, logged per subject before anything is
produced, and 404 for whoever may not see the case."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases import printing
from cases.gates import get_gated_case
from cases.models import Case
from cases.tests.test_cases import open_case
from cases.tests.test_entries import MARKERS, setup_entries
from network.models import NetworkPerson
from network.services import person_add
from tests.faults import broken_log
from tests.personas import World, sign_in

CLASSIFICATION = "Confidential — contains special categories of personal data"
# The social team of Polderveen is on the team of setup_entries' case: it may not read the
# special and criminal entries (DESIGN §4), and reads the secret one it is the source of.
PARTNER_READS = {"general", "secrecy"}
LEAD_READS = {"general", "special", "criminal"}


def _network(world: World, case: Case, count: int) -> list[NetworkPerson]:
    return [
        person_add(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=case,
            kind="person",
            name=f"Netwerkpersoon{index:02d}",
            source_organisation=world.gemeente_wijkstad,
        )
        for index in range(count)
    ]


def _subjects(name: str, operation: Operation) -> set[str]:
    return set(
        ProcessingRecord.objects.filter(name=name, operation=operation).values_list(
            "subject_pseudonym", flat=True
        )
    )


def test_the_print_holds_every_section_for_the_lead_and_logs_each_subject_shown(
    client: Client, world: World
):
    setup = setup_entries(world)
    people = _network(world, setup.case, 2)
    sign_in(client, world.lead)
    with translation.override("en"):
        response = client.get(f"/casussen/{setup.case.pk}/afdrukken/")
    assert response.status_code == 200
    body = response.content.decode()
    for heading in (
        "print-plan-heading",
        "print-tasks-heading",
        "print-measures-heading",
        "print-checklists-heading",
        "print-network-heading",
        "print-support-heading",
        "print-entries-heading",
        "print-timeline-heading",
    ):
        assert f'id="{heading}"' in body, heading
    for category, marker in MARKERS.items():
        assert (marker in body) is (category in LEAD_READS), category
    assert "Netwerkpersoon00" in body
    assert "Netwerkpersoon01" in body
    with translation.override("nl"):
        assert translation.gettext(CLASSIFICATION) in body
    assert "css/case_print.css" in body
    assert f"/casussen/{setup.case.pk}/afdrukken/pdf/" in body
    expected = {f"subject:{setup.case.subject_id}"} | {f"network_person:{p.pk}" for p in people}
    assert _subjects("cases.print", Operation.PRINT) == {pseudonymise(s) for s in expected}


def test_the_case_page_offers_the_pdf(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.partner)
    body = client.get(f"/casussen/{case.pk}/").content.decode()
    assert f'href="/casussen/{case.pk}/afdrukken/pdf/"' in body


def _page_texts(document) -> list[str]:
    def texts(box) -> list[str]:
        found = [box.text] if getattr(box, "text", None) else []
        for child in getattr(box, "children", None) or []:
            found += texts(child)
        return found

    return [" ".join(texts(page._page_box)) for page in document.pages]


def test_the_pdf_of_a_team_partner_hides_what_the_policy_hides_and_is_classified_on_every_page(
    client: Client, world: World
):
    setup = setup_entries(world)
    # Enough network rows for more than one page.
    people = _network(world, setup.case, 45)
    sign_in(client, world.outsider)
    with translation.override("en"):
        response = client.get(f"/casussen/{setup.case.pk}/afdrukken/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="casus-{setup.case.pk}-')
    assert disposition.endswith('.pdf"')
    assert setup.case.subject.surname not in disposition
    assert response.content.startswith(b"%PDF")

    expected = {f"subject:{setup.case.subject_id}"} | {f"network_person:{p.pk}" for p in people}
    assert _subjects("cases.pdf", Operation.EXPORT) == {pseudonymise(s) for s in expected}

    # The pages' text, margin boxes included: the same HTML and stylesheets as the download,
    # laid out without writing the PDF (the bytes' text is compressed and subset).
    with translation.override("en"):
        context, _subjects_shown = printing.print_context(
            get_gated_case(world.actor(world.outsider), setup.case.pk)
        )
        html = render_to_string("cases/case_pdf.html", context)
    document = HTML(string=html).render(
        stylesheets=[CSS(filename=str(printing.PRINT_CSS)), CSS(string=printing.PDF_CSS)]
    )
    pages = _page_texts(document)
    assert len(pages) >= 2
    for page in pages:
        assert CLASSIFICATION in page
    text = " ".join(pages)
    for category, marker in MARKERS.items():
        assert (marker in text) is (category in PARTNER_READS), category
    assert "Netwerkpersoon44" in text


def test_a_team_partner_print_leaves_out_the_entries_it_may_not_read(client: Client, world: World):
    setup = setup_entries(world)
    sign_in(client, world.outsider)
    body = client.get(f"/casussen/{setup.case.pk}/afdrukken/").content.decode()
    for category, marker in MARKERS.items():
        assert (marker in body) is (category in PARTNER_READS), category


@pytest.mark.parametrize("suffix", ["afdrukken/", "afdrukken/pdf/"])
def test_a_stranger_gets_404_and_nothing_is_logged_as_printed(
    client: Client, world: World, suffix: str
):
    case = open_case(world)  # the police only; the outsider's social team is not on it
    sign_in(client, world.outsider)
    assert client.get(f"/casussen/{case.pk}/{suffix}").status_code == 404
    assert not ProcessingRecord.objects.filter(name__in=["cases.print", "cases.pdf"]).exists()


def test_without_a_log_no_pdf_is_made(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
):
    case = open_case(world)
    sign_in(client, world.lead)

    def never(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("a PDF was made without its log record")

    monkeypatch.setattr(printing, "html_to_pdf", never)
    with broken_log():
        response = client.get(f"/casussen/{case.pk}/afdrukken/pdf/")
    assert response.status_code == 503
    assert not response.content.startswith(b"%PDF")
