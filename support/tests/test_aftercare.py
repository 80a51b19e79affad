"""Aftercare: the reintegration plan of a person who returned (drawn up, changed, 409,
reviewed) and, for a person who died, the bereaved section pointing at the *deceased*
checklist and its tasks. Also the support section of the case page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.workflow import Situation
from checklists.tests.builders import start
from support.models import ReintegrationPart, ReintegrationPlan, ReintegrationReview
from support.tests.builders import assessment, contact, press_line, relative, support_case
from tests.personas import World, sign_in


def _plan_form(world: World, **values: object) -> dict[str, object]:
    review = (timezone.localdate() + timedelta(days=30)).isoformat()
    data: dict[str, object] = {
        "housing_text": "Tijdelijke woning.",
        "housing_owner": world.gemeente_wijkstad.pk,
        "housing_review_on": review,
        "contact_bans_text": "Geen contact met medereizigers.",
        "contact_bans_owner": world.police.pk,
    }
    data.update(values)
    return data


def test_the_lead_draws_up_the_plan_of_a_returnee(client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    sign_in(client, world.lead)
    response = client.post(f"/casussen/{case.pk}/ondersteuning/nazorg/plan/", _plan_form(world))
    assert response.status_code == 302
    plan = ReintegrationPlan.objects.get(case=case)
    housing = plan.parts.get(domain="housing")
    assert housing.owner == world.gemeente_wijkstad
    assert housing.review_on == timezone.localdate() + timedelta(days=30)
    assert plan.parts.get(domain="contact_bans").owner == world.police
    sign_in(client, world.partner)
    page = client.get(f"/casussen/{case.pk}/ondersteuning/nazorg/").content.decode()
    assert "Tijdelijke woning." in page
    assert "Geen contact met medereizigers." in page


def test_no_plan_is_drawn_up_for_a_person_who_did_not_return(client, world: World):
    case = support_case(world)
    sign_in(client, world.lead)
    response = client.post(f"/casussen/{case.pk}/ondersteuning/nazorg/plan/", _plan_form(world))
    assert response.status_code == 400
    assert "A reintegration plan is drawn up for a person who returned." in (
        response.content.decode()
    )
    assert not ReintegrationPlan.objects.exists()


def test_an_owner_outside_the_team_is_refused(client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    sign_in(client, world.lead)
    response = client.post(
        f"/casussen/{case.pk}/ondersteuning/nazorg/plan/",
        _plan_form(world, housing_owner=world.wijkteam_polderveen.pk),
    )
    assert response.status_code == 400
    assert "Choose an organisation of the case team or the municipality." in (
        response.content.decode()
    )
    assert not ReintegrationPlan.objects.exists()


def test_a_stale_plan_change_answers_409_and_keeps_the_typed_text(client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    url = f"/casussen/{case.pk}/ondersteuning/nazorg/plan/"
    sign_in(client, world.lead)
    assert client.post(url, _plan_form(world)).status_code == 302
    first = _plan_form(world, housing_text="Eerste wijziging.", version=1)
    assert client.post(url, first).status_code == 302
    response = client.post(url, _plan_form(world, housing_text="Mijn getypte tekst.", version=1))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Mijn getypte tekst." in body
    assert "Eerste wijziging." in body
    assert ReintegrationPart.objects.get(domain="housing").text == "Eerste wijziging."
    # Drawing up again without a version, when a plan exists meanwhile, is a conflict too.
    assert client.post(url, _plan_form(world)).status_code == 409


def test_reviews_are_recorded_and_a_future_date_refused(client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    sign_in(client, world.lead)
    client.post(f"/casussen/{case.pk}/ondersteuning/nazorg/plan/", _plan_form(world))
    url = f"/casussen/{case.pk}/ondersteuning/nazorg/evaluatie/"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = client.post(url, {"reviewed_on": tomorrow, "note": "Gaat goed."})
    assert refused.status_code == 400
    assert "This date cannot lie in the future." in refused.content.decode()
    assert not ReintegrationReview.objects.exists()
    today = timezone.localdate().isoformat()
    assert client.post(url, {"reviewed_on": today, "note": "Gaat goed."}).status_code == 302
    page = client.get(f"/casussen/{case.pk}/ondersteuning/nazorg/").content.decode()
    assert "Gaat goed." in page


def test_the_bereaved_section_points_at_the_deceased_checklist_and_its_tasks(client, world: World):
    case = support_case(world, Situation.DECEASED)
    sign_in(client, world.lead)
    before = client.get(f"/casussen/{case.pk}/ondersteuning/nazorg/").content.decode()
    assert "no death certificate can be drawn up" in before
    assert "civil procedure" in before
    assert "?scenario=deceased" in before  # offers to start the checklist
    checklist = start(world, case, "deceased")
    page = client.get(f"/casussen/{case.pk}/ondersteuning/nazorg/").content.decode()
    for code in ("bereaved-support", "declaration-of-death", "brp-final"):
        item = checklist.items.get(template_item__code=code)
        assert f"/checklijsten/{checklist.pk}/punten/{item.pk}/" in page
    assert "Lea Lead, due" in page  # the tasks, with their owner and due date
    case_page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "Support for the bereaved" in case_page
    assert "task due" in case_page


def test_the_case_page_shows_the_support_section(client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    mother = relative(world, case)
    contact(world, case, mother)
    contact(world, case, mother)
    press_line(world, case)
    next_on = timezone.localdate() + timedelta(days=40)
    assessment(world, case, next_on=next_on)
    sign_in(client, world.partner)
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "2 contacts with relatives" in page
    assert "draft" in page
    assert "unstructured professional judgement" in page
    assert f"next on {next_on.day}" in page
    assert "not drawn up yet" in page  # returned: the plan is expected
    assert "Moeder" not in page  # the section names no relative
