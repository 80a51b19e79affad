"""The privacy officer's review list of emergency access: who, for which organisation, which
case number, why and until when — never the case's content; a finding per access; only for
the privacy officer, and every look is logged with the reviewed users as subjects."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Role
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.models import BreakGlassAccess
from cases.services import break_glass_open
from cases.tests.test_cases import open_case
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in


def _access(world: World, reason: str = "Acute dreiging") -> BreakGlassAccess:
    case = open_case(world)
    return break_glass_open(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        case=case,
        reason=reason,
    )


def test_the_officer_sees_who_opened_which_case_and_why_but_not_its_content(
    officer: Client, world: World
):
    access = _access(world)
    response = officer.get("/privacy/noodtoegang/")
    assert response.status_code == 200
    assert response.context["open_accesses"] == [access]
    body = response.content.decode()
    assert world.process_director.user.full_name in body
    assert world.safety_house.name in body
    assert "Acute dreiging" in body
    assert f"/privacy/noodtoegang/{access.pk}/" in body
    assert access.case.subject.surname not in body


def test_a_finding_moves_the_access_to_the_reviewed_list(officer: Client, world: World):
    access = _access(world)
    page = officer.get(f"/privacy/noodtoegang/{access.pk}/")
    assert page.status_code == 200
    response = officer.post(
        f"/privacy/noodtoegang/{access.pk}/", {"finding": "justified", "note": "Terecht."}
    )
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.reviewed_at is not None
    assert access.reviewed_by == world.privacy_officer.user
    assert (access.review_finding, access.review_note) == ("justified", "Terecht.")
    listing = officer.get("/privacy/noodtoegang/")
    assert listing.context["open_accesses"] == []
    assert listing.context["reviewed"] == [access]
    record = ProcessingRecord.objects.get(name="privacy.break_glass.review")
    assert record.operation == Operation.UPDATE
    assert record.subject_pseudonym == pseudonymise(f"user:{world.process_director.user_id}")
    assert record.activity_version.activity.code == "audit-oversight"


def test_not_justified_needs_a_note(officer: Client, world: World):
    access = _access(world)
    response = officer.post(f"/privacy/noodtoegang/{access.pk}/", {"finding": "unjustified"})
    assert response.status_code == 400
    missing = officer.post(f"/privacy/noodtoegang/{access.pk}/", {"note": "x"})
    assert missing.status_code == 400
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_an_access_is_reviewed_once(officer: Client, world: World):
    access = _access(world)
    officer.post(f"/privacy/noodtoegang/{access.pk}/", {"finding": "justified", "note": ""})
    again = officer.post(
        f"/privacy/noodtoegang/{access.pk}/", {"finding": "unjustified", "note": "Toch niet."}
    )
    assert again.status_code == 302
    access.refresh_from_db()
    assert access.review_finding == "justified"
    assert officer.get(f"/privacy/noodtoegang/{access.pk}/").status_code == 200


def test_looking_at_the_list_is_logged_with_the_reviewed_users(officer: Client, world: World):
    _access(world)
    officer.get("/privacy/noodtoegang/")
    record = ProcessingRecord.objects.get(name="privacy.break_glass.list")
    assert record.subject_pseudonym == pseudonymise(f"user:{world.process_director.user_id}")
    assert record.actor_id == world.privacy_officer.user_id


def test_an_officer_of_another_municipality_does_not_see_the_access(client: Client, world: World):
    access = _access(world)
    other = MembershipFactory.create(
        user=UserFactory.create(),
        organisation=world.gemeente_polderveen,
        role=Role.PRIVACY_OFFICER,
    )
    sign_in(client, other)
    assert client.get("/privacy/noodtoegang/").context["open_accesses"] == []
    assert client.get(f"/privacy/noodtoegang/{access.pk}/").status_code == 404
    response = client.post(f"/privacy/noodtoegang/{access.pk}/", {"finding": "justified"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["lead", "process_director", "partner", "admin"])
def test_other_roles_get_404(client: Client, world: World, persona: str):
    access = _access(world)
    sign_in(client, getattr(world, persona))
    assert client.get("/privacy/noodtoegang/").status_code == 404
    assert client.get(f"/privacy/noodtoegang/{access.pk}/").status_code == 404
    response = client.post(f"/privacy/noodtoegang/{access.pk}/", {"finding": "justified"})
    assert response.status_code == 404
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_anonymous_visitors_go_to_the_login(client: Client, world: World):
    access = _access(world)
    for path in ("/privacy/noodtoegang/", f"/privacy/noodtoegang/{access.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
