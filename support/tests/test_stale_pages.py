"""A support page sent on an outdated version (someone saved in between) answers 409, saves
nothing, shows what the user typed on the current version, and sending that page again saves
it (lib.versioned_edit)."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from cases.workflow import Situation
from support.models import FamilySupportContact, PressLine, ReintegrationPart
from support.tests.builders import contact, press_line, relative, support_case
from support.tests.test_aftercare import _plan_form
from support.tests.test_family import _form as contact_form
from support.tests.test_press import _form as press_form
from tests.personas import World, sign_in


def test_a_stale_contact_keeps_what_was_typed_and_ticked_and_can_be_sent_again(
    client: Client, world: World
):
    case = support_case(world)
    mother = relative(world, case)
    record = contact(world, case, mother)
    url = f"/casussen/{case.pk}/ondersteuning/familie/{record.pk}/"
    sign_in(client, world.lead)
    # A colleague records the referral meanwhile.
    FamilySupportContact.objects.filter(pk=record.pk).update(
        summary="Doorverwezen door collega.",
        referred=True,
        referred_on=timezone.localdate(),
        version=2,
    )
    # The user's page: no referral box ticked (an unticked box is not sent at all).
    mine = contact_form(
        mother.pk, summary="Mijn getypte tekst.", question_kinds=["practical"], version=1
    )

    conflict = client.post(url, mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Mijn getypte tekst." in page  # what the user typed
    assert "Doorverwezen door collega." in page  # the current state, with the other change
    form = conflict.context["form"]
    assert form["question_kinds"].value() == ["practical"]
    assert not form["referred"].value()  # as the user left it, not as the colleague ticked it
    assert form["version"].value() == 2
    assert FamilySupportContact.objects.get(pk=record.pk).summary == "Doorverwezen door collega."
    again = client.post(url, {**mine, "version": 2})
    assert again.status_code == 302
    record.refresh_from_db()
    assert (record.summary, record.referred, record.version) == ("Mijn getypte tekst.", False, 3)
    assert (record.practical, record.emotional, record.care) == (True, False, False)


def test_a_stale_press_line_keeps_every_typed_row_and_can_be_sent_again(
    client: Client, world: World
):
    case = support_case(world)
    line = press_line(world, case)
    edit = f"/casussen/{case.pk}/ondersteuning/woordvoering/{line.pk}/wijzigen/"
    sign_in(client, world.lead)
    assert client.post(edit, press_form(core_messages="Eerste.", version=1)).status_code == 302
    mine = press_form(question_5="Komt er een persconferentie?", answer_5="Nee.", version=1)

    conflict = client.post(edit, mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Komt er een persconferentie?" in page
    assert 'name="version" value="2"' in page
    again = client.post(edit, {**mine, "version": 2})
    assert again.status_code == 302
    line = PressLine.objects.get(pk=line.pk)
    assert {"question": "Komt er een persconferentie?", "answer": "Nee."} in (
        line.questions_and_answers
    )


def test_a_stale_plan_change_can_be_sent_again_on_the_current_version(client: Client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    url = f"/casussen/{case.pk}/ondersteuning/nazorg/plan/"
    sign_in(client, world.lead)
    assert client.post(url, _plan_form(world)).status_code == 302
    assert client.post(url, _plan_form(world, housing_text="Eerste.", version=1)).status_code == 302
    mine = _plan_form(world, housing_text="Mijn woning.", version=1)

    conflict = client.post(url, mine)

    assert conflict.status_code == 409
    assert "Mijn woning." in conflict.content.decode()
    assert conflict.context["form"]["version"].value() == 2
    assert client.post(url, {**mine, "version": 2}).status_code == 302
    assert ReintegrationPart.objects.get(domain="housing").text == "Mijn woning."


def test_a_plan_drawn_up_meanwhile_is_a_conflict_that_keeps_the_text(client: Client, world: World):
    """The user's page had no plan yet (no version); someone else drew one up."""
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    url = f"/casussen/{case.pk}/ondersteuning/nazorg/plan/"
    colleague = Client()
    sign_in(colleague, world.process_director)
    assert colleague.post(url, _plan_form(world, housing_text="Van collega.")).status_code == 302
    sign_in(client, world.lead)
    review = (timezone.localdate() + timedelta(days=20)).isoformat()
    mine = _plan_form(world, housing_text="Mijn plan.", housing_review_on=review)

    conflict = client.post(url, mine)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Mijn plan." in page
    assert "Van collega." in page
    assert client.post(url, {**mine, "version": 1}).status_code == 302
    assert ReintegrationPart.objects.get(domain="housing").text == "Mijn plan."
