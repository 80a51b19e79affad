"""Write functions for checklists: load the starting set, start a checklist on a case, tick
its items; and the administrator's edits of templates.

A started checklist copies the template's items that apply to the person (items for minors
only when the person is, or may be, a minor). Items with a task give the case's lead (or
process director) a task due on the event date plus the item's offset; done closes the task,
not applicable withdraws it. Every change of an item is checked against the version the
user saw (StaleEdit) and logged in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from access.cases import may_edit_case
from access.facts import Actor
from accounts.models import User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case, CaseEvent
from cases.workflow import CaseStatus
from checklists.catalogue import TEMPLATES
from checklists.models import (
    SCENARIO_OF_SITUATION,
    AppliesTo,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    ItemState,
    TaskOwner,
    TemplateItem,
)
from lib.concurrency import StaleEdit, update_if_current
from tasks.models import Task, TaskSource, TaskStatus
from tasks.services import task_assign, task_close, task_withdraw
from tasks.titles import Title

# --- Loading the starting set. -----------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    templates: int
    items: int


@transaction.atomic
def templates_load() -> LoadResult:
    """Adds the templates and items of checklists.catalogue that do not exist yet (by code).

    Existing templates and items are left exactly as they are, so the administrator's edits
    (texts, periods, switched-off items) win; running it twice adds nothing the second time.
    """
    templates = items = 0
    for entry in TEMPLATES:
        template = ChecklistTemplate.objects.filter(code=entry.code).first()
        if template is None:
            # A template of the same scenario made locally stays the active one.
            taken = ChecklistTemplate.objects.filter(scenario=entry.scenario, active=True)
            template = ChecklistTemplate.objects.create(
                code=entry.code,
                name=entry.name,
                scenario=entry.scenario,
                description=entry.description,
                event_label=entry.event_label,
                active=not taken.exists(),
            )
            templates += 1
        known = set(template.items.values_list("code", flat=True))
        last = template.items.aggregate(last=Max("position"))["last"] or 0
        for position, item in enumerate(entry.items, start=1):
            if item.code in known:
                continue
            TemplateItem.objects.create(
                template=template,
                code=item.code,
                # New items of a later catalogue come after the ones already there.
                position=position if not known else last + position,
                text=item.text,
                help_text=item.help,
                applies_to=item.applies_to,
                creates_task=item.task_days is not None,
                task_offset_days=item.task_days,
                task_owner=item.owner,
                source_note=item.source,
            )
            items += 1
    return LoadResult(templates=templates, items=items)


# --- Which checklist a case is offered. ---------------------------------------------------


def _situation_since(case: Case) -> datetime | None:
    """When the case last entered its current situation (None if the timeline has no step)."""
    return (
        CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.SITUATION, to_value=case.situation)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )


def offered_template(case: Case) -> ChecklistTemplate | None:
    """The active template matching the case's current situation, when the case has not
    started one since it entered that situation (and is not closed)."""
    if case.status == CaseStatus.CLOSED:
        return None
    scenario = SCENARIO_OF_SITUATION.get(case.situation)
    if scenario is None:
        return None
    template = ChecklistTemplate.objects.filter(scenario=scenario, active=True).first()
    if template is None:
        return None
    started = Checklist.objects.filter(case=case, template__scenario=scenario)
    since = _situation_since(case)
    if since is not None:
        started = started.filter(started_at__gte=since)
    return None if started.exists() else template


# --- Starting and ticking. ---------------------------------------------------------------


def _log(actor: Actor, case: Case, checklist: Checklist, *, name: str, op: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=op,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type="checklist",
        object_id=checklist.pk,
    )


def require_open_case(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(
            _("The case is closed: its checklists can no longer be started or ticked.")
        )


def applies(applies_to: str, is_minor: bool | None) -> bool:
    """Whether an item applies to the person. An unknown age counts as both: better to ask
    about the child protection board once too often than to miss it."""
    if applies_to == AppliesTo.MINORS:
        return is_minor is not False
    if applies_to == AppliesTo.ADULTS:
        return is_minor is not True
    return True


def checklist_url(checklist: Checklist) -> str:
    return reverse(
        "checklists:detail", kwargs={"case_id": checklist.case_id, "checklist_id": checklist.pk}
    )


def _task_owner(case: Case, template_item: TemplateItem) -> User:
    if template_item.task_owner == TaskOwner.PROCESS_DIRECTOR and case.process_director:
        return case.process_director
    return case.lead


def _assign_task(case: Case, checklist: Checklist, item: ChecklistItem) -> None:
    if item.due_on is None:
        return
    task_assign(
        source=TaskSource.CHECKLIST,
        source_id=item.pk,
        case=case,
        owner=_task_owner(case, item.template_item),
        title=Title.text(item.text),
        url=f"{checklist_url(checklist)}#item-{item.pk}",
        due_on=item.due_on,
    )


def is_running(checklist: Checklist) -> bool:
    return checklist.items.filter(state=ItemState.OPEN).exists()


@transaction.atomic
def checklist_start(
    *, actor: Actor, user: User, case: Case, template: ChecklistTemplate, event_date: date
) -> Checklist:
    """Starts a checklist from a template, with tasks for the items that carry one."""
    if not may_edit_case(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director starts a checklist."))
    require_open_case(case)
    if not template.active:
        raise ValidationError({"template": _("This checklist is no longer in use.")})
    if event_date > timezone.localdate():
        raise ValidationError({"event_date": _("The event date cannot lie in the future.")})
    running = Checklist.objects.filter(case=case, template=template)
    if any(is_running(existing) for existing in running):
        raise ValidationError(
            {"template": _("This checklist is already running for the case; finish it first.")}
        )
    is_minor = case.subject.is_minor()
    checklist = Checklist.objects.create(
        case=case, template=template, name=template.name, event_date=event_date, started_by=user
    )
    template_items = [
        item
        for item in template.items.filter(active=True).order_by("position", "id")
        if applies(item.applies_to, is_minor)
    ]
    items = ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                checklist=checklist,
                template_item=item,
                position=position,
                text=item.text,
                help_text=item.help_text,
                source_note=item.source_note,
                due_on=(
                    event_date + timedelta(days=item.task_offset_days)
                    if item.creates_task and item.task_offset_days is not None
                    else None
                ),
            )
            for position, item in enumerate(template_items, start=1)
        ]
    )
    by_id = {item.pk: item for item in template_items}
    for checklist_item in items:
        checklist_item.template_item = by_id[checklist_item.template_item_id]
        _assign_task(case, checklist, checklist_item)
    _log(actor, case, checklist, name="checklists.start", op=Operation.CREATE)
    return checklist


@transaction.atomic
def checklist_item_mark(
    *,
    actor: Actor,
    user: User,
    item: ChecklistItem,
    state: str,
    reason: str = "",
    version: int,
) -> ChecklistItem:
    """Marks an item done (who, when) or not applicable (with a reason), or opens it again.

    Done closes the item's task; not applicable withdraws it; opening it again gives the
    task back. A version other than the current one is refused (StaleEdit).
    """
    checklist = item.checklist
    case = checklist.case
    if not may_edit_case(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director ticks checklist items."))
    require_open_case(case)
    if state not in ItemState.values:
        raise ValidationError({"state": _("Choose whether the item is done or does not apply.")})
    reason = reason.strip()
    if state == ItemState.NOT_APPLICABLE and not reason:
        raise ValidationError({"reason": _("Give the reason why this item does not apply.")})
    current = ChecklistItem.objects.filter(pk=item.pk).values_list("state", "version").first()
    if current is None or current[1] != version:
        raise StaleEdit
    if state == current[0]:
        raise ValidationError({"state": _("The item already has this state.")})
    finished = state != ItemState.OPEN
    updated = ChecklistItem.objects.filter(pk=item.pk, version=version).update(
        state=state,
        na_reason=reason if state == ItemState.NOT_APPLICABLE else "",
        done_by=user if finished else None,
        done_at=timezone.now() if finished else None,
        version=F("version") + 1,
    )
    if not updated:
        raise StaleEdit
    Checklist.objects.filter(pk=checklist.pk).update(version=F("version") + 1)
    item.refresh_from_db()
    if state == ItemState.DONE:
        task_close(source=TaskSource.CHECKLIST, source_id=item.pk)
    elif state == ItemState.NOT_APPLICABLE:
        task_withdraw(source=TaskSource.CHECKLIST, source_id=item.pk)
    else:
        _assign_task(case, checklist, item)
    _log(actor, case, checklist, name="checklists.item", op=Operation.UPDATE)
    return item


def withdraw_tasks_of_closed_cases(today: date) -> int:
    """Sweep step: a closed case asks nothing any more, so its open checklist tasks go.

    Registered with the daily task sweep (cases cannot call this app when it closes a case).
    """
    open_tasks = Task.objects.filter(
        source=TaskSource.CHECKLIST, status=TaskStatus.OPEN, case__status=CaseStatus.CLOSED
    )
    return open_tasks.update(status=TaskStatus.WITHDRAWN, closed_at=timezone.now())


# --- The administrator's edits of templates. --------------------------------------------


def _check_single_active(template: ChecklistTemplate) -> None:
    if not template.active:
        return
    others = ChecklistTemplate.objects.filter(scenario=template.scenario, active=True)
    if template.pk is not None:
        others = others.exclude(pk=template.pk)
    if others.exists():
        raise ValidationError(
            {"active": _("Another active checklist has this scenario; switch that one off first.")}
        )


@transaction.atomic
def template_save(
    *,
    template: ChecklistTemplate | None,
    version: int | None,
    code: str = "",
    name: str,
    scenario: str,
    description: str,
    event_label: str,
    active: bool,
) -> ChecklistTemplate:
    """Creates a template (``template`` None, with a code) or changes one (its code stays)."""
    if template is None:
        if ChecklistTemplate.objects.filter(code=code).exists():
            raise ValidationError({"code": _("A checklist with this code exists already.")})
        template = ChecklistTemplate(code=code)
    elif version != template.version:
        raise StaleEdit
    template.name = name
    template.scenario = scenario
    template.description = description
    template.event_label = event_label
    template.active = active
    template.full_clean(validate_constraints=False)
    _check_single_active(template)
    if template.pk is None:
        template.save()
        return template
    # The version was compared above; the conditional update catches a change since then.
    update_if_current(
        ChecklistTemplate,
        template.pk,
        template.version,
        name=name,
        scenario=scenario,
        description=description,
        event_label=event_label,
        active=active,
    )
    template.refresh_from_db()
    return template


@dataclass(frozen=True)
class ItemInput:
    position: int
    text: str
    help_text: str
    applies_to: str
    creates_task: bool
    task_offset_days: int | None
    task_owner: str
    source_note: str
    active: bool


def _check_item(data: ItemInput) -> None:
    if data.creates_task and data.task_offset_days is None:
        raise ValidationError(
            {"task_offset_days": _("Give the number of days after the event date.")}
        )


def _unique_code(template: ChecklistTemplate, text: str) -> str:
    base = slugify(text)[:50] or "item"
    code, number = base, 1
    while template.items.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


@transaction.atomic
def template_item_save(
    *,
    template: ChecklistTemplate,
    item: TemplateItem | None,
    version: int | None,
    data: ItemInput,
) -> TemplateItem:
    """Adds an item to a template (``item`` None) or changes one. Checklists already started
    keep their copy; the change applies to checklists started from now on."""
    _check_item(data)
    values = {
        "position": data.position,
        "text": data.text.strip(),
        "help_text": data.help_text.strip(),
        "applies_to": data.applies_to,
        "creates_task": data.creates_task,
        "task_offset_days": data.task_offset_days if data.creates_task else None,
        "task_owner": data.task_owner,
        "source_note": data.source_note.strip(),
        "active": data.active,
    }
    if item is None:
        new = TemplateItem(template=template, code=_unique_code(template, data.text), **values)
        new.full_clean()
        new.save()
        return new
    if version != item.version:
        raise StaleEdit
    update_if_current(TemplateItem, item.pk, version, **values)
    item.refresh_from_db()
    return item
