"""The register of processing activities: versions, revisions and their logging."""

from __future__ import annotations

import pytest

from audit.models import (
    Operation,
    ProcessingActivity,
    ProcessingActivityVersion,
    ProcessingRecord,
)
from audit.services import log_processing
from tests.personas import World

URL = "/privacy/register/"
REVISE = "/privacy/register/account/herzien/"


def revision(**changes: str) -> dict[str, str]:
    values = {
        "name": "Eigen account inzien",
        "purpose": "Medewerkers zien hun eigen account, rollen en tokens.",
        "legal_basis": "AVG art. 6 lid 1 onder e (publieke taak).",
        "data_categories": "Naam, e-mailadres, lidmaatschappen van de medewerker.",
        "retention": "Zolang het account bestaat, daarna een jaar.",
    }
    values.update(changes)
    return {f"account-{name}": value for name, value in values.items()}


def versions_of(code: str) -> list[int]:
    return list(
        ProcessingActivityVersion.objects.filter(activity__code=code)
        .order_by("number")
        .values_list("number", flat=True)
    )


def test_the_register_lists_every_activity_with_its_current_version(officer, world: World):
    response = officer.get(URL)
    assert response.status_code == 200
    codes = [item["entry"].activity.code for item in response.context["entries"]]
    assert codes == list(ProcessingActivity.objects.order_by("code").values_list("code", flat=True))
    assert {"security", "account", "user-administration", "audit-oversight"} <= set(codes)
    page = response.content.decode()
    assert "Toezicht op het verwerkingslogboek" in page
    assert 'id="activity-account-v1"' in page


def test_reading_the_register_is_logged(officer, world: World):
    officer.get(URL)
    read = ProcessingRecord.objects.get(name="privacy.register.read")
    assert read.operation == Operation.READ
    assert read.actor_id == world.privacy_officer.user_id
    assert read.activity_version.activity.code == "audit-oversight"


def test_a_revision_makes_version_two_written_by_the_officer(officer, world: World):
    response = officer.post(REVISE, revision())
    assert response.status_code == 302
    assert versions_of("account") == [1, 2]
    new = ProcessingActivityVersion.objects.get(activity__code="account", number=2)
    assert new.retention == "Zolang het account bestaat, daarna een jaar."
    assert new.created_by == world.privacy_officer.user.email
    page = officer.get(URL)
    entry = next(
        i["entry"] for i in page.context["entries"] if i["entry"].activity.code == "account"
    )
    assert entry.current.number == 2
    assert [version.number for version in entry.older] == [1]


def test_a_revision_is_logged_as_an_update(officer, world: World):
    officer.post(REVISE, revision())
    record = ProcessingRecord.objects.get(name="privacy.register.revise")
    assert record.operation == Operation.UPDATE
    assert record.actor_id == world.privacy_officer.user_id
    assert record.object_type == "processing_activity"
    assert record.object_id == "account"
    assert record.subject_pseudonym == ""


def test_old_records_keep_the_old_version_and_new_records_get_the_new(officer, world: World):
    (before,) = log_processing(activity="account", name="test.before", operation=Operation.READ)
    officer.post(REVISE, revision())
    (after,) = log_processing(activity="account", name="test.after", operation=Operation.READ)
    before.refresh_from_db()
    assert before.activity_version.number == 1
    assert after.activity_version.number == 2


def test_revising_the_oversight_entry_is_logged_under_the_version_then_in_force(officer, world):
    data = {
        "audit-oversight-name": "Toezicht op het verwerkingslogboek",
        "audit-oversight-purpose": "Toezicht en onderzoek.",
        "audit-oversight-legal_basis": "AVG art. 38-39.",
        "audit-oversight-data_categories": "Gepseudonimiseerde betrokkenen.",
        "audit-oversight-retention": "Zolang het logboek wordt bewaard.",
    }
    officer.post("/privacy/register/audit-oversight/herzien/", data)
    record = ProcessingRecord.objects.get(name="privacy.register.revise")
    assert record.activity_version.number == 1
    assert versions_of("audit-oversight") == [1, 2]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"purpose": "   "}, "purpose"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"data_categories": ""}, "data_categories"),
        ({"retention": "x" * 301}, "retention"),
        ({"name": "n" * 201}, "name"),
    ],
)
def test_bad_revision_shows_the_form_again_and_changes_nothing(officer, world, changes, field):
    response = officer.post(REVISE, revision(**changes))
    assert response.status_code == 400
    form = response.context["invalid_form"]
    assert list(form.errors) == [field]
    assert all(message.endswith(".") for message in form.errors[field])
    assert versions_of("account") == [1]
    assert not ProcessingRecord.objects.filter(name="privacy.register.revise").exists()
    assert "<details open>" in response.content.decode()


def test_a_revision_without_changes_is_refused(officer, world: World):
    current = ProcessingActivityVersion.objects.get(activity__code="account", number=1)
    unchanged = {
        "name": current.name,
        "purpose": current.purpose,
        "legal_basis": current.legal_basis,
        "data_categories": current.data_categories,
        "retention": current.retention,
    }
    response = officer.post(REVISE, revision(**unchanged))
    assert response.status_code == 400
    assert response.context["invalid_form"].non_field_errors()
    assert versions_of("account") == [1]


def test_line_endings_from_the_browser_are_stored_as_newlines(officer, world: World):
    officer.post(REVISE, revision(purpose="Eerste regel.\r\nTweede regel."))
    new = ProcessingActivityVersion.objects.get(activity__code="account", number=2)
    assert new.purpose == "Eerste regel.\nTweede regel."
