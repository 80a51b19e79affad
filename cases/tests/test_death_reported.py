"""A death reported versus confirmed (issue 14, point 6): an unconfirmed report is its own
situation; from it the case is confirmed (only with the source) or goes back, with a reason,
to the situation it had before the report and to no other. A confirmed death stays final."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from cases.entry_gates import merged_timeline
from cases.models import Case, CaseEvent
from cases.services import case_change_situation
from cases.situations import (
    before_report,
    death_confirmation,
    death_confirmed,
    death_reported,
    entered_at,
    targets_of,
)
from cases.tests.test_api import one, post
from cases.tests.test_cases import open_case, with_state
from cases.workflow import (
    SITUATION_TRANSITIONS,
    DeathSource,
    Situation,
    SituationStep,
    situation_before_report,
    situation_entered_at,
    situation_targets,
)
from signals.tests.builders import bearer
from tests.personas import World, sign_in

REPORTED = Situation.REPORTED_DECEASED
LIVING = [s for s in Situation if s not in (Situation.REPORTED_DECEASED, Situation.DECEASED)]


def _change(world: World, case: Case, to: str, reason: str = "Nieuwe informatie.", **extra):
    return case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=to,
        reason=reason,
        version=case.version,
        **extra,
    )


def _reported(world: World, before: str = Situation.DEPARTED) -> Case:
    case = with_state(world, situation=before)
    return _change(world, case, REPORTED, reason="Gemeld door familie via de telefoon.")


def _last(case: Case) -> CaseEvent:
    event = case.events.last()
    assert event is not None
    return event


# --- The table and the narrowing, as pure functions (property tests). ---


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=25))
def test_a_walk_along_the_allowed_edges_goes_back_only_where_it_came_from(choices):
    """Any walk through the situations: from a report exactly the confirmation and the
    situation before it are offered; a confirmed death offers nothing."""
    start = datetime(2020, 1, 1, tzinfo=timezone.get_current_timezone())
    steps: list[SituationStep] = []
    current: str = Situation.CONCERN
    for number, choice in enumerate(choices):
        before = situation_before_report(steps)
        targets = situation_targets(current, before)
        if current == REPORTED:
            assert before is not None
            assert targets == {Situation.DECEASED, Situation(before)}
        else:
            assert before is None
            assert targets == SITUATION_TRANSITIONS[Situation(current)]
        if not targets:
            assert current == Situation.DECEASED
            break
        target = sorted(targets)[choice % len(targets)]
        steps.append((current, target, start + timedelta(days=number)))
        current = target


@given(st.sampled_from(LIVING), st.sampled_from(LIVING))
def test_without_the_timeline_only_the_confirmation_is_offered(before, other):
    assert situation_targets(REPORTED, None) == {Situation.DECEASED}
    allowed = situation_targets(REPORTED, before)
    assert (other in allowed) == (other == before)


@given(st.sampled_from(LIVING), st.integers(min_value=1, max_value=400))
def test_a_wrong_report_does_not_restart_the_situation_and_a_confirmation_counts_from_it(
    before, days
):
    entered = timezone.now() - timedelta(days=days + 10)
    reported_at = entered + timedelta(days=days)
    steps: list[SituationStep] = [("concern", before, entered), (before, REPORTED, reported_at)]
    back = [*steps, (REPORTED, before, reported_at + timedelta(days=2))]
    confirmed = [*steps, (REPORTED, Situation.DECEASED, reported_at + timedelta(days=2))]
    assert situation_entered_at(steps) == reported_at
    assert situation_entered_at(back) == entered
    assert situation_entered_at(confirmed) == reported_at


def test_a_death_may_be_reported_or_confirmed_from_every_living_situation():
    for situation in LIVING:
        assert {REPORTED, Situation.DECEASED} <= SITUATION_TRANSITIONS[situation]
    assert set(SITUATION_TRANSITIONS[REPORTED]) == {*LIVING, Situation.DECEASED}
    assert SITUATION_TRANSITIONS[Situation.DECEASED] == frozenset()


# --- The service. ---


def test_a_report_records_no_source_and_does_not_confirm_the_death(world: World):
    case = _reported(world)
    assert case.situation == REPORTED
    assert death_reported(case)
    assert not death_confirmed(case)
    assert death_confirmation(case) is None
    assert before_report(case) == Situation.DEPARTED
    assert targets_of(case) == [Situation.DEPARTED, Situation.DECEASED]
    assert _last(case).death_source == ""


def test_a_report_refuses_a_source(world: World):
    case = with_state(world, situation=Situation.DEPARTED)
    with pytest.raises(ValidationError) as error:
        _change(world, case, REPORTED, death_source=DeathSource.BRP)
    assert "death_source" in error.value.message_dict
    assert Case.objects.get(pk=case.pk).situation == Situation.DEPARTED


@pytest.mark.parametrize("start", [Situation.DEPARTED, REPORTED])
def test_a_death_is_confirmed_only_with_its_source(world: World, start):
    case = _reported(world) if start == REPORTED else with_state(world, situation=start)
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.DECEASED)
    assert "death_source" in error.value.message_dict
    assert Case.objects.get(pk=case.pk).situation == start
    case = _change(
        world,
        case,
        Situation.DECEASED,
        death_source=DeathSource.AUTHORITY,
        death_source_note=" Politie, 3 dagen geleden. ",
    )
    event = _last(case)
    assert (event.death_source, event.death_source_note) == (
        "authority",
        "Politie, 3 dagen geleden.",
    )
    assert death_confirmed(case)
    assert not death_reported(case)
    assert death_confirmation(case) == event


def test_another_source_needs_its_description(world: World):
    case = _reported(world)
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.DECEASED, death_source=DeathSource.OTHER)
    assert "death_source_note" in error.value.message_dict
    with pytest.raises(ValidationError):
        _change(world, case, Situation.DECEASED, death_source="rumour")
    assert Case.objects.get(pk=case.pk).situation == REPORTED


def test_a_source_is_refused_on_the_way_back(world: World):
    case = _reported(world)
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.DEPARTED, death_source=DeathSource.BRP)
    assert "death_source" in error.value.message_dict


@pytest.mark.parametrize("before", LIVING)
def test_the_way_back_leads_to_the_previous_situation_and_no_other(world: World, before):
    case = _reported(world, before)
    for other in LIVING:
        if other == before:
            continue
        with pytest.raises(ValidationError) as error:
            _change(world, case, other, return_motive="unknown" if other == "returned" else "")
        assert "to" in error.value.message_dict
        assert Case.objects.get(pk=case.pk).situation == REPORTED
    case = _change(world, case, before, reason="Hij belde zelf; het bericht was onjuist.")
    event = _last(case)
    assert (case.situation, event.from_value, event.to_value) == (before, REPORTED, before)
    assert event.reason == "Hij belde zelf; het bericht was onjuist."


def test_the_way_back_needs_a_reason(world: World):
    case = _reported(world)
    version = case.version
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.DEPARTED, reason="  ")
    assert "reason" in error.value.message_dict
    case.refresh_from_db()
    assert (case.situation, case.version) == (REPORTED, version)


def test_the_way_back_to_returned_is_no_new_return(world: World):
    case = _reported(world, Situation.RETURNED)
    with pytest.raises(ValidationError) as error:
        _change(world, case, Situation.RETURNED, return_motive="medical")
    assert "return_motive" in error.value.message_dict
    case = _change(world, case, Situation.RETURNED)
    assert _last(case).return_motive == ""


def test_the_way_back_follows_the_latest_report(world: World):
    case = _reported(world, Situation.DEPARTED)
    case = _change(world, case, Situation.DEPARTED)
    case = _change(world, case, Situation.DETAINED)
    case = _change(world, case, REPORTED)
    assert targets_of(case) == [Situation.DECEASED, Situation.DETAINED]


def test_a_report_from_intended_travel_asks_no_outcome(world: World):
    case = with_state(world, situation=Situation.INTENDS_TO_TRAVEL)
    with pytest.raises(ValidationError):
        _change(world, case, REPORTED, travel_outcome="prevented")
    case = _change(world, case, REPORTED)
    case = _change(world, case, Situation.INTENDS_TO_TRAVEL)
    assert [e.travel_outcome for e in case.events.filter(kind="situation")] == ["", ""]


def test_a_confirmed_death_stays_final(world: World):
    case = _change(world, _reported(world), Situation.DECEASED, death_source=DeathSource.BRP)
    assert targets_of(case) == []
    with pytest.raises(ValidationError):
        _change(world, case, Situation.DEPARTED)
    assert Case.objects.get(pk=case.pk).situation == Situation.DECEASED


def test_the_situation_is_entered_at_the_report_and_kept_after_a_wrong_one(world: World):
    case = with_state(world, situation=Situation.CONCERN)
    case = _change(world, case, Situation.DEPARTED)
    departed_at = _last(case).at
    case = _change(world, case, REPORTED)
    reported_at = _last(case).at
    assert entered_at(case) == reported_at
    case = _change(world, case, Situation.DEPARTED)
    assert entered_at(case) == departed_at
    case = _change(world, case, REPORTED)
    reported_again = _last(case).at
    case = _change(world, case, Situation.DECEASED, death_source=DeathSource.DOCUMENT)
    assert entered_at(case) == reported_again


# --- The page. ---


def _form(client: Client, case: Case, **data: str):
    payload = {f"situation-{key}": value for key, value in data.items()}
    payload["situation-version"] = str(case.version)
    return client.post(f"/casussen/{case.pk}/situatie/", payload)


def test_the_page_offers_the_confirmation_and_the_way_back_only(client: Client, world: World):
    case = _reported(world, Situation.DETAINED)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.lead)
    response = client.get(f"/casussen/{case.pk}/wijzigen/")
    form = response.context["situation_form"]
    assert [value for value, _label in form.fields["to"].choices] == ["deceased", "detained"]
    page = response.content.decode()
    assert "What confirms the death?" in page
    assert "Motive for return" not in page
    assert 'change the situation back to "detained"' in page


def test_the_page_refuses_a_confirmation_without_source_and_changes_nothing(
    client: Client, world: World
):
    case = _reported(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.lead)
    refused = _form(client, case, to="deceased", reason="Bevestigd.")
    assert refused.status_code == 400
    assert "Choose what confirms the death." in refused.content.decode()
    wrong_way = _form(client, case, to="concern", reason="Onjuist bericht.")
    assert wrong_way.status_code == 400
    assert "This situation cannot follow the current one." in wrong_way.content.decode()
    assert Case.objects.get(pk=case.pk).situation == REPORTED
    saved = _form(
        client,
        case,
        to="deceased",
        reason="Bevestigd.",
        death_source="brp",
        death_source_note="Overlijdensakte ingeschreven.",
    )
    assert saved.status_code == 302
    assert _last(case).death_source == "brp"
    with translation.override("en"):
        details = [item.detail for item in merged_timeline(case.events.all(), [], {})]
    assert "reported deceased, not confirmed → deceased" in details[-1]
    assert (
        "death confirmed by: registration of the death in the BRP (Overlijdensakte ingeschreven.)"
        in details[-1]
    )


def test_the_page_goes_back_with_the_reason(client: Client, world: World):
    case = _reported(world, Situation.RETURNED)
    sign_in(client, world.lead)
    assert _form(client, case, to="returned", reason="").status_code == 400
    assert Case.objects.get(pk=case.pk).situation == REPORTED
    saved = _form(client, case, to="returned", reason="Bericht bleek onjuist.")
    assert saved.status_code == 302
    assert Case.objects.get(pk=case.pk).situation == Situation.RETURNED


def test_the_case_page_and_list_show_the_reported_death(client: Client, world: World):
    case = _reported(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.lead)
    assert (
        "reported deceased, not confirmed" in client.get(f"/casussen/{case.pk}/").content.decode()
    )
    listing = client.get("/casussen/", {"situation": "reported_deceased"}).content.decode()
    assert case.subject.surname in listing


@pytest.mark.parametrize("persona", ["partner", "outsider"])
def test_only_the_directors_may_confirm_or_withdraw_a_report_on_the_page(
    client: Client, world: World, persona
):
    case = _reported(world)
    sign_in(client, getattr(world, persona))
    for data in (
        {"to": "deceased", "reason": "Bevestigd.", "death_source": "brp"},
        {"to": "departed", "reason": "Onjuist."},
    ):
        assert _form(client, case, **data).status_code == 404
    assert Case.objects.get(pk=case.pk).situation == REPORTED


def test_the_process_director_may_confirm(client: Client, world: World):
    case = open_case(world, process_director=world.process_director.user)
    case = _change(world, case, REPORTED)
    sign_in(client, world.process_director)
    saved = _form(client, case, to="deceased", reason="Bevestigd.", death_source="document")
    assert saved.status_code == 302
    assert Case.objects.get(pk=case.pk).situation == Situation.DECEASED


# --- The API. ---


def test_the_api_requires_the_source_and_shows_it(client: Client, world: World):
    case = _reported(world)
    url = f"{one(case)}/situation"
    body = {"to": "deceased", "reason": "Bevestigd.", "version": case.version}
    refused = post(client, url, body, bearer(world.lead))
    assert refused.status_code == 400
    assert {p["name"] for p in refused.json()["invalid_params"]} == {"death_source"}
    body.update(death_source="authority", death_source_note="NCTV")
    moved = post(client, url, body, bearer(world.lead))
    assert moved.status_code == 200
    last = moved.json()["events"][-1]
    assert (last["death_source"], last["death_source_note"]) == ("authority", "NCTV")
    assert moved.json()["situation"] == "deceased"


def test_the_api_goes_back_only_to_the_previous_situation(client: Client, world: World):
    case = _reported(world)
    url = f"{one(case)}/situation"
    body = {"to": "concern", "reason": "Onjuist.", "version": case.version}
    refused = post(client, url, body, bearer(world.lead))
    assert refused.status_code == 400
    assert {p["name"] for p in refused.json()["invalid_params"]} == {"to"}
    assert Case.objects.get(pk=case.pk).situation == REPORTED
    body["to"] = "departed"
    assert post(client, url, body, bearer(world.lead)).status_code == 200
    assert Case.objects.get(pk=case.pk).situation == Situation.DEPARTED


@pytest.mark.parametrize("persona", ["partner", "outsider"])
def test_only_the_directors_may_confirm_through_the_api(client: Client, world: World, persona):
    case = _reported(world)
    body = {"to": "deceased", "reason": "x", "version": case.version, "death_source": "brp"}
    response = post(client, f"{one(case)}/situation", body, bearer(getattr(world, persona)))
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).situation == REPORTED
