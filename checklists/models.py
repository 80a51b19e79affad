"""Scenario checklists (issue 5): templates are data the administrator keeps; a case's
checklist is a copy of a template's items at the moment it was started.

An item may carry a task with a deadline relative to the checklist's event date (for
*departed*: "BRP deregistration checked" three months after the departure date). The item is
the truth; its task (tasks.TaskSource.CHECKLIST, source_id = the ChecklistItem id) follows it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cases.models import Case
from cases.workflow import Situation
from checklists.facts import FactKind


class Scenario(models.TextChoices):
    INTAKE = "intake", _("intake")
    WEIGHING = "weighing", _("weighing")
    CASE_CONFERENCE = "case_conference", _("case conference")
    INTENDS_TO_TRAVEL = "intends_to_travel", _("intends to travel")
    DEPARTED = "departed", _("departed")
    RETURNED = "returned", _("returned")
    DECEASED = "deceased", _("deceased")
    CLOSURE = "closure", _("closure")


# The situations of a case that offer a checklist; concern and detained offer none.
SCENARIO_OF_SITUATION: dict[str, Scenario] = {
    Situation.INTENDS_TO_TRAVEL: Scenario.INTENDS_TO_TRAVEL,
    Situation.DEPARTED: Scenario.DEPARTED,
    Situation.RETURNED: Scenario.RETURNED,
    Situation.DECEASED: Scenario.DECEASED,
    Situation.REPORTED_DECEASED: Scenario.DECEASED,
}


class AppliesTo(models.TextChoices):
    ALL = "all", _("everyone")
    MINORS = "minors", _("minors only")
    ADULTS = "adults", _("adults only")


class TaskOwner(models.TextChoices):
    LEAD = "lead", _("the lead of the case")
    PROCESS_DIRECTOR = "process_director", _("the process director (else the lead)")


class ItemState(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    NOT_APPLICABLE = "not_applicable", _("not applicable")
    # Settled by the lead after the case's situation moved on (issue 14): the checklist no
    # longer applies, so its open items lapse instead of being done or judged not applicable.
    LAPSED = "lapsed", _("lapsed (situation changed)")


class ChecklistTemplate(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Fixed name of the template; the loader finds it by this code."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The name users see, e.g. 'Uitgereisd'.")
    )
    scenario = models.CharField(
        _("scenario"),
        max_length=20,
        choices=Scenario.choices,
        help_text=_("The moment in the approach this checklist is for."),
    )
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("When to use this checklist, and where its items come from."),
    )
    event_label = models.CharField(
        _("event date label"),
        max_length=100,
        blank=True,
        help_text=_("What the event date means here, e.g. 'Datum van vertrek'."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active templates can be started.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["scenario", "name", "id"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            # One active template per scenario: changing the situation offers exactly one.
            models.UniqueConstraint(
                fields=["scenario"], condition=Q(active=True), name="one_active_template"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateItem(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("template"),
        help_text=_("The template the item belongs to."),
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Fixed name of the item within its template; used by the loader."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Order of the item in the checklist.")
    )
    text = models.CharField(
        _("text"), max_length=300, help_text=_("What is to be checked or done, in a sentence.")
    )
    help_text = models.TextField(
        _("help and source"),
        max_length=2000,
        blank=True,
        help_text=_("Explanation shown with the item, with the source of any period or rule."),
    )
    applies_to = models.CharField(
        _("applies to"),
        max_length=10,
        choices=AppliesTo.choices,
        default=AppliesTo.ALL,
        help_text=_("Items for minors only are left out when the person is an adult."),
    )
    creates_task = models.BooleanField(
        _("creates a task"),
        default=False,
        help_text=_("Whether starting the checklist gives someone a dated task for this item."),
    )
    task_offset_days = models.IntegerField(
        _("task due after (days)"),
        null=True,
        blank=True,
        help_text=_("Days after the event date the task falls due (0 is the event date)."),
    )
    task_owner = models.CharField(
        _("task owner"),
        max_length=20,
        choices=TaskOwner.choices,
        default=TaskOwner.LEAD,
        help_text=_("Who gets the task."),
    )
    usual_holder = models.CharField(
        _("usually done by"),
        max_length=20,
        choices=Organisation.Kind.choices,
        blank=True,
        help_text=_(
            "The kind of team organisation that usually does this item (the police for a "
            "missing-person report); when one is on the case team, the item goes to it. Empty: "
            "the task owner above."
        ),
    )
    fulfilled_by = models.CharField(
        _("fulfilled by"),
        max_length=30,
        choices=FactKind.choices,
        blank=True,
        help_text=_(
            "What recorded in Schakel fulfils the item by itself (for example an agreed press "
            "line); empty when the item is only ticked by hand."
        ),
    )
    fact_parameter = models.CharField(
        _("which one"),
        max_length=60,
        blank=True,
        help_text=_("For a measure: the code of its measure type, e.g. passport-invalidation."),
    )
    irreversible = models.BooleanField(
        _("irreversible"),
        default=False,
        help_text=_(
            "Whether carrying out the item cannot be undone (deregistration, stopping "
            "benefits): when the situation changes it lapses only with the lead's reason."
        ),
    )
    source_note = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the item comes from, e.g. the VNG/NGB factsheet of 2015."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive items are left out of new checklists; started ones keep them."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["template", "position", "id"]
        verbose_name = _("template item")
        verbose_name_plural = _("template items")
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="one_item_code_per_template"),
            models.CheckConstraint(
                condition=Q(creates_task=False) | Q(task_offset_days__isnull=False),
                name="task_item_has_offset",
            ),
            models.CheckConstraint(
                condition=~Q(fulfilled_by="") | Q(fact_parameter=""),
                name="fact_parameter_needs_fact",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Checklist(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="checklists",
        verbose_name=_("case"),
        help_text=_("The case the checklist is for."),
    )
    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.PROTECT,
        related_name="checklists",
        verbose_name=_("template"),
        help_text=_("The template the checklist was started from."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The template's name when it was started.")
    )
    event_date = models.DateField(
        _("event date"),
        help_text=_("The date the deadlines count from, e.g. the date of departure."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
        help_text=_("Who started the checklist."),
    )
    started_at = models.DateTimeField(
        _("started"), auto_now_add=True, help_text=_("When it was started.")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised whenever one of its items changes.")
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(
        Checklist,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("checklist"),
        help_text=_("The checklist."),
    )
    template_item = models.ForeignKey(
        TemplateItem,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("template item"),
        help_text=_("The template item it was copied from."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Order of the item in the checklist.")
    )
    # Copied at the start, so a later edit of the template does not rewrite history.
    text = models.CharField(_("text"), max_length=300, help_text=_("The item's text."))
    help_text = models.TextField(
        _("help and source"), max_length=2000, blank=True, help_text=_("The item's explanation.")
    )
    source_note = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the item comes from.")
    )
    # Copied at the start too: which recorded fact fulfils the item, and whether it is
    # irreversible (a later edit of the template does not change a running checklist).
    fulfilled_by = models.CharField(
        _("fulfilled by"),
        max_length=30,
        choices=FactKind.choices,
        blank=True,
        help_text=_("What recorded in Schakel fulfils the item by itself."),
    )
    fact_parameter = models.CharField(
        _("which one"), max_length=60, blank=True, help_text=_("For a measure: its type code.")
    )
    irreversible = models.BooleanField(
        _("irreversible"),
        default=False,
        help_text=_("Carrying it out cannot be undone; it lapses only with the lead's reason."),
    )
    fact_object_type = models.CharField(
        _("fulfilled by (object)"),
        max_length=40,
        blank=True,
        help_text=_("The kind of record that fulfilled the item; empty when ticked by hand."),
    )
    fact_object_id = models.BigIntegerField(
        _("fulfilled by (id)"),
        null=True,
        blank=True,
        help_text=_("The id of the record that fulfilled the item."),
    )
    fact_detail = models.CharField(
        _("fulfilled by (detail)"),
        max_length=200,
        blank=True,
        help_text=_("Which record, e.g. a version number or a measure's name; no personal data."),
    )
    # Who holds the item (issue 14): a team organisation, and within it perhaps a named
    # professional. Empty: the lead (or process director) as the template says.
    usual_holder = models.CharField(
        _("usually done by"),
        max_length=20,
        choices=Organisation.Kind.choices,
        blank=True,
        help_text=_("The kind of organisation the catalogue proposes for the item."),
    )
    holder_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held by (organisation)"),
        help_text=_("The team organisation that does the item; empty when the lead holds it."),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held by (professional)"),
        help_text=_("The named professional of that organisation, if one is named."),
    )
    feedback = models.TextField(
        _("feedback"),
        max_length=2000,
        blank=True,
        help_text=_("What the organisation that holds the item reports back about it."),
    )
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("feedback by"),
        help_text=_("Who reported back last."),
    )
    feedback_at = models.DateTimeField(
        _("feedback at"), null=True, blank=True, help_text=_("When they reported back.")
    )
    lapsed_to = models.CharField(
        _("lapsed on the change to"),
        max_length=20,
        choices=Situation.choices,
        blank=True,
        help_text=_("The situation the case moved to when the item lapsed."),
    )
    due_on = models.DateField(
        _("due"),
        null=True,
        blank=True,
        help_text=_("When its task falls due; empty for items without a task."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ItemState.choices,
        default=ItemState.OPEN,
        help_text=_("Open, done, or not applicable (with a reason)."),
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ticked by"),
        help_text=_("Who marked it done or not applicable."),
    )
    done_at = models.DateTimeField(
        _("ticked at"), null=True, blank=True, help_text=_("When it was marked.")
    )
    na_reason = models.TextField(
        _("reason not applicable"),
        max_length=2000,
        blank=True,
        help_text=_("Why the item does not apply to this case, or the lead's reason it lapsed."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )

    class Meta:
        ordering = ["checklist", "position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ItemState.NOT_APPLICABLE) | ~Q(na_reason=""),
                name="not_applicable_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ItemState.LAPSED) | ~Q(lapsed_to=""),
                name="lapsed_names_situation",
            ),
            models.CheckConstraint(
                condition=Q(holder__isnull=True) | Q(holder_organisation__isnull=False),
                name="named_holder_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.text
