"""The case page gathers the case's facts once and writes one processing record per subject it
shows, whatever its sections show; its query count is fixed and does not grow with the case."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from access.actor import actor_for_membership
from accounts.models import Membership, Role
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.entries import entry_add
from cases.models import Case
from demo.seed import seed_demo
from tests.personas import sign_in

# Measured on the demo's richest case (entries of every category, a plan with actions, a
# measure with its objection term, a checklist, family support and a press line) when the
# page was made to gather its facts once: a change that adds queries per section shows here.
# The summary band (issue 13) reads the team's professionals (1), the next conference with
# the case on its agenda (1) and that conference's attendees for its visibility rule (1); the
# lead and process director now come with the gate's fetch (-2): 44. The menu's count of
# overdue tasks (written alongside, in base.html) adds 1: 45.
MAX_QUERIES = 45  # before: 75 queries and 5 records for the same page
# PostgreSQL takes the processing log's advisory lock with a statement of its own per record.
LOG_LOCK_QUERIES = {"postgresql": 1}


@pytest.fixture
def demo_lead(db: None, settings) -> Membership:
    settings.DEMO_MODE = True  # demo accounts sign in only in demo mode
    seed_demo()
    return Membership.objects.get(user__email="dossierhouder@schakel.example", role=Role.LEAD)


def open_page(client: Client, case: Case) -> tuple[int, int, list[str]]:
    before = ProcessingRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/casussen/{case.pk}/")
    assert response.status_code == 200
    names = list(ProcessingRecord.objects.filter(pk__gt=before).values_list("name", flat=True))
    return len(queries.captured_queries), len(names), names


def test_each_demo_case_page_writes_one_record_and_stays_within_its_queries(demo_lead):
    client = Client()
    sign_in(client, demo_lead)
    cases = Case.objects.filter(municipality_id=demo_lead.organisation.municipality_id)
    assert cases.count() >= 3
    for case in cases:
        queries, records, names = open_page(client, case)
        assert (records, names) == (1, ["cases.read"]), case.pk
        assert queries <= MAX_QUERIES + LOG_LOCK_QUERIES.get(connection.vendor, 0), (
            case.pk,
            queries,
        )
        record = ProcessingRecord.objects.order_by("-pk").first()
        assert record is not None
        assert record.subject_pseudonym == pseudonymise(f"subject:{case.subject_id}")


def test_the_facts_are_gathered_once_per_page(demo_lead):
    """Gathering a case's facts reads its emergency accesses; the page does that once."""
    client = Client()
    sign_in(client, demo_lead)
    case = Case.objects.get(subject__surname="Voorbeeld")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/casussen/{case.pk}/").status_code == 200
    # A query that reads the accesses themselves; the menu's task count mentions the table
    # only inside its case-scope subquery, which gathers no facts.
    facts_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "cases_breakglassaccess".')
    ]
    assert len(facts_reads) == 1


def test_the_query_count_does_not_grow_with_more_entries(demo_lead):
    client = Client()
    sign_in(client, demo_lead)
    case = Case.objects.get(subject__surname="Voorbeeld")
    first, _records, _names = open_page(client, case)
    for n in range(5):
        entry_add(
            actor=actor_for_membership(demo_lead),
            user=demo_lead.user,
            case=case,
            kind="note",
            category="general",
            source_organisation=demo_lead.organisation,
            legal_basis="[demo] taak van algemeen belang",
            text=f"[demo] Extra notitie {n}.",
        )
    again, _records, _names = open_page(client, case)
    assert again == first
