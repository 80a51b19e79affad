"""Meetings: the weighing session (signaleringsoverleg), the case conference (casusoverleg) and
the triangle meeting (driehoeksoverleg: mayor, police and public prosecutor).

A meeting is generic: its agenda items point at "something to discuss" by type and id
(a signal or a case). The apps that own those objects register agenda sources
(meetings.agenda), so this app never imports them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation


class MeetingKind(models.TextChoices):
    WEIGHING = "weighing", _("weighing session")
    CASE_CONFERENCE = "case_conference", _("case conference")
    TRIANGLE = "triangle", _("triangle meeting")


class Meeting(models.Model):
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, help_text=_("What the meeting is.")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose signals or cases are discussed."),
    )
    held_at = models.DateTimeField(_("date and time"), help_text=_("When the meeting is held."))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        verbose_name=_("chair"),
        help_text=_("Who chairs the meeting."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    minutes_closed_at = models.DateTimeField(
        _("minutes closed"),
        null=True,
        blank=True,
        help_text=_("When the chair closed the minutes; after that they are final."),
    )
    minutes_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes closed by"),
        help_text=_("The chair who closed the minutes."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_at:%Y-%m-%d}"


class Attendee(models.Model):
    """An organisation (and, if known, the person) taking part in a meeting."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendees",
        verbose_name=_("meeting"),
        help_text=_("The meeting."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation taking part."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("Who attends for the organisation, if known."),
    )

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "user"], name="unique_attendee"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
        help_text=_("The meeting."),
    )
    position = models.PositiveIntegerField(_("position"), help_text=_("Order on the agenda."))
    item_type = models.CharField(
        _("item type"), max_length=20, help_text=_("What is discussed: 'signal' or 'case'.")
    )
    item_id = models.BigIntegerField(_("item"), help_text=_("Id of the signal or case."))
    reason = models.CharField(
        _("why on the agenda"),
        max_length=200,
        help_text=_("E.g. awaiting weighing, information period ended."),
    )

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "item_type", "item_id"], name="unique_agenda_item"
            )
        ]
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.item_type} {self.item_id}"


class TriangleOutcome(models.TextChoices):
    """What the local triangle decides on an escalation."""

    MAYOR_MEASURE = "mayor_measure", _("measure by the mayor")
    CRIMINAL_LAW = "criminal_law", _("criminal law route")
    BACK_TO_TABLE = "back_to_table", _("back to the case conference or weighing session")
    NO_FURTHER_ACTION = "no_further_action", _("no further action")


class TriangleDecision(models.Model):
    """The triangle's decision on one escalation on its agenda. Written once, never edited:
    like the decisions of the other meetings, history is corrected by a new row. A decision
    answers the escalation (it leaves the mayor's list of escalations awaiting the triangle).
    """

    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="triangle_decision",
        verbose_name=_("agenda item"),
        help_text=_("The escalation on the triangle's agenda that was decided."),
    )
    kind = models.CharField(
        _("decision"),
        max_length=20,
        choices=TriangleOutcome.choices,
        help_text=_("What the triangle decided."),
    )
    text = models.CharField(
        _("explanation"), max_length=1000, help_text=_("What was decided and why.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the decision (the mayor's office)."),
    )
    decided_by_name = models.CharField(
        _("recorded by (name)"),
        max_length=200,
        help_text=_("The name at the time, kept for history."),
    )
    decided_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("triangle decision")
        verbose_name_plural = _("triangle decisions")

    def __str__(self) -> str:
        return self.get_kind_display()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("TriangleDecision is append-only.")
        super().save(*args, **kwargs)
