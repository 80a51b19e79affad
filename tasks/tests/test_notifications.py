from __future__ import annotations

from django.test import Client

from tasks.models import Notification
from tasks.services import notify
from tests.personas import sign_in


def test_a_user_sees_only_their_own_notifications(client: Client, world):
    notify(recipients=[world.lead.user], title="Voor de dossierhouder", url="/", email=False)
    notify(recipients=[world.partner.user], title="Voor de politie", url="/", email=False)
    sign_in(client, world.lead)
    page = client.get("/berichten/").content.decode()
    assert "Voor de dossierhouder" in page
    assert "Voor de politie" not in page


def test_unread_count_shows_in_the_header_and_marking_read_clears_it(client: Client, world):
    notify(recipients=[world.lead.user], title="Iets nieuws", url="/", email=False)
    sign_in(client, world.lead)
    assert "(1 " in client.get("/").content.decode()
    assert client.post("/berichten/gelezen/").status_code == 302
    assert Notification.objects.get().read_at is not None
    assert "(1 " not in client.get("/").content.decode()


def test_marking_read_touches_only_own_notifications(client: Client, world):
    notify(recipients=[world.partner.user], title="x", url="/", email=False)
    sign_in(client, world.lead)
    client.post("/berichten/gelezen/")
    assert Notification.objects.get().read_at is None


def test_email_is_sent_after_commit_without_content(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.lead.user], title="Acute melding", url="/meldingen/1/", email=True)
    [mail] = mailoutbox
    assert mail.to == [world.lead.user.email]
    assert "/meldingen/1/" in mail.body


def test_inactive_users_are_not_notified(world):
    world.lead.user.is_active = False
    world.lead.user.save()
    assert notify(recipients=[world.lead.user], title="x", url="/", email=False) == []
