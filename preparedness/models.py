"""Preparedness (seed §1): what a municipality has in place before its first case.

No subjects live here. Key figures are citizens the municipality keeps in touch with; they
are kept minimal, visible to the municipality's own lead and mayor's office only, and every
read of them is logged. Everything else is organisational data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation


class ReadinessStatus(models.TextChoices):
    DONE = "done", _("done")
    IN_PROGRESS = "in_progress", _("in progress")
    NOT_STARTED = "not_started", _("not started")


class Topic(models.TextChoices):
    """The preparation checklist of seed §1, in the product's own words."""

    LEAD = "lead", _("A lead has been appointed")
    POLICY = "policy", _("A policy has been adopted and discussed in the council")
    LOCAL_SCAN = "local_scan", _("The local situation has been scanned with partners")
    PARTNERS = "partners", _("Key partners are known and tasks are agreed")
    KEY_FIGURES = "key_figures", _("There are contacts with community key figures")
    TRAINING = "training", _("People have been trained together with partners")
    CONSULTATION = "consultation", _("There is a consultation structure for future cases")


class CotTask(models.TextChoices):
    """The seven tasks (COT, 2008) that partners divide among themselves."""

    AGENDA_SETTING = "agenda_setting", _("putting the subject on the agenda")
    PREVENTION = "prevention", _("preventing")
    SIGNALLING = "signalling", _("signalling")
    REPORTING = "reporting", _("reporting")
    INTERPRETING = "interpreting", _("interpreting further")
    INFORMATION_EXCHANGE = "information_exchange", _("supplementing and exchanging information")
    RESPONDING = "responding", _("responding and intervening")


class AgreementRole(models.TextChoices):
    LEAD = "lead", _("leads")
    CONTRIBUTOR = "contributor", _("contributes")


class SupportScope(models.TextChoices):
    NATIONAL = "national", _("national")
    REGIONAL = "regional", _("regional")
    EUROPEAN = "european", _("European")


def _version() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )


def _updated_by() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
        help_text=_("Who made the last change."),
    )


def _municipality(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("municipality"),
        help_text=_("The municipality this belongs to."),
    )


class ReadinessItem(models.Model):
    """What the lead records about one checklist topic: a note, and for topics the data
    cannot answer (the consultation structure) the status itself."""

    municipality = _municipality("readiness_items")
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, help_text=_("The checklist topic.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReadinessStatus.choices,
        default=ReadinessStatus.NOT_STARTED,
        help_text=_("Recorded status; used where it cannot be derived from other data."),
    )
    regional_lead = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regional lead"),
        help_text=_(
            "Only for the lead topic: the municipality whose lead also acts for this one, "
            "as small municipalities may agree."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("What has been agreed or is still to be done.")
    )
    version = _version()
    updated_at = models.DateTimeField(_("changed"), auto_now=True, help_text=_("Last change."))
    updated_by = _updated_by()

    class Meta:
        ordering = ["municipality", "topic"]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "topic"], name="one_item_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} — {self.get_topic_display()}"


