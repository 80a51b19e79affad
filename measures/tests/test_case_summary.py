"""The summary band at the top of the case page (issue 13, point 5), per role: it counts what
the sections below show, so nothing the policy hides from a reader appears in it; the team
names its professionals with only what each chose to share."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import strip_tags

from accounts.models import User
from cases.entries import entry_add
from cases.models import Case
from measures.models import MeasureType
from measures.tests.helpers import active, measures_case, propose
from tests.personas import World, sign_in

TODAY = date(2026, 12, 7)
SPECIAL_TEXT = "Bijzonder gegeven alleen voor de gemeente."


def band(client: Client, case: Case) -> str:
    with translation.override("en"):
        html = client.get(f"/casussen/{case.pk}/").content.decode()
    start = html.index('class="schakel-case-summary"')
    return html[start : html.index('class="schakel-no-print schakel-case-menu"')]


def text(html: str) -> str:
    return " ".join(strip_tags(html).split())


def add_entry(world: World, case: Case, *, category: str, text: str) -> None:
    entry_add(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        kind="note",
        category=category,
        source_organisation=world.gemeente_wijkstad,
        legal_basis="Convenant" if category != "general" else "",
        text=text,
    )


@pytest.fixture
def case(world: World, catalogue: dict[str, MeasureType]) -> Case:
    case = measures_case(world)
    active(world, case, catalogue["passport-invalidation"], TODAY - timedelta(days=4))
    propose(world, case, catalogue["youth-care"])
    add_entry(world, case, category="general", text="Algemene notitie.")
    add_entry(world, case, category="special", text=SPECIAL_TEXT)
    return case


@pytest.mark.clock(TODAY)
def test_the_lead_reads_state_measures_with_periods_and_counts_in_the_band(
    client: Client, world: World, case: Case
):
    sign_in(client, world.lead)
    shown = text(band(client, case))
    assert "State of the case" in shown
    assert "Paspoortmaatregel" in shown
    assert "since 3 December 2026 (no end date)" in shown
    assert "no start date yet" in shown  # the proposed youth care
    assert "2 entries you may read." in shown
    assert SPECIAL_TEXT not in shown  # the band counts; it never quotes an entry


@pytest.mark.clock(TODAY)
def test_a_partner_on_the_team_sees_no_count_of_an_entry_hidden_from_them(
    client: Client, world: World, case: Case
):
    sign_in(client, world.partner)
    shown = text(band(client, case))
    # The special entry of the municipality is not the police's to see: not in the count.
    assert "1 entry you may read." in shown
    assert "2 entries" not in shown
    # Measures are for everyone on the case (access.cases): the partner sees them too.
    assert "no start date yet" in shown


@pytest.mark.clock(TODAY)
def test_an_outsider_gets_no_band_at_all(client: Client, world: World, case: Case):
    sign_in(client, world.outsider)
    assert client.get(f"/casussen/{case.pk}/").status_code == 404


@pytest.mark.clock(TODAY)
def test_the_team_shows_only_what_each_professional_chose_to_share(
    client: Client, world: World, case: Case
):
    User.objects.filter(pk=world.partner.user_id).update(
        job_title="Wijkagent", work_phone="06 1234 5678", share_email=False
    )
    User.objects.filter(pk=world.lead.user_id).update(share_email=True)
    sign_in(client, world.partner)
    html = band(client, case)
    shown = text(html)
    assert "Politie Testland" in shown
    assert f"{world.partner.user.full_name}, Wijkagent" in shown
    assert 'href="tel:0612345678"' in html
    assert world.partner.user.email not in html  # not shared
    assert world.lead.user.email in html  # shared
    # Someone of another organisation, not on the team, is not named.
    assert world.outsider.user.full_name not in shown
