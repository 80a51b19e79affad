"""The triangle meeting (driehoeksoverleg, issue 14 point 4): the mayor's office plans it and
records its decisions, the lead prepares it, police and OM attend; its agenda is built from
escalations of weighing sessions and case conferences, and a decision answers an escalation.

Nobody sees a name through the triangle; a signal or case number only through its own gate.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from access.actor import actor_for_membership
from accounts.models import Membership, Organisation, Role
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case, ConferenceDecision
from cases.tests.test_cases import open_case
from conferences import services as conference_services
from conferences.tests.test_conferences import conference, item_of
from meetings import triangle as tri
from meetings.models import AgendaItem, Meeting, TriangleDecision
from meetings.services import agenda_build
from meetings.tests import builders
from signals.models import WeighingDecision
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World
from tests.personas import sign_in as _sign_in


def sign_in(client: Client, membership: Membership) -> None:
    """Signed in and reading English: new texts are asserted by their msgids (the Dutch
    translations are added to locale/ separately)."""
    _sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bea Burgemeester")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )
    return membership


@pytest.fixture
def om(world: World) -> Organisation:
    return builders.prosecution(world)


def plan_triangle(world: World, mayor: Membership, om: Organisation, *, days: int = 14) -> Meeting:
    return tri.triangle_create(
        actor=actor_for_membership(mayor),
        municipality=world.wijkstad,
        held_at=builders.session_time(days),
        chair=mayor.user,
        organisations=[world.gemeente_wijkstad, world.police, om],
    )


def weighing_escalation(world: World, om: Organisation) -> WeighingDecision:
    session = builders.plan(world, world.gemeente_wijkstad, world.police, om, days=1)
    signal = builders.new_signal(world, surname="Escalatie")
    builders.built(world, session)
    return builders.decide(
        world,
        session,
        signal,
        outcome="escalate_to_triangle",
        review_on=builders.session_time(30).date(),
        outcome_note="Naar de driehoek van volgende maand.",
    )


def conference_escalation(world: World) -> ConferenceDecision:
    case = open_case(world, process_director=world.process_director.user)
    meeting = conference(world, days=2)
    return conference_services.decision_record(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        meeting=meeting,
        item=item_of(meeting, case),
        case=case,
        kind=ConferenceDecision.Kind.ESCALATE,
        text="Opschalen naar de driehoek.",
    )


def detail(meeting: Meeting) -> str:
    return reverse("meetings:triangle_detail", args=[meeting.pk])


def item_url(item: AgendaItem) -> str:
    return reverse("meetings:triangle_item", args=[item.meeting_id, item.pk])


# --- The agenda. ----------------------------------------------------------------------------


def test_the_agenda_holds_escalations_of_weighing_sessions_and_case_conferences(
    world: World, mayor: Membership, om: Organisation
):
    weighed = weighing_escalation(world, om)
    conferred = conference_escalation(world)
    meeting = plan_triangle(world, mayor, om)

    change = agenda_build(meeting, actor=actor_for_membership(mayor))

    assert change.added == 2
    assert set(meeting.agenda_items.values_list("item_type", "item_id")) == {
        (tri.WEIGHING_ESCALATION, weighed.pk),
        (tri.CONFERENCE_ESCALATION, conferred.pk),
    }


def test_an_escalation_after_the_triangle_meeting_is_not_on_its_agenda(
    world: World, mayor: Membership, om: Organisation
):
    weighing_escalation(world, om)  # the weighing session is held tomorrow
    meeting = plan_triangle(world, mayor, om, days=0)
    Meeting.objects.filter(pk=meeting.pk).update(
        held_at=builders.session_time(0) - timedelta(days=1)
    )
    meeting.refresh_from_db()

    assert agenda_build(meeting, actor=actor_for_membership(mayor)).added == 0


def test_a_decision_answers_the_escalation_and_it_stays_on_this_agenda_only(
    world: World, mayor: Membership, om: Organisation
):
    weighed = weighing_escalation(world, om)
    meeting = plan_triangle(world, mayor, om)
    later = plan_triangle(world, mayor, om, days=28)
    agenda_build(meeting)
    agenda_build(later)
    item = meeting.agenda_items.get()

    tri.triangle_decide(
        actor=actor_for_membership(mayor),
        user=mayor.user,
        meeting=meeting,
        item=item,
        data=tri.TriangleInput(kind="mayor_measure", text="Burgemeester legt een maatregel op."),
    )

    agenda_build(meeting)
    agenda_build(later)
    assert list(meeting.agenda_items.values_list("item_id", flat=True)) == [weighed.pk]
    assert not later.agenda_items.exists()
    assert not tri.source_for(tri.WEIGHING_ESCALATION).due(later)  # type: ignore[union-attr]


def test_a_triangle_decision_is_written_once(world: World, mayor: Membership, om: Organisation):
    weighing_escalation(world, om)
    meeting = plan_triangle(world, mayor, om)
    agenda_build(meeting)
    data = tri.TriangleInput(kind="no_further_action", text="Geen verdere actie.")
    actor = actor_for_membership(mayor)
    item = meeting.agenda_items.get()
    decision = tri.triangle_decide(
        actor=actor, user=mayor.user, meeting=meeting, item=item, data=data
    )

    with pytest.raises(tri.ValidationError):
        tri.triangle_decide(actor=actor, user=mayor.user, meeting=meeting, item=item, data=data)
    with pytest.raises(ValueError, match="append-only"):
        decision.save()
    assert TriangleDecision.objects.count() == 1


# --- Who plans, who records, who sees. ------------------------------------------------------


def test_the_mayors_office_and_the_lead_plan_a_triangle_meeting(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    for membership in (mayor, world.lead):
        sign_in(client, membership)
        response = client.get(reverse("meetings:triangle_create"))
        assert response.status_code == 200
    day = builders.session_time(10)
    response = client.post(
        reverse("meetings:triangle_create"),
        {
            "held_at": day.strftime("%Y-%m-%dT%H:%M"),
            "chair": mayor.user_id,
            "organisations": [world.gemeente_wijkstad.pk, world.police.pk, om.pk],
        },
    )
    meeting = Meeting.objects.get(kind="triangle")
    assert response.status_code == 302
    assert response["Location"] == detail(meeting)
    assert meeting.chair_id == mayor.user_id


def test_a_triangle_without_the_prosecutor_is_refused_in_dutch(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    sign_in(client, mayor)
    response = client.post(
        reverse("meetings:triangle_create"),
        {
            "held_at": builders.session_time(10).strftime("%Y-%m-%dT%H:%M"),
            "chair": mayor.user_id,
            "organisations": [world.gemeente_wijkstad.pk, world.police.pk],
        },
    )
    assert response.status_code == 400
    assert "choose all three" in response.content.decode()
    assert not Meeting.objects.filter(kind="triangle").exists()


def test_the_lead_cannot_chair_a_triangle(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    sign_in(client, world.lead)
    response = client.post(
        reverse("meetings:triangle_create"),
        {
            "held_at": builders.session_time(10).strftime("%Y-%m-%dT%H:%M"),
            "chair": world.lead.user_id,
            "organisations": [world.gemeente_wijkstad.pk, world.police.pk, om.pk],
        },
    )
    assert response.status_code == 400
    assert not Meeting.objects.filter(kind="triangle").exists()


@pytest.mark.parametrize(
    "persona", ["partner", "outsider", "process_director", "privacy_officer", "admin"]
)
def test_other_roles_cannot_plan(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(reverse("meetings:triangle_create")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    meeting = plan_triangle(world, mayor, om)
    for url in (reverse("meetings:triangle_list"), detail(meeting)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_who_sees_the_triangle_meeting(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    meeting = plan_triangle(world, mayor, om)
    other_mayor = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE
    )
    om_partner = MembershipFactory.create(organisation=om, role=Role.PARTNER)
    expected = {
        mayor: 200,
        world.lead: 200,
        world.partner: 200,  # police attends
        om_partner: 200,
        world.outsider: 404,
        world.process_director: 404,
        world.privacy_officer: 404,
        world.admin: 404,
        other_mayor: 404,
    }
    for membership, status in expected.items():
        client.logout()
        sign_in(client, membership)
        assert client.get(detail(meeting)).status_code == status, membership.role


def test_the_agenda_shows_where_an_escalation_comes_from_never_a_name(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    weighed = weighing_escalation(world, om)
    conferred = conference_escalation(world)
    meeting = plan_triangle(world, mayor, om)
    agenda_build(meeting)

    # The mayor's office may see neither the signal nor the case. (A police partner whose
    # organisation attended the weighing session may see the signal, through its own gate.)
    for membership in (mayor,):
        sign_in(client, membership)
        html = client.get(detail(meeting)).content.decode()
        assert "Escalatie" not in html  # the signal's person's surname
        assert conferred.case.subject.surname not in html
        assert f"/meldingen/{weighed.signal_id}/" not in html
        assert f"/casussen/{conferred.case_id}/" not in html
        assert "Escalation of the weighing session of" in html
        assert "Escalation of the case conference of" in html


def test_the_lead_gets_the_signal_and_case_links_and_the_reads_are_logged(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    weighed = weighing_escalation(world, om)
    conferred = conference_escalation(world)
    meeting = plan_triangle(world, mayor, om)
    agenda_build(meeting)
    sign_in(client, world.lead)

    html = client.get(detail(meeting)).content.decode()

    assert f'href="/meldingen/{weighed.signal_id}/"' in html
    assert f'href="/casussen/{conferred.case_id}/"' in html
    logged = set(
        ProcessingRecord.objects.filter(
            name="meetings.triangle.read", actor_id=world.lead.user_id
        ).values_list("subject_pseudonym", flat=True)
    )
    assert pseudonymise(f"subject:{weighed.signal.subject_id}") in logged
    assert pseudonymise(f"subject:{conferred.case.subject_id}") in logged


def test_only_the_mayors_office_records_the_decision(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    weighing_escalation(world, om)
    meeting = plan_triangle(world, mayor, om)
    agenda_build(meeting)
    item = meeting.agenda_items.get()
    data = {"kind": "criminal_law", "text": "Het OM onderzoekt strafbare feiten."}
    for membership in (world.lead, world.partner, world.outsider):
        client.logout()
        sign_in(client, membership)
        assert client.post(item_url(item), data).status_code == 404
    assert not TriangleDecision.objects.exists()

    client.logout()
    sign_in(client, mayor)
    response = client.post(item_url(item), data)

    assert response.status_code == 302
    decision = TriangleDecision.objects.get()
    assert (decision.kind, decision.decided_by_id) == ("criminal_law", mayor.user_id)
    assert ProcessingRecord.objects.filter(name="meetings.triangle.decide").exists()


def test_a_decision_without_explanation_is_refused_in_dutch(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    weighing_escalation(world, om)
    meeting = plan_triangle(world, mayor, om)
    agenda_build(meeting)
    item = meeting.agenda_items.get()
    sign_in(client, mayor)

    response = client.post(item_url(item), {"kind": "mayor_measure", "text": "  "})

    assert response.status_code == 400
    assert "Write down what the triangle decided and why." in response.content.decode()
    assert not TriangleDecision.objects.exists()


def test_the_dashboard_puts_an_escalation_on_the_next_triangle_and_a_decision_clears_it(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    weighed = weighing_escalation(world, om)
    meeting = plan_triangle(world, mayor, om)
    sign_in(client, mayor)
    dashboard = client.get("/burgemeester/").context["dashboard"]
    assert [(r.item_type, r.item_id, r.schedulable) for r in dashboard.escalation_rows] == [
        (tri.WEIGHING_ESCALATION, weighed.pk, True)
    ]

    response = client.post(
        reverse("meetings:triangle_schedule"),
        {"item_type": tri.WEIGHING_ESCALATION, "item_id": weighed.pk},
    )

    assert response["Location"] == detail(meeting)
    row = client.get("/burgemeester/").context["dashboard"].escalation_rows[0]
    assert row.triangle == meeting
    html = client.get("/burgemeester/").content.decode()
    assert f'href="{detail(meeting)}"' in html
    assert f"/meldingen/{weighed.signal_id}/" not in html

    item = meeting.agenda_items.get()
    client.post(item_url(item), {"kind": "back_to_table", "text": "Terug naar de weegtafel."})
    dashboard = client.get("/burgemeester/").context["dashboard"]
    assert dashboard.escalation_rows == []
    assert dashboard.weighing_escalation_count == 0


def test_scheduling_something_that_is_not_an_awaiting_escalation_changes_nothing(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    meeting = plan_triangle(world, mayor, om)
    sign_in(client, mayor)
    for data in (
        {"item_type": tri.WEIGHING_ESCALATION, "item_id": 999999},
        {"item_type": "signal", "item_id": 1},
        {"item_type": tri.CONFERENCE_ESCALATION, "item_id": "abc"},
    ):
        response = client.post(reverse("meetings:triangle_schedule"), data, follow=True)
        assert "This escalation does not await this triangle meeting." in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_a_conference_escalation_of_another_municipality_cannot_be_scheduled(
    client: Client, world: World, mayor: Membership, om: Organisation
):
    conferred = conference_escalation(world)
    Case.objects.filter(pk=conferred.case_id).update(municipality=world.polderveen)
    meeting = plan_triangle(world, mayor, om)
    sign_in(client, mayor)
    client.post(
        reverse("meetings:triangle_schedule"),
        {"item_type": tri.CONFERENCE_ESCALATION, "item_id": conferred.pk},
    )
    assert not meeting.agenda_items.exists()


def test_every_agenda_source_names_its_items_within_the_columns_width():
    """SQLite does not enforce a column's length; PostgreSQL refuses a longer item type."""
    from meetings.agenda import sources_for
    from meetings.models import AgendaItem, MeetingKind

    width = AgendaItem._meta.get_field("item_type").max_length
    assert width is not None
    for kind in MeetingKind.values:
        for source in sources_for(kind):
            assert len(source.item_type) <= width, source.item_type
    assert len(tri.CONFERENCE_ESCALATION) <= width
    assert len(tri.WEIGHING_ESCALATION) <= width