class PolicyRecord(models.Model):
    """The municipality's policy on radicalisation: adopted by the whole executive and
    discussed in the council (seed §1.2)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="preparedness_policy",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose policy this is."),
    )
    adopted_on = models.DateField(
        _("adopted on"),
        null=True,
        blank=True,
        help_text=_("When the executive (college) adopted the policy; empty while in draft."),
    )
    reference = models.CharField(
        _("document reference"),
        max_length=200,
        blank=True,
        help_text=_("The reference of the policy document, e.g. its registration number."),
    )
    council_discussed_on = models.DateField(
        _("discussed in the council on"),
        null=True,
        blank=True,
        help_text=_("When the council discussed the policy; empty if not yet."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Anything worth knowing."))
    version = _version()
    updated_at = models.DateTimeField(_("changed"), auto_now=True, help_text=_("Last change."))
    updated_by = _updated_by()

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self) -> str:
        return f"{self.municipality} — {self.reference}"


class LocalScan(models.Model):
    """A scan of the local situation, made with partners. A new scan adds a row; the
    latest one counts, the older ones show the history."""

    municipality = _municipality("local_scans")
    carried_out_on = models.DateField(
        _("carried out on"), help_text=_("When the scan was completed.")
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("What plays locally, in general terms: no names of people."),
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("partners involved"),
        help_text=_("The organisations that made the scan together with the municipality."),
    )
    next_scan_on = models.DateField(
        _("next scan"), null=True, blank=True, help_text=_("When the scan should be repeated.")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, help_text=_("Recorded."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the scan."),
    )

    class Meta:
        ordering = ["-carried_out_on", "-id"]
        verbose_name = _("local scan")
        verbose_name_plural = _("local scans")

    def __str__(self) -> str:
        return f"{self.municipality} — {self.carried_out_on}"


class PartnerAgreement(models.Model):
    """One cell of the seven-task matrix: an organisation's part in one task."""

    municipality = _municipality("partner_agreements")
    task = models.CharField(
        _("task"), max_length=30, choices=CotTask.choices, help_text=_("One of the seven tasks.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The local or regional organisation that takes part in the task."),
    )
    role = models.CharField(
        _("part"),
        max_length=20,
        choices=AgreementRole.choices,
        help_text=_("Whether the organisation leads the task or contributes to it."),
    )
    contact_person = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("Who to call for this task: a function (such as community officer) is enough."),
    )
    agreed_on = models.DateField(
        _("agreed on"), null=True, blank=True, help_text=_("When the agreement was made.")
    )
    version = _version()
    updated_at = models.DateTimeField(_("changed"), auto_now=True, help_text=_("Last change."))
    updated_by = _updated_by()

    class Meta:
        ordering = ["municipality", "organisation__name", "task"]
        verbose_name = _("partner agreement")
        verbose_name_plural = _("partner agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "task", "organisation"],
                name="one_agreement_per_task_and_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_task_display()}"


class KeyFigureQuerySet(models.QuerySet["KeyFigure"]):
    def lapsed(self, today: object) -> KeyFigureQuerySet:
        """Key figures whose next contact date has passed."""
        return self.filter(next_contact_on__lt=today)


class KeyFigure(models.Model):
    """A trusted person in a community the municipality keeps in touch with (sleutelfiguur).

    A citizen, not a subject: only what is needed to stay in contact."""

    municipality = _municipality("key_figures")
    name = models.CharField(_("name"), max_length=200, help_text=_("How the person is known."))
    contact_details = models.CharField(
        _("contact details"),
        max_length=300,
        blank=True,
        help_text=_("How to reach the person, as agreed with them."),
    )
    community = models.CharField(
        _("community or organisation"),
        max_length=200,
        help_text=_("The community, network or organisation the person is part of."),
    )
    trust_notes = models.TextField(
        _("notes on the relationship"),
        blank=True,
        help_text=_("How the contact is built and what was agreed; never opinions about beliefs."),
    )
    last_contact_on = models.DateField(
        _("last contact"), null=True, blank=True, help_text=_("When you last spoke.")
    )
    next_contact_on = models.DateField(
        _("next contact"), null=True, blank=True, help_text=_("When you plan to speak again.")
    )
    reminded_for = models.DateField(
        _("reminder sent for"),
        null=True,
        blank=True,
        help_text=_("The next-contact date for which the lead was reminded (once per date)."),
    )
    version = _version()
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, help_text=_("Recorded."))
    updated_at = models.DateTimeField(_("changed"), auto_now=True, help_text=_("Last change."))

    objects = KeyFigureQuerySet.as_manager()

    class Meta:
        ordering = ["community", "name", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        indexes = [models.Index(fields=["next_contact_on"])]

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    """Training of people of one organisation (deskundigheidsbevordering)."""

    municipality = _municipality("training_records")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation whose people were trained."),
    )
    participant_name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("The person trained; leave empty and give a number for a group."),
    )
    participant_count = models.PositiveSmallIntegerField(
        _("number of people"),
        null=True,
        blank=True,
        help_text=_("How many people were trained, when no name is given."),
    )
    training = models.CharField(
        _("training"), max_length=200, help_text=_("Which training or course.")
    )
    held_on = models.DateField(_("held on"), help_text=_("When the training took place."))
    refresh_on = models.DateField(
        _("refresh on"),
        null=True,
        blank=True,
        help_text=_("When a refresher is due; empty if none is planned."),
    )
    joint = models.BooleanField(
        _("joint training"),
        default=False,
        help_text=_("Trained together with people of other organisations."),
    )
    version = _version()
    updated_at = models.DateTimeField(_("changed"), auto_now=True, help_text=_("Last change."))

    class Meta:
        ordering = ["-held_on", "organisation__name", "id"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.CheckConstraint(
                condition=~Q(participant_name="") | Q(participant_count__gte=1),
                name="training_names_someone_or_counts",
                violation_error_message=_("Give a name or the number of people trained."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.training} — {self.organisation}"

    @property
    def people(self) -> int:
        return self.participant_count or (1 if self.participant_name else 0)


class SupportOrganisation(models.Model):
    """Directory entry: an organisation that supports municipalities. Catalogue data, kept
    by the functional administrator, read by everyone."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("Name of the organisation.")
    )
    scope = models.CharField(
        _("scope"),
        max_length=20,
        choices=SupportScope.choices,
        help_text=_("Where it works: nationally, in the region or in Europe."),
    )
    helps_with = models.TextField(
        _("helps with"), help_text=_("What municipalities can ask it for.")
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The organisation's website, if known.")
    )
    how_to_reach = models.CharField(
        _("how to reach"),
        max_length=300,
        blank=True,
        help_text=_("General route, e.g. through the website; no personal contact details."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("The organisation's general number or duty line; never a person's own number."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("The organisation's general address; never a person's own address."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Order in the directory; lower comes first.")
    )
    version = _version()
    updated_at = models.DateTimeField(_("changed"), auto_now=True, help_text=_("Last change."))

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("support organisation")
        verbose_name_plural = _("support organisations")

    def __str__(self) -> str:
        return self.name
