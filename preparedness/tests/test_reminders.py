"""Lapsed contact with key figures: the lead hears once per next-contact date, by count only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from audit.models import ProcessingRecord
from preparedness.services import key_figure_reminders
from preparedness.tests.builders import key_figure
from tasks.models import Notification
from tests.personas import World


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(6, 20)))


def _soon(days: int) -> date:
    # Ahead of today: the personas' memberships start today, and a lead must be current.
    return timezone.localdate() + timedelta(days=days)


def test_the_lead_is_told_once_and_the_notification_names_nobody(
    world: World, django_capture_on_commit_callbacks
):
    key_figure(world, next_contact_on=date(2026, 4, 10))
    key_figure(world, name="Fatma Oefen", next_contact_on=date(2026, 4, 12))
    key_figure(world, name="Nog Niet", next_contact_on=date(2026, 9, 1))
    with django_capture_on_commit_callbacks(execute=True):
        result = key_figure_reminders(date(2026, 4, 20))
    assert (result.key_figures, result.notifications) == (2, 1)
    notification = Notification.objects.get()
    assert notification.recipient == world.lead.user
    assert notification.title == "Contact with 2 key figures has lapsed"
    assert notification.url == f"/voorbereiding/gemeente/{world.wijkstad.pk}/sleutelfiguren/"
    assert "Fatma" not in notification.title
    assert "Aziz" not in notification.title
    assert len(mail.outbox) == 1
    assert "Fatma" not in mail.outbox[0].body
    reminders = ProcessingRecord.objects.filter(name="preparedness.key_figure.remind")
    assert reminders.count() == 2


def test_running_it_again_sends_nothing_new(world: World):
    key_figure(world, last_contact_on=None, next_contact_on=_soon(10))
    for day in (_soon(11), _soon(11), _soon(12)):
        with time_machine.travel(_at(day), tick=False):
            call_command("send_key_figure_reminders", stdout=StringIO())
    assert Notification.objects.count() == 1


def test_a_new_next_contact_date_that_lapses_again_gives_a_new_reminder(world: World):
    figure = key_figure(world, next_contact_on=date(2026, 4, 10))
    key_figure_reminders(date(2026, 4, 11))
    figure.next_contact_on = date(2026, 5, 1)
    figure.save()
    assert key_figure_reminders(date(2026, 4, 20)).key_figures == 0
    assert key_figure_reminders(date(2026, 5, 2)).key_figures == 1
    assert Notification.objects.count() == 2


def test_a_municipality_without_a_lead_keeps_its_reminder_for_later(world: World):
    key_figure(world, municipality=world.polderveen, next_contact_on=date(2026, 4, 10))
    assert key_figure_reminders(date(2026, 4, 11)).key_figures == 0
    assert not Notification.objects.exists()


def test_the_command_reports_what_it_did(world: World):
    key_figure(world, last_contact_on=None, next_contact_on=_soon(10))
    out = StringIO()
    with time_machine.travel(_at(_soon(11)), tick=False):
        call_command("send_key_figure_reminders", stdout=out)
    assert "Key figures reminded: 1; notifications sent: 1." in out.getvalue()
