"""The privacy officer's usage page: refusals and "already known?" checks per account and day,
marked at a threshold, within the officer's region, and itself a logged read."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from access.oversight import may_oversee_organisation, usage_organisation_scope
from access.refusal import refused
from accounts.models import Organisation
from audit.models import Operation, ProcessingRecord
from audit.services import log_processing, pseudonymise
from audit.trace import context_from_header, reset_trace, set_trace
from signals.known import ACTIVITY as KNOWN_ACTIVITY
from signals.known import CHECK_NAME
from tests.personas import World, sign_in

URL = "/privacy/gebruik/"


def probe(world: World, membership_name: str, times: int) -> None:
    actor = world.actor(getattr(world, membership_name))
    for number in range(times):
        refused(actor, object_type="case", object_id=number)


def check(world: World, membership_name: str, *, candidates: int = 2) -> None:
    """One check, as one request (one trace) that logs a record per candidate."""
    actor = world.actor(getattr(world, membership_name))
    token = set_trace(context_from_header(None, origin="web", client_address=None))
    try:
        log_processing(
            activity=KNOWN_ACTIVITY,
            name=CHECK_NAME,
            operation=Operation.READ,
            actor=actor,
            subjects=[f"subject:{number}" for number in range(candidates)],
        )
    finally:
        reset_trace(token)


@override_settings(USAGE_REFUSALS_PER_DAY=3, USAGE_KNOWN_CHECKS_PER_DAY=2)
def test_accounts_at_a_threshold_are_shown_and_marked(client: Client, world: World):
    probe(world, "partner", 3)  # police: a regional partner, at the threshold
    probe(world, "lead", 1)  # below it
    check(world, "lead")
    check(world, "lead")  # two checks: at the threshold
    sign_in(client, world.privacy_officer)

    response = client.get(URL)

    assert response.status_code == 200
    rows = {row.user_id: row for row in response.context["usage"].rows}
    assert set(rows) == {world.partner.user_id, world.lead.user_id}
    partner, lead = rows[world.partner.user_id], rows[world.lead.user_id]
    assert (partner.refusals, partner.checks, partner.refusals_reach_threshold) == (3, 0, True)
    assert (lead.refusals, lead.checks) == (1, 2)
    assert (lead.refusals_reach_threshold, lead.checks_reach_threshold) == (False, True)
    assert "Piet Partner" in response.content.decode()


@override_settings(USAGE_REFUSALS_PER_DAY=3)
def test_below_the_threshold_only_on_request(client: Client, world: World):
    probe(world, "partner", 1)
    sign_in(client, world.privacy_officer)
    assert client.get(URL).context["usage"].rows == []
    [row] = client.get(URL, {"days": "30", "all_rows": "on"}).context["usage"].rows
    assert row.user_id == world.partner.user_id


def test_another_municipalitys_own_staff_is_not_shown(client: Client, world: World):
    probe(world, "outsider", 20)  # Polderveen's district team
    sign_in(client, world.privacy_officer)
    response = client.get(URL, {"all_rows": "on"})
    assert response.context["usage"].rows == []
    assert "Olga Out" not in response.content.decode()


def test_the_scope_agrees_with_the_rule_for_every_organisation(world: World):
    for membership in (world.privacy_officer, world.lead, world.partner, world.admin):
        actor = world.actor(membership)
        in_scope = set(
            Organisation.objects.filter(usage_organisation_scope(actor)).values_list(
                "pk", flat=True
            )
        )
        by_rule = {
            organisation.pk
            for organisation in Organisation.objects.all()
            if may_oversee_organisation(
                actor,
                municipality_id=organisation.municipality_id,
                region_id=organisation.region_id,
            )
        }
        assert in_scope == by_rule
    officer = world.actor(world.privacy_officer)
    overseen = Organisation.objects.filter(usage_organisation_scope(officer))
    assert set(overseen) == {world.gemeente_wijkstad, world.police, world.safety_house}


def test_reading_the_page_is_logged_with_the_accounts_shown(client: Client, world: World):
    probe(world, "partner", 20)
    officer = sign_in(client, world.privacy_officer)
    client.get(URL)
    record = ProcessingRecord.objects.filter(name="privacy.usage.read").get()
    assert record.actor_id == officer.pk
    assert record.subject_pseudonym == pseudonymise(f"user:{world.partner.user_id}")


@pytest.mark.parametrize("query", [{"days": "12"}, {"days": "²"}, {"days": "9" * 40}])
def test_a_period_not_offered_is_refused_with_a_message(
    client: Client, world: World, query: dict[str, str]
):
    sign_in(client, world.privacy_officer)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response.context["form"].errors["days"]
    assert not ProcessingRecord.objects.filter(name="privacy.usage.read").exists()


@pytest.mark.parametrize("persona", ["lead", "partner", "admin", "process_director"])
def test_only_the_privacy_officer_reaches_the_page(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(URL).status_code == 404
