"""What a person shares with case teams, on "Mijn account" (issue 13, point 5): their own
function, work phone and e-mail choice; bad input is refused and changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from accounts.models import User
from audit.models import ProcessingRecord
from tests.personas import World, sign_in

URL = "/account/gegevens-voor-casusteams/"


def test_anonymous_visitors_are_sent_to_login(client: Client, world: World):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "inloggen" in response["Location"]


def test_the_account_page_links_to_the_profile(client: Client, world: World):
    sign_in(client, world.partner)
    assert URL in client.get("/account/").content.decode()


def test_a_professional_saves_what_they_share_and_it_is_logged(client: Client, world: World):
    sign_in(client, world.partner)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL, {"job_title": " Wijkagent ", "work_phone": "+31 6  1234 5678", "share_email": "on"}
    )
    assert response.status_code == 302
    user = User.objects.get(pk=world.partner.user_id)
    assert (user.job_title, user.work_phone, user.share_email) == (
        "Wijkagent",
        "+31 6 1234 5678",
        True,
    )
    assert ProcessingRecord.objects.filter(name="portal.profile.update").count() == 1


def english(client: Client) -> None:
    """The interface in English for this client, so the assertions read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_a_bad_phone_number_is_refused_with_a_message_and_nothing_changes(
    client: Client, world: World
):
    User.objects.filter(pk=world.partner.user_id).update(job_title="Wijkagent", work_phone="")
    sign_in(client, world.partner)
    english(client)
    for bad in ("bel me maar", "12345", "06-1234-5678-9999-1234", "٠٦١٢٣٤٥٦٧٨٩"):
        response = client.post(URL, {"job_title": "Iets anders", "work_phone": bad})
        assert response.status_code == 400, bad
        form = response.context["form"]
        assert form.errors["work_phone"] == [
            "Enter a phone number of 10 to 15 digits, such as 06 1234 5678 or +31 20 123 4567."
        ]
        assert 'class="utrecht-form-field utrecht-form-field--invalid"' in response.content.decode()
    user = User.objects.get(pk=world.partner.user_id)
    assert (user.job_title, user.work_phone, user.share_email) == ("Wijkagent", "", False)
    assert not ProcessingRecord.objects.filter(name="portal.profile.update").exists()


def test_an_overlong_function_is_refused(client: Client, world: World):
    sign_in(client, world.partner)
    english(client)
    response = client.post(URL, {"job_title": "x" * 101, "work_phone": ""})
    assert response.status_code == 400
    assert "at most 100 characters" in response.context["form"].errors["job_title"][0]
    assert User.objects.get(pk=world.partner.user_id).job_title == ""
