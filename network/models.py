"""Network analysis of a case (netwerkanalyse, seed §2.3; issue 6).

The people around a person — family, friends, a recruiter, a mentor — and the places and
organisations they meet at. Network persons are data subjects in their own right: the
record holds only what the case conference needs. Nothing here scores, ranks or flags a
person; vulnerability is a professional's written note (``FollowUp``), never computed and
never passed along a relation.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cases.models import Action, Case
from persons.models import Subject
from signals.models import Signal

MINOR_AGE = 18


class NodeKind(models.TextChoices):
    PERSON = "person", _("person")
    PLACE = "place", _("place")
    ORGANISATION = "organisation", _("organisation or association")


class NetworkPerson(models.Model):
    """A node of a case's network: a person, or a place or organisation they meet at."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="network_people",
        verbose_name=_("case"),
        help_text=_("The case whose network this is."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=NodeKind.choices, default=NodeKind.PERSON
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As known to the professionals; a first name or a role is often enough."),
    )
    birth_year = models.PositiveIntegerField(
        _("year of birth"), null=True, blank=True, help_text=_("Only if known and needed.")
    )
    minor = models.BooleanField(
        _("minor"),
        null=True,
        blank=True,
        help_text=_("Whether the person is under 18, when the year of birth is not known."),
    )
    represents_case_subject = models.BooleanField(
        _("the person of the case"),
        default=False,
        help_text=_("This node is the case's own subject (the centre of the network)."),
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("Only what the case conference needs to know about this node."),
    )
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_appearances",
        verbose_name=_("known subject"),
        help_text=_("A link to a known subject, made by hand by the lead."),
    )
    subject_link_reason = models.CharField(
        _("reason for the link"),
        max_length=500,
        blank=True,
        help_text=_("Why the lead is sure this is the same person."),
    )
    subject_linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
        help_text=_("The lead who made the link."),
    )
    source_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source organisation"),
        help_text=_("The organisation that knows of this node."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who added the node."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("network person")
        verbose_name_plural = _("network persons")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(represents_case_subject=True),
                name="one_subject_node_per_case",
            ),
            models.CheckConstraint(
                condition=Q(subject__isnull=True) | ~Q(subject_link_reason=""),
                name="subject_link_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_minor(self, today: date | None = None) -> bool | None:
        """Under 18 by year of birth (the youngest possible reading), else the recorded flag."""
        if self.birth_year is not None:
            year = (today or timezone.localdate()).year
            return year - self.birth_year < MINOR_AGE
        return self.minor


class RelationKind(models.TextChoices):
    PARENT = "parent", _("parent")
    SIBLING = "sibling", _("brother or sister")
    PARTNER = "partner", _("partner")
    CHILD = "child", _("child")
    OTHER_FAMILY = "other_family", _("other family")
    FRIEND = "friend", _("friend or peer")
    SCHOOL_WORK = "school_work", _("school or work")
    ONLINE = "online", _("online contact")
    RECRUITER = "recruiter", _("recruiter")
    CO_TRAVELLER = "co_traveller", _("co-traveller")
    MENTOR = "mentor", _("mentor or positive influence")
    PROFESSIONAL = "professional", _("professional")
    PLACE = "place", _("place or organisation")


FAMILY_KINDS = frozenset(
    {
        RelationKind.PARENT,
        RelationKind.SIBLING,
        RelationKind.PARTNER,
        RelationKind.CHILD,
        RelationKind.OTHER_FAMILY,
    }
)


class Direction(models.TextChoices):
    MUTUAL = "mutual", _("mutual")
    SOURCE_TO_TARGET = "source_to_target", _("from the first to the second")
    TARGET_TO_SOURCE = "target_to_source", _("from the second to the first")


class Nature(models.TextChoices):
    PROTECTIVE = "protective", _("protective")
    RISK = "risk", _("risk")
    AMBIVALENT = "ambivalent", _("ambivalent")
    UNKNOWN = "unknown", _("unknown")


class Reliability(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    PROBABLE = "probable", _("probable")
    UNCONFIRMED = "unconfirmed", _("unconfirmed")


class Relation(models.Model):
    """A tie between two nodes of the same case's network, as a professional observed it."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="network_relations",
        verbose_name=_("case"),
        help_text=_("The case whose network this is."),
    )
    source = models.ForeignKey(
        NetworkPerson,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=_("first"),
        help_text=_("The first node of the relation."),
    )
    target = models.ForeignKey(
        NetworkPerson,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("second"),
        help_text=_("The second node of the relation."),
    )
    kind = models.CharField(_("kind of relation"), max_length=20, choices=RelationKind.choices)
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.MUTUAL
    )
    nature = models.CharField(
        _("nature"), max_length=20, choices=Nature.choices, default=Nature.UNKNOWN
    )
    reliability = models.CharField(
        _("reliability"),
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.UNCONFIRMED,
    )
    source_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source organisation"),
        help_text=_("The organisation that observed the relation."),
    )
    started_on = models.DateField(
        _("since"), null=True, blank=True, help_text=_("Start of the period, if known.")
    )
    ended_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("End of the period, if it ended.")
    )
    observed_on = models.DateField(
        _("observed on"), help_text=_("When the relation was observed or reported.")
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("Context the conference needs.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the relation."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["case", "observed_on", "id"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="relation_not_to_self"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="relation_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} - {self.target_id} ({self.kind})"


class FollowUp(models.Model):
    """A professional's written concern about a network person, proposing a step that a
    person then confirms or declines. Nothing is created until someone confirms."""

    class Proposal(models.TextChoices):
        PREVENTIVE_ACTION = "preventive_action", _("a preventive action in the case")
        SIGNAL = "signal", _("a new signal for the weighing session")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    person = models.ForeignKey(
        NetworkPerson,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("network person"),
        help_text=_("Who needs attention."),
    )
    reason = models.TextField(
        _("reason"), max_length=2000, help_text=_("Why this person needs attention, in words.")
    )
    proposal = models.CharField(_("proposal"), max_length=20, choices=Proposal.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
        help_text=_("The professional who wrote the concern."),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("Who confirmed or declined the proposal."),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(
        _("decision note"), max_length=1000, blank=True, help_text=_("Why, in a sentence.")
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("action"),
        help_text=_("The preventive action created on confirmation."),
    )
    signal = models.ForeignKey(
        Signal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signal"),
        help_text=_("The signal registered on confirmation."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.proposal}"
