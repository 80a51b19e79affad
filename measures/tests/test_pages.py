"""The measures pages of a case through HTTP: who gets in, regimes side by side, the next
steps the table allows, legal remedies and review dates, bad input, conflicts and clocks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case
from cases.services import team_remove
from measures.models import Intervention, LegalRemedy, MeasureType
from measures.tests.helpers import active, close, measures_case, propose, step
from tasks.models import Notification, Task, TaskSource, TaskStatus
from tasks.services import tasks_send_due
from tests.personas import World, sign_in

TODAY = date(2026, 11, 30)
Catalogue = dict[str, MeasureType]


def base(case: Case) -> str:
    return f"/casussen/{case.pk}/maatregelen/"


def detail(intervention: Intervention) -> str:
    return f"{base(intervention.case)}{intervention.pk}/"


def urls(intervention: Intervention, remedy: LegalRemedy) -> list[tuple[str, str]]:
    one = detail(intervention)
    return [
        ("get", base(intervention.case)),
        ("get", base(intervention.case) + "nieuw/"),
        ("post", base(intervention.case) + "nieuw/"),
        ("get", one),
        ("post", one + "stap/"),
        ("post", one + "herziening/"),
        ("post", one + f"rechtsmiddelen/{remedy.pk}/"),
    ]


def decided(world: World, catalogue: Catalogue, case: Case | None = None) -> Intervention:
    """A decided passport measure: its objection term runs."""
    intervention = propose(world, case or measures_case(world), catalogue["passport-invalidation"])
    return step(world, intervention, "decided", decided_on=TODAY)


# --- Who gets in. ---


@pytest.mark.clock(TODAY)
@pytest.mark.parametrize("persona", ["lead", "process_director", "partner"])
def test_those_on_the_case_see_every_regime_side_by_side(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    case = measures_case(world)
    active(world, case, catalogue["twbmt-area-ban"], TODAY)
    propose(world, case, catalogue["youth-care"])
    propose(world, case, catalogue["criminal-investigation"])
    sign_in(client, getattr(world, persona))
    response = client.get(base(case))
    assert response.status_code == 200
    columns = response.context["columns"]
    assert [c.regime for c in columns] == ["criminal", "administrative", "care", "other"]
    names = {c.regime: [r.intervention.measure_type.code for r in c.rows] for c in columns}
    assert names == {
        "criminal": ["criminal-investigation"],
        "administrative": ["twbmt-area-ban"],
        "care": ["youth-care"],
        "other": [],
    }
    html = response.content.decode()
    for heading in ('id="regime-criminal"', 'id="regime-administrative"', 'id="regime-care"'):
        assert heading in html
    assert "Minister van Justitie en Veiligheid" in html  # competent authority
    assert "Gemeente Testwijkstad" in html  # responsible organisation
    assert "Tijdelijke wet bestuurlijke maatregelen terrorismebestrijding" in html  # legal basis
    may_propose = base(case) + "nieuw/" in html
    assert may_propose is (persona != "partner")


@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
def test_everyone_else_gets_404_on_every_measures_url(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    intervention = decided(world, catalogue)
    remedy = intervention.remedies.get()
    sign_in(client, getattr(world, persona))
    for method, url in urls(intervention, remedy):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert Intervention.objects.get(pk=intervention.pk).version == intervention.version


def test_a_partner_reads_but_every_change_is_404_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    remedy = intervention.remedies.get()
    sign_in(client, world.partner)
    assert client.get(detail(intervention)).status_code == 200
    page = client.get(detail(intervention))
    assert page.context["step_forms"] == []
    assert page.context["review_form"] is None
    for method, url in urls(intervention, remedy)[1:]:
        if url == detail(intervention):
            continue
        response = getattr(client, method)(
            url, {"to": "active", "step-active-version": intervention.version}
        )
        assert response.status_code == 404, (method, url)
    assert Intervention.objects.get(pk=intervention.pk).state == "decided"
    assert Intervention.objects.count() == 1


def test_a_partner_removed_from_the_team_gets_404_everywhere(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    case = intervention.case
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Niet meer betrokken.",
        version=Case.objects.get(pk=case.pk).version,
    )
    sign_in(client, world.partner)
    for method, url in urls(intervention, intervention.remedies.get()):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_guessed_ids_of_another_case_get_404(client: Client, world: World, catalogue: Catalogue):
    mine = decided(world, catalogue)
    other = decided(world, catalogue)
    sign_in(client, world.lead)
    other_remedy = other.remedies.get()
    for url in (
        base(mine.case) + f"{other.pk}/",
        base(mine.case) + "987654/",
        "/casussen/987654/maatregelen/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        detail(mine) + f"rechtsmiddelen/{other_remedy.pk}/",
        {
            f"remedy-{other_remedy.pk}-outcome": "not_used",
            f"remedy-{other_remedy.pk}-version": 1,
        },
    )
    assert response.status_code == 404
    assert LegalRemedy.objects.get(pk=other_remedy.pk).outcome == "open"


def test_anonymous_visitors_are_sent_to_the_login(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    for method, url in urls(intervention, intervention.remedies.get()):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/inloggen/")


def test_reading_the_measures_page_is_logged_for_the_subject(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    sign_in(client, world.partner)
    client.get(base(intervention.case))
    client.get(detail(intervention))
    records = ProcessingRecord.objects.filter(name="cases.measures.read")
    assert records.count() == 2
    expected = pseudonymise(f"subject:{intervention.case.subject_id}")
    assert set(records.values_list("subject_pseudonym", flat=True)) == {expected}
    assert set(records.values_list("actor_id", flat=True)) == {world.partner.user_id}


# --- Proposing. ---


def test_the_propose_form_groups_the_active_catalogue_by_regime(
    client: Client, world: World, catalogue: Catalogue
):
    MeasureType.objects.filter(code="mentor").update(active=False)
    case = measures_case(world)
    sign_in(client, world.lead)
    response = client.get(base(case) + "nieuw/")
    html = response.content.decode()
    assert html.count("<optgroup") == 3  # criminal, administrative, care ("other" is empty)
    assert "Meldplicht (Twbmt)" in html
    assert "Mentor of positief rolmodel" not in html
    choices = response.context["form"].fields["measure_type"].choices[1:]
    codes = {
        str(label): {MeasureType.objects.get(pk=pk).regime for pk, _name in items}
        for label, items in choices
    }
    assert all(len(regimes) == 1 for regimes in codes.values())


def test_the_lead_proposes_a_measure_and_its_history_begins(
    client: Client, world: World, catalogue: Catalogue
):
    case = measures_case(world)
    sign_in(client, world.lead)
    response = client.post(
        base(case) + "nieuw/",
        {
            "propose-measure_type": catalogue["passport-invalidation"].pk,
            "propose-responsible_organisation": world.gemeente_wijkstad.pk,
            "propose-reason": "Concrete uitreisindicaties.",
        },
    )
    intervention = Intervention.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == detail(intervention)
    assert intervention.legal_basis == "Paspoortwet art. 23"
    page = client.get(detail(intervention)).content.decode()
    assert "Concrete uitreisindicaties." in page


def test_proposing_without_a_measure_is_refused_with_a_clear_message(
    client: Client, world: World, catalogue: Catalogue
):
    case = measures_case(world)
    sign_in(client, world.lead)
    response = client.post(
        base(case) + "nieuw/",
        {"propose-responsible_organisation": world.gemeente_wijkstad.pk, "propose-reason": "x"},
    )
    assert response.status_code == 400
    assert "Choose a measure from the list." in response.content.decode()
    assert not Intervention.objects.exists()


def test_a_measure_on_a_closed_case_is_refused_and_nothing_is_saved(
    client: Client, world: World, catalogue: Catalogue
):
    case = close(measures_case(world))
    sign_in(client, world.lead)
    response = client.post(
        base(case) + "nieuw/",
        {
            "propose-measure_type": catalogue["youth-care"].pk,
            "propose-responsible_organisation": world.gemeente_wijkstad.pk,
            "propose-reason": "Toch nog.",
        },
    )
    assert response.status_code == 400
    assert "The case is closed." in response.content.decode()
    assert not Intervention.objects.exists()


# --- Next steps. ---


@pytest.mark.clock(TODAY)
def test_the_next_step_forms_offer_only_what_the_table_allows_with_their_dates(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    sign_in(client, world.lead)
    forms = client.get(detail(intervention)).context["step_forms"]
    assert [f.target for f in forms] == ["requested", "decided", "withdrawn"]
    decided_form = forms[1]
    assert [f.name for f in decided_form.date_fields] == ["decided_on"]
    step(world, intervention, "decided", decided_on=TODAY)
    forms = client.get(detail(intervention)).context["step_forms"]
    assert [f.target for f in forms] == ["active", "withdrawn", "annulled"]
    assert [f.name for f in forms[0].date_fields] == ["start_on", "end_on"]


@pytest.mark.clock(TODAY)
@pytest.mark.parametrize("persona", ["lead", "process_director"])
def test_those_who_direct_the_case_activate_a_measure_with_its_dates(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    intervention = decided(world, catalogue)
    sign_in(client, getattr(world, persona))
    response = client.post(
        detail(intervention) + "stap/",
        {
            "to": "active",
            "step-active-version": Intervention.objects.get(pk=intervention.pk).version,
            "step-active-start_on": "2026-12-01",
            "step-active-end_on": "2027-02-28",
            "step-active-reason": "Besluit verzonden.",
        },
    )
    assert response.status_code == 302
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.state, fresh.start_on, fresh.end_on) == (
        "active",
        date(2026, 12, 1),
        date(2027, 2, 28),
    )
    last = fresh.events.last()
    assert last is not None
    assert (last.reason, last.actor_id) == ("Besluit verzonden.", getattr(world, persona).user_id)


@pytest.mark.clock(TODAY)
def test_a_step_that_is_not_in_the_table_is_refused_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    sign_in(client, world.lead)
    response = client.post(
        detail(intervention) + "stap/",
        {
            "to": "active",
            "step-active-version": intervention.version,
            "step-active-start_on": "2026-12-01",
            "step-active-reason": "Meteen.",
        },
    )
    assert response.status_code == 400
    assert "cannot take this step" in response.content.decode()
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.state, fresh.version, fresh.start_on) == ("proposed", 1, None)


@pytest.mark.clock(TODAY)
def test_an_end_before_the_start_is_refused_with_a_clear_message(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    version = Intervention.objects.get(pk=intervention.pk).version
    sign_in(client, world.lead)
    response = client.post(
        detail(intervention) + "stap/",
        {
            "to": "active",
            "step-active-version": version,
            "step-active-start_on": "2026-12-01",
            "step-active-end_on": "2026-11-01",
            "step-active-reason": "Besluit.",
        },
    )
    assert response.status_code == 400
    assert "The end date cannot lie before the start date." in response.content.decode()
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.state, fresh.version, fresh.start_on) == ("decided", version, None)


@pytest.mark.clock(TODAY)
def test_a_renewal_beyond_the_maximum_is_refused_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    MeasureType.objects.filter(code="twbmt-area-ban").update(maximum_total_months=12)
    measure = MeasureType.objects.get(code="twbmt-area-ban")
    intervention = active(world, measures_case(world), measure, date(2026, 12, 1))
    intervention = step(world, intervention, "extended")  # to 30 November 2027: twelve months
    sign_in(client, world.lead)
    response = client.post(
        detail(intervention) + "stap/",
        {
            "to": "extended",
            "step-extended-version": intervention.version,
            "step-extended-reason": "Nog een keer.",
        },
    )
    assert response.status_code == 400
    assert "goes beyond the maximum of 12 months" in response.content.decode()
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.end_on, fresh.version) == (date(2027, 11, 30), intervention.version)


@pytest.mark.clock(TODAY)
def test_a_step_on_an_outdated_page_gets_409_keeps_the_reason_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    sign_in(client, world.lead)
    seen = intervention.version
    step(world, intervention, "requested")  # someone else, meanwhile
    response = client.post(
        detail(intervention) + "stap/",
        {"to": "decided", "step-decided-version": seen, "step-decided-reason": "Mijn reden."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this measure" in html
    assert "Mijn reden." in html
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.state, fresh.version) == ("requested", seen + 1)


# --- Warnings, legal remedies, review dates. ---


@pytest.mark.clock(TODAY)
def test_the_twbmt_warning_shows_on_the_measure_the_measures_page_and_the_case_page(
    client: Client, world: World, catalogue: Catalogue
):
    case = measures_case(world)
    intervention = active(world, case, catalogue["twbmt-contact-ban"], date(2026, 12, 1))
    sign_in(client, world.partner)
    for url in (detail(intervention), base(case), f"/casussen/{case.pk}/"):
        html = client.get(url).content.decode()
        assert "01-03-2027" in html, url
        assert "the law it rests on is in force only until" in html, url


@pytest.mark.clock(TODAY)
def test_the_case_page_shows_a_compact_measures_section_linking_to_the_measures(
    client: Client, world: World, catalogue: Catalogue
):
    case = measures_case(world)
    decided(world, catalogue, case)
    propose(world, case, catalogue["youth-care"])
    sign_in(client, world.lead)
    response = client.get(f"/casussen/{case.pk}/")
    html = response.content.decode()
    assert 'id="measures-heading"' in html
    assert base(case) in html
    assert "Paspoortmaatregel" in html
    assert "Jeugdhulp" in html
    section = dict(response.context["extra_sections"])["measures/_case_section.html"]
    assert section["count"] == 2
    assert section["deadlines"][0].due_on == TODAY + timedelta(days=42)


@pytest.mark.clock(TODAY)
def test_open_remedy_deadlines_are_shown_and_recording_an_outcome_closes_the_task(
    client: Client, world: World, catalogue: Catalogue
):
    proposed = propose(world, measures_case(world), catalogue["passport-invalidation"])
    intervention = step(world, proposed, "decided", decided_on=TODAY - timedelta(days=10))
    remedy = intervention.remedies.get()
    sign_in(client, world.lead)
    html = client.get(base(intervention.case)).content.decode()
    assert "objection (bezwaar)" in html
    assert 'datetime="2027-01-01"' in html  # the deadline: six weeks after the decision
    prefix = f"remedy-{remedy.pk}"
    response = client.post(
        detail(intervention) + f"rechtsmiddelen/{remedy.pk}/",
        {
            f"{prefix}-outcome": "pending",
            f"{prefix}-lodged_on": "2026-11-30",
            f"{prefix}-version": remedy.version,
        },
    )
    assert response.status_code == 302
    assert LegalRemedy.objects.get(pk=remedy.pk).outcome == "pending"
    task = Task.objects.get(source=TaskSource.REMEDY, source_id=remedy.pk)
    assert task.status == TaskStatus.DONE


@pytest.mark.clock(TODAY)
def test_a_remedy_lodged_in_the_future_is_refused_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    remedy = intervention.remedies.get()
    sign_in(client, world.lead)
    prefix = f"remedy-{remedy.pk}"
    response = client.post(
        detail(intervention) + f"rechtsmiddelen/{remedy.pk}/",
        {
            f"{prefix}-outcome": "pending",
            f"{prefix}-lodged_on": "2027-01-05",
            f"{prefix}-version": remedy.version,
        },
    )
    assert response.status_code == 400
    assert "cannot lie in the future" in response.content.decode()
    fresh = LegalRemedy.objects.get(pk=remedy.pk)
    assert (fresh.outcome, fresh.lodged_on, fresh.version) == ("open", None, remedy.version)


@pytest.mark.clock(TODAY)
def test_a_review_date_becomes_a_task_for_the_lead_and_a_past_one_is_refused(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = decided(world, catalogue)
    version = Intervention.objects.get(pk=intervention.pk).version
    sign_in(client, world.lead)
    url = detail(intervention) + "herziening/"
    refused = client.post(url, {"review-review_on": "2026-11-01", "review-version": version})
    assert refused.status_code == 400
    assert "The review date cannot lie in the past." in refused.content.decode()
    assert Intervention.objects.get(pk=intervention.pk).review_on is None
    response = client.post(url, {"review-review_on": "2027-03-01", "review-version": version})
    assert response.status_code == 302
    task = Task.objects.get(source=TaskSource.MEASURE_REVIEW, source_id=intervention.pk)
    assert (task.owner_id, task.due_on) == (world.lead.user_id, date(2027, 3, 1))
    stale = client.post(url, {"review-review_on": "2027-04-01", "review-version": version})
    assert stale.status_code == 409
    assert Intervention.objects.get(pk=intervention.pk).review_on == date(2027, 3, 1)


# --- The clock. ---


@pytest.mark.clock(TODAY)
def test_the_end_of_a_measure_falls_due_six_weeks_ahead_and_the_daily_sweep_notifies(
    world: World, catalogue: Catalogue
):
    with time_machine.travel(TODAY, tick=False):
        intervention = active(
            world, measures_case(world), catalogue["twbmt-reporting-duty"], date(2026, 12, 1)
        )
    assert intervention.end_on == date(2027, 5, 31)
    task = Task.objects.get(source=TaskSource.MEASURE, source_id=intervention.pk)
    assert task.due_on == date(2027, 5, 31) - timedelta(weeks=6)
    with time_machine.travel(task.due_on, tick=False):
        tasks_send_due(today=task.due_on)  # due today: not late yet
    task.refresh_from_db()
    assert task.overdue_notified_on is None
    before = Notification.objects.filter(recipient=world.lead.user).count()
    with time_machine.travel(task.due_on + timedelta(days=1), tick=False):
        result = tasks_send_due(today=task.due_on + timedelta(days=1))
    task.refresh_from_db()
    assert task.overdue_notified_on == task.due_on
    assert result.owners_notified == 1
    latest = Notification.objects.filter(recipient=world.lead.user)
    assert latest.count() == before + 1
    assert latest.first().url == task.url  # type: ignore[union-attr]
