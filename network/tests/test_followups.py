"""A concern about a network person proposes a step; only a confirmation creates it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from cases.gates import case_facts
from cases.models import Action
from cases.services import team_remove
from network.followups import followup_propose, signal_origin_text
from network.gates import person_ref
from network.models import FollowUp
from network.services import person_link_subject
from network.tests.builders import SmallNetwork, add_person, small_network
from network.views_extra import extra_context
from persons.models import Subject
from signals.models import Signal
from tests.personas import World, sign_in

REASON = "Samira wordt door Abu R. benaderd via sociale media."


def create_url(net: SmallNetwork) -> str:
    return reverse(
        "network:followup_create", kwargs={"case_id": net.case.pk, "person_id": net.sister.pk}
    )


def decide_url(net: SmallNetwork, follow_up: FollowUp) -> str:
    return reverse(
        "network:followup_decide", kwargs={"case_id": net.case.pk, "followup_id": follow_up.pk}
    )


def propose(world: World, net: SmallNetwork, proposal: str) -> FollowUp:
    return followup_propose(
        actor=world.actor(world.partner),
        user=world.partner.user,
        case=net.case,
        facts=case_facts(net.case),
        person=net.sister,
        reason=REASON,
        proposal=proposal,
    )


def action_body(world: World, version: int = 1) -> dict[str, str]:
    return {
        "decision": "confirm",
        "confirm-version": str(version),
        "confirm-description": "Gesprek met ouders over Samira",
        "confirm-owner": str(world.partner.pk),
        "confirm-due_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }


def signal_body(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        "decision": "confirm",
        "confirm-version": "1",
        "confirm-concern_type": "unclear",
        "confirm-urgency": "normal",
        **(extra or {}),
    }


def decline_body(version: int = 1, note: str = "Al in beeld bij de school.") -> dict[str, str]:
    return {"decision": "decline", "decline-version": str(version), "decline-note": note}


# --- Proposing. ---


def test_a_team_partner_proposes_and_nothing_is_created(client: Client, world: World):
    net = small_network(world)
    sign_in(client, world.partner)
    assert client.get(create_url(net)).status_code == 200
    response = client.post(create_url(net), {"reason": REASON, "proposal": "preventive_action"})
    follow_up = FollowUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decide_url(net, follow_up)
    assert follow_up.status == FollowUp.Status.PROPOSED
    assert follow_up.proposed_by == world.partner.user
    assert not Action.objects.exists()
    assert not Signal.objects.exists()
    assert ProcessingRecord.objects.filter(
        name="cases.network.followup.create",
        operation=Operation.CREATE,
        subject_pseudonym=pseudonymise(person_ref(net.sister.pk)),
    ).exists()


def test_a_proposed_signal_registers_nothing_until_confirmed(client: Client, world: World):
    net = small_network(world)
    sign_in(client, world.partner)
    client.post(create_url(net), {"reason": REASON, "proposal": "signal"})
    assert FollowUp.objects.get().proposal == FollowUp.Proposal.SIGNAL
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "", "proposal": "signal"}, "reason"),
        ({"reason": REASON, "proposal": "risk_score"}, "proposal"),
        ({"reason": REASON}, "proposal"),
    ],
)
def test_a_proposal_without_reason_or_choice_is_refused_with_400(
    client: Client, world: World, body: dict[str, str], field: str
):
    net = small_network(world)
    sign_in(client, world.partner)
    response = client.post(create_url(net), body)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not FollowUp.objects.exists()


def test_a_place_cannot_be_marked_for_attention(world: World):
    net = small_network(world)
    school = add_person(world, net.case, "Het Lyceum", kind="place")
    with pytest.raises(ValidationError):
        followup_propose(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=net.case,
            facts=case_facts(net.case),
            person=school,
            reason=REASON,
            proposal="signal",
        )
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
def test_outsiders_cannot_propose_or_see_a_follow_up(client: Client, world: World, persona: str):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, getattr(world, persona))
    assert client.get(create_url(net)).status_code == 404
    assert client.post(create_url(net), {"reason": REASON, "proposal": "signal"}).status_code == 404
    assert client.get(decide_url(net, follow_up)).status_code == 404
    assert client.post(decide_url(net, follow_up), decline_body()).status_code == 404
    assert FollowUp.objects.count() == 1
    assert FollowUp.objects.get().status == FollowUp.Status.PROPOSED


def test_a_partner_removed_from_the_team_can_no_longer_propose(client: Client, world: World):
    net = small_network(world)
    net.case.refresh_from_db()
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=net.case,
        organisation=world.police,
        reason="Klaar",
        version=net.case.version,
    )
    sign_in(client, world.partner)
    assert client.post(create_url(net), {"reason": REASON, "proposal": "signal"}).status_code == 404
    assert not FollowUp.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    for url in (create_url(net), decide_url(net, follow_up)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_a_follow_up_of_another_case_is_404_by_a_guessed_id(client: Client, world: World):
    net = small_network(world)
    other = small_network(world)
    follow_up = propose(world, other, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.lead)
    assert client.get(decide_url(net, follow_up)).status_code == 404


# --- Deciding. ---


def test_a_partner_sees_the_proposal_but_cannot_confirm_it(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.PREVENTIVE_ACTION)
    sign_in(client, world.partner)
    page = client.get(decide_url(net, follow_up))
    assert page.status_code == 200
    assert page.context["confirm_form"] is None
    assert client.post(decide_url(net, follow_up), action_body(world)).status_code == 404
    assert client.post(decide_url(net, follow_up), decline_body()).status_code == 404
    assert not Action.objects.exists()
    assert FollowUp.objects.get().status == FollowUp.Status.PROPOSED


def test_the_lead_confirms_a_preventive_action_and_exactly_one_is_created(
    client: Client, world: World
):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.PREVENTIVE_ACTION)
    sign_in(client, world.lead)
    assert client.get(decide_url(net, follow_up)).status_code == 200
    response = client.post(decide_url(net, follow_up), action_body(world))
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.case == net.case
    assert action.owner == world.partner.user
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.CONFIRMED
    assert follow_up.action == action
    assert follow_up.decided_by == world.lead.user
    assert follow_up.version == 2
    assert not Signal.objects.exists()
    assert ProcessingRecord.objects.filter(name="cases.network.followup.confirm").exists()


def test_the_process_director_may_confirm_an_action_too(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.PREVENTIVE_ACTION)
    sign_in(client, world.process_director)
    assert client.post(decide_url(net, follow_up), action_body(world)).status_code == 302
    assert Action.objects.count() == 1


def test_a_confirmation_with_bad_input_is_400_and_creates_nothing(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.PREVENTIVE_ACTION)
    sign_in(client, world.lead)
    body = action_body(world) | {"confirm-description": "", "confirm-owner": "999999"}
    response = client.post(decide_url(net, follow_up), body)
    assert response.status_code == 400
    form = response.context["confirm_form"]
    assert set(form.errors) >= {"description", "owner"}
    assert not Action.objects.exists()
    assert FollowUp.objects.get().status == FollowUp.Status.PROPOSED


def test_a_second_confirmation_on_the_old_version_is_409_and_creates_no_second_action(
    client: Client, world: World
):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.PREVENTIVE_ACTION)
    sign_in(client, world.lead)
    client.post(decide_url(net, follow_up), action_body(world))
    response = client.post(decide_url(net, follow_up), action_body(world))
    assert response.status_code == 409
    assert Action.objects.count() == 1
    assert response.context["conflict"]
    # What the lead typed is shown back.
    assert "Gesprek met ouders over Samira" in response.content.decode()


def test_a_stale_decline_is_409_shows_the_other_decision_and_keeps_the_note(
    client: Client, world: World
):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.PREVENTIVE_ACTION)
    director = Client()
    sign_in(director, world.process_director)
    sign_in(client, world.lead)
    assert director.post(decide_url(net, follow_up), action_body(world)).status_code == 302
    response = client.post(decide_url(net, follow_up), decline_body(note="Niet nodig, ik bel."))
    assert response.status_code == 409
    content = response.content.decode()
    assert world.process_director.user.full_name in content
    assert "Niet nodig, ik bel." in content
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.CONFIRMED
    assert follow_up.decided_by == world.process_director.user


def test_the_lead_declines_with_a_note_and_nothing_is_created(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.lead)
    empty = client.post(decide_url(net, follow_up), decline_body(note=""))
    assert empty.status_code == 400
    assert empty.context["decline_form"].errors["note"]
    assert client.post(decide_url(net, follow_up), decline_body()).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DECLINED
    assert follow_up.decision_note == "Al in beeld bij de school."
    assert not Action.objects.exists()
    assert not Signal.objects.exists()
    again = client.post(decide_url(net, follow_up), decline_body())
    assert again.status_code == 409


def test_a_confirmed_signal_says_where_it_came_from_without_the_case(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.lead)
    response = client.post(decide_url(net, follow_up), signal_body())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.municipality == world.wijkstad
    assert signal.subject is None  # the lead gave no details: nobody is recorded yet
    assert signal.description.startswith(signal_origin_text())
    assert REASON not in signal.description
    assert net.case.subject.surname not in signal.description
    follow_up.refresh_from_db()
    assert follow_up.signal == signal
    assert follow_up.status == FollowUp.Status.CONFIRMED
    assert not Action.objects.exists()


def test_with_identifying_details_the_person_becomes_a_new_subject(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.lead)
    before = Subject.objects.count()
    body = signal_body({"confirm-given_names": "Samira", "confirm-surname": "Testzus"})
    assert client.post(decide_url(net, follow_up), body).status_code == 302
    signal = Signal.objects.get()
    assert Subject.objects.count() == before + 1
    assert signal.subject is not None
    assert signal.subject.surname == "Testzus"
    assert signal.subject.municipality == world.wijkstad


def test_half_given_details_are_refused_with_400(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.lead)
    response = client.post(decide_url(net, follow_up), signal_body({"confirm-given_names": "S"}))
    assert response.status_code == 400
    assert response.context["confirm_form"].errors["surname"]
    assert not Signal.objects.exists()


def test_a_person_linked_to_a_known_subject_gets_the_signal_on_that_subject(
    client: Client, world: World
):
    net = small_network(world)
    known = Subject.objects.create(municipality=world.wijkstad, given_names="Samira", surname="Zus")
    person_link_subject(
        actor=world.actor(world.lead),
        user=world.lead.user,
        person=net.sister,
        subject=known,
        reason="Zelfde geboortedatum en adres.",
        version=net.sister.version,
    )
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.lead)
    assert client.post(decide_url(net, follow_up), signal_body()).status_code == 302
    assert Signal.objects.get().subject == known


def test_the_process_director_cannot_register_a_signal_but_may_decline(
    client: Client, world: World
):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.process_director)
    page = client.get(decide_url(net, follow_up))
    assert page.context["confirm_form"] is None
    assert page.context["decline_form"] is not None
    assert client.post(decide_url(net, follow_up), signal_body()).status_code == 404
    assert not Signal.objects.exists()
    assert client.post(decide_url(net, follow_up), decline_body()).status_code == 302


def test_reading_a_follow_up_is_logged_for_the_network_person(client: Client, world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    sign_in(client, world.partner)
    client.get(decide_url(net, follow_up))
    assert ProcessingRecord.objects.filter(
        name="cases.network.followup.read",
        actor_id=world.partner.user_id,
        subject_pseudonym=pseudonymise(person_ref(net.sister.pk)),
    ).exists()


def test_the_network_page_include_lists_the_follow_ups(world: World):
    net = small_network(world)
    follow_up = propose(world, net, FollowUp.Proposal.SIGNAL)
    facts = case_facts(net.case)
    context = {"case": net.case, **extra_context(world.actor(world.lead), net.case, facts)}
    html = render_to_string("network/_followups.html", context)
    assert decide_url(net, follow_up) in html
    assert "Samira" in html
    assert "awaiting your decision" in html
    partner = extra_context(world.actor(world.partner), net.case, facts)
    assert partner["followups_may_propose"] is True
    assert partner["followups_may_decide"] is False
