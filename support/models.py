"""Support around a case (issue 5, seed §2.4 to §3): the family support log, the agreed press
line, references to risk assessments, and aftercare (a reintegration plan for a returnee).

Nothing here scores or ranks a person. An assessment is referenced with its narrative only:
the model has no numeric field besides ids and versions, and a test keeps it that way.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation
from cases.models import Case
from network.models import NetworkPerson

# --- Family support. ---


class FamilySupportContact(models.Model):
    """One contact with a relative of the person of the case (familieondersteuning).

    The kind of question is three yes/no fields rather than one choice: a single
    conversation often touches practical matters, emotions and care at once, and three
    booleans stay simple to filter and count. At least one is set (a constraint says so).
    """

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="family_contacts",
        verbose_name=_("case"),
        help_text=_("The case the contact belongs to."),
    )
    relative = models.ForeignKey(
        NetworkPerson,
        on_delete=models.PROTECT,
        related_name="family_contacts",
        verbose_name=_("relative"),
        help_text=_("The relative spoken to: a person in this case's network."),
    )
    contact_on = models.DateField(_("date"), help_text=_("When the contact took place."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("The professional who had the contact."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation of the professional who had the contact."),
    )
    practical = models.BooleanField(
        _("practical question"),
        default=False,
        help_text=_("The relative asked for practical help (money, papers, housing, ...)."),
    )
    emotional = models.BooleanField(
        _("emotional question"),
        default=False,
        help_text=_("The relative needed emotional support."),
    )
    care = models.BooleanField(
        _("question about care"),
        default=False,
        help_text=_("The relative asked about care, for themselves or for the family."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("What the contact was about, in a sentence.")
    )
    agreements = models.TextField(
        _("agreements"),
        max_length=2000,
        blank=True,
        help_text=_("What was agreed with the relative, and by whom it is done."),
    )
    referred = models.BooleanField(
        _("referred to the Familiesteunpunt"),
        default=False,
        help_text=_("Whether the relative was referred to the family support point of the LSE."),
    )
    referred_on = models.DateField(
        _("referred on"),
        null=True,
        blank=True,
        help_text=_("When the relative was referred to the Familiesteunpunt."),
    )
    created_at = models.DateTimeField(
        _("recorded"), auto_now_add=True, help_text=_("When the contact was recorded.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["-contact_on", "-id"]
        verbose_name = _("family support contact")
        verbose_name_plural = _("family support contacts")
        constraints = [
            models.CheckConstraint(
                condition=Q(practical=True) | Q(emotional=True) | Q(care=True),
                name="family_contact_has_question_kind",
            ),
            models.CheckConstraint(
                condition=Q(referred=True, referred_on__isnull=False)
                | Q(referred=False, referred_on__isnull=True),
                name="family_contact_referral_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    def question_kinds(self) -> list[str]:
        labels = [
            (self.practical, _("practical")),
            (self.emotional, _("emotional")),
            (self.care, _("care")),
        ]
        return [str(label) for flag, label in labels if flag]


# --- Press line. ---


class PressLead(models.TextChoices):
    PROSECUTOR = "prosecutor", _("public prosecutor")
    MUNICIPALITY = "municipality", _("municipality")


class PressStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREED = "agreed", _("agreed")
    EXPIRED = "expired", _("expired")


class PressLineQuerySet(models.QuerySet["PressLine"]):
    """Status is derived from the dates, so it can never disagree with them."""

    def expired(self, today: date | None = None) -> PressLineQuerySet:
        return self.filter(valid_until__lt=today or timezone.localdate())

    def in_force(self, today: date | None = None) -> PressLineQuerySet:
        return self.filter(valid_until__gte=today or timezone.localdate())

    def drafts(self, today: date | None = None) -> PressLineQuerySet:
        return self.in_force(today).filter(agreed_on__isnull=True)

    def agreed(self, today: date | None = None) -> PressLineQuerySet:
        return self.in_force(today).filter(agreed_on__isnull=False)


class PressLineContent(models.Model):
    """The fields a press line and each of its revisions share."""

    lead = models.CharField(
        _("lead of the press contacts"),
        max_length=20,
        choices=PressLead.choices,
        help_text=_("Who speaks to the press: the public prosecutor or the municipality."),
    )
    core_messages = models.TextField(
        _("core messages"),
        max_length=4000,
        help_text=_("What may be said. Never names or numbers of individual cases."),
    )
    questions_and_answers = models.JSONField(
        _("questions and answers"),
        default=list,
        blank=True,
        help_text=_("Expected questions with the agreed answers: a list of question/answer."),
    )
    agreed_by = models.CharField(
        _("agreed by"),
        max_length=300,
        blank=True,
        help_text=_("Who agreed the line in the local triangle (names or roles)."),
    )
    agreed_on = models.DateField(
        _("agreed on"),
        null=True,
        blank=True,
        help_text=_("When the local triangle agreed the line; empty while it is a draft."),
    )
    agreed_despite_check = models.TextField(
        _("reason to agree despite the name check"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Why the line was agreed although the check found names or numbers of people in "
            "it; empty when the check found nothing."
        ),
    )
    valid_until = models.DateField(
        _("valid until"), help_text=_("The last day the line may be used.")
    )

    class Meta:
        abstract = True


class PressLine(PressLineContent):
    """The press line (woordvoeringslijn) of a case, or of the municipality itself (unrest in
    a neighbourhood, a general statement), agreed in the local triangle.

    Every change raises ``version`` and appends a PressLineRevision with the full text, so the
    history shows what was said when. A line of a case belongs to the case's municipality
    (the services set it); a line without a case belongs to the municipality alone.
    """

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="press_lines",
        verbose_name=_("case"),
        help_text=_("The case the press line is for; empty for a line of the municipality."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="press_lines",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose local triangle agrees the line."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drawn up by"),
        help_text=_("Who drew up the line."),
    )
    created_at = models.DateTimeField(
        _("drawn up"), auto_now_add=True, help_text=_("When the line was drawn up.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    objects = PressLineQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("press line")
        verbose_name_plural = _("press lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreed_on__isnull=True) | Q(valid_until__gte=models.F("agreed_on")),
                name="press_line_valid_after_agreement",
            ),
            models.CheckConstraint(
                condition=Q(agreed_on__isnull=True) | ~Q(agreed_by=""),
                name="press_line_agreement_names_who",
            ),
        ]

    def __str__(self) -> str:
        if self.case_id is None:
            return str(_("Press line of the municipality (%(number)s)") % {"number": self.pk})
        return str(_("Press line of case %(number)s") % {"number": self.case_id})

    def status(self, today: date | None = None) -> str:
        if self.valid_until < (today or timezone.localdate()):
            return PressStatus.EXPIRED
        if self.agreed_on is not None:
            return PressStatus.AGREED
        return PressStatus.DRAFT

    def status_label(self) -> str:
        return str(PressStatus(self.status()).label)


class PressLineRevision(PressLineContent):
    """One version of a press line, appended at every change and never edited."""

    press_line = models.ForeignKey(
        PressLine,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("press line"),
        help_text=_("The press line this is a version of."),
    )
    number = models.PositiveIntegerField(
        _("version"), help_text=_("The press line's version this text had.")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
        help_text=_("Who made this version."),
    )
    changed_at = models.DateTimeField(
        _("changed"), auto_now_add=True, help_text=_("When this version was made.")
    )

    class Meta:
        ordering = ["press_line", "-number"]
        verbose_name = _("press line version")
        verbose_name_plural = _("press line versions")
        constraints = [
            models.UniqueConstraint(
                fields=["press_line", "number"], name="one_revision_per_press_line_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.press_line_id} v{self.number}"


# --- Assessment references. ---


class Instrument(models.TextChoices):
    VERA_2R = "vera_2r", "VERA-2R"
    ERG = "erg", "ERG 22+"
    IR_46 = "ir_46", "IR-46"
    OTHER = "other", _("other instrument")
    UNSTRUCTURED = "unstructured", _("unstructured professional judgement")


class AssessmentReference(models.Model):
    """A reference to a risk assessment made elsewhere (risicotaxatie).

    By design it holds no score, level or number: the narrative and the document reference
    say where the assessment is and what it concluded in words. A test asserts this.
    """

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("case"),
        help_text=_("The case the assessment is about."),
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=20,
        choices=Instrument.choices,
        help_text=_("The instrument used, or unstructured professional judgement."),
    )
    instrument_name = models.CharField(
        _("name of the instrument"),
        max_length=100,
        blank=True,
        help_text=_("The instrument's name, when it is another instrument."),
    )
    assessor = models.CharField(
        _("assessor"),
        max_length=200,
        help_text=_("Who made the assessment: a name or role, and where they work."),
    )
    assessor_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessor's organisation"),
        help_text=_("The chain partner the assessor works for, when it is one."),
    )
    assessed_on = models.DateField(_("date"), help_text=_("When the assessment was made."))
    narrative = models.TextField(
        _("narrative"),
        max_length=4000,
        help_text=_("The conclusion in words: what the assessment means for the approach."),
    )
    document_reference = models.CharField(
        _("document reference"),
        max_length=200,
        blank=True,
        help_text=_("Where the report itself is kept (the source organisation's reference)."),
    )
    next_on = models.DateField(
        _("next assessment"),
        null=True,
        blank=True,
        help_text=_("When the assessment should be made again."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the reference."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded for"),
        help_text=_("The organisation of the person who recorded it."),
    )
    created_at = models.DateTimeField(
        _("recorded"), auto_now_add=True, help_text=_("When the reference was recorded.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("assessment reference")
        verbose_name_plural = _("assessment references")
        constraints = [
            models.CheckConstraint(
                condition=Q(next_on__isnull=True) | Q(next_on__gt=models.F("assessed_on")),
                name="assessment_next_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.assessed_on}"

    def instrument_label(self) -> str:
        if self.instrument == Instrument.OTHER and self.instrument_name:
            return self.instrument_name
        return str(self.get_instrument_display())


# --- Aftercare: the reintegration plan of a returnee. ---


class Domain(models.TextChoices):
    """The parts of an exit or reintegration plan (seed §3, after the RAN practices)."""

    HOUSING = "housing", _("housing")
    WORK_EDUCATION = "work_education", _("work or education")
    COACHING = "coaching", _("individual coaching")
    PSYCHOLOGICAL_CARE = "psychological_care", _("psychological care")
    FAMILY = "family", _("family")
    RELIGIOUS_GUIDANCE = "religious_guidance", _("religious guidance")
    CONTACT_BANS = "contact_bans", _("contact bans")


class ReintegrationPlan(models.Model):
    """The reintegration (exit) part of the plan of approach of a person who returned."""

    case = models.OneToOneField(
        Case,
        on_delete=models.CASCADE,
        related_name="reintegration_plan",
        verbose_name=_("case"),
        help_text=_("The case of the person who returned."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drawn up by"),
        help_text=_("Who drew up the plan."),
    )
    created_at = models.DateTimeField(
        _("drawn up"), auto_now_add=True, help_text=_("When the plan was drawn up.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last changed by"),
        help_text=_("Who changed the plan last."),
    )
    updated_at = models.DateTimeField(
        _("last changed"), auto_now=True, help_text=_("When the plan was changed last.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        verbose_name = _("reintegration plan")
        verbose_name_plural = _("reintegration plans")

    def __str__(self) -> str:
        return str(_("Reintegration plan of case %(number)s") % {"number": self.case_id})


class ReintegrationPart(models.Model):
    """One part of the plan (housing, work, ...): what is arranged, by whom, reviewed when."""

    plan = models.ForeignKey(
        ReintegrationPlan,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("plan"),
        help_text=_("The reintegration plan."),
    )
    domain = models.CharField(
        _("part"), max_length=30, choices=Domain.choices, help_text=_("The part of the plan.")
    )
    text = models.CharField(
        _("arrangement"),
        max_length=500,
        blank=True,
        help_text=_("What is arranged or still needed, in a sentence or two."),
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("The organisation that sees to this part."),
    )
    review_on = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("When this part is looked at again."),
    )

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("reintegration plan part")
        verbose_name_plural = _("reintegration plan parts")
        constraints = [
            models.UniqueConstraint(fields=["plan", "domain"], name="one_part_per_domain")
        ]

    def __str__(self) -> str:
        return str(self.get_domain_display())


class ReintegrationReview(models.Model):
    """A review of the reintegration plan; appended, never edited."""

    plan = models.ForeignKey(
        ReintegrationPlan,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("plan"),
        help_text=_("The reintegration plan reviewed."),
    )
    reviewed_on = models.DateField(_("date"), help_text=_("When the plan was reviewed."))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Who recorded the review."),
    )
    note = models.TextField(
        _("note"), max_length=2000, help_text=_("How the plan is going and what changes.")
    )
    created_at = models.DateTimeField(
        _("recorded"), auto_now_add=True, help_text=_("When the review was recorded.")
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("reintegration plan review")
        verbose_name_plural = _("reintegration plan reviews")

    def __str__(self) -> str:
        return f"{self.plan_id} {self.reviewed_on}"
