"""Write functions for checklists: load the starting set, start a checklist on a case, tick
its items; and the administrator's edits of templates.

A started checklist copies the template's items that apply to the person (items for minors
only when the person is, or may be, a minor). Items with a task give the case's lead (or
process director) a task due on the event date plus the item's offset; done closes the task,
not applicable withdraws it. Every change of an item is checked against the version the
user saw (StaleEdit) and logged in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from access.cases import (
    may_complete_checklist_item,
    may_edit_case,
    may_settle_checklist,
    may_tick_checklist,
)
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case, CaseEvent
from cases.workflow import CaseStatus, Situation
from checklists.catalogue import TEMPLATES
from checklists.facts import NEEDS_PARAMETER, Fact, FactKind, provider_for
from checklists.holders import proposed_holders
from checklists.models import (
    SCENARIO_OF_SITUATION,
    AppliesTo,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    ItemState,
    Scenario,
    TaskOwner,
    TemplateItem,
)
from checklists.scenarios import applying_scenarios, is_stale
from lib.concurrency import StaleEdit, update_if_current
from measures.models import MeasureType
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
                fulfilled_by=item.fulfilled_by,
                fact_parameter=item.fact_parameter,
                irreversible=item.irreversible,
                usual_holder=item.holder,
            )
            items += 1
    return LoadResult(templates=templates, items=items)


# --- Which checklist a case is offered. ---------------------------------------------------


def _applying(case: Case) -> dict[Scenario, datetime | None]:
    """The situation scenarios whose checklists apply to the case now (checklists.scenarios)."""
    steps = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.SITUATION).order_by("at", "id")
    return applying_scenarios(
        case.situation, list(steps.values_list("at", "from_value", "to_value"))
    )


def awaits_confirmation(case: Case, item: ChecklistItem) -> bool:
    """An irreversible item (final deregistration) waits while a death is only reported
    (issue 14): no task, no tick, until the death is confirmed with its source."""
    return item.irreversible and case.situation == Situation.REPORTED_DECEASED


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
    since = _applying(case).get(scenario)
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


def _task_holder(case: Case, item: ChecklistItem) -> tuple[User | None, Organisation | None]:
    """Who gets the item's task: the team organisation that holds it (its named professional,
    or the organisation as a whole), else the lead or process director as the template says."""
    if item.holder_organisation is not None:
        return item.holder, item.holder_organisation
    if item.template_item.task_owner == TaskOwner.PROCESS_DIRECTOR and case.process_director:
        return case.process_director, None
    return case.lead, None


def assign_item_task(case: Case, checklist: Checklist, item: ChecklistItem) -> None:
    """Gives the open item's task to whoever holds the item (or moves it there)."""
    if item.due_on is None or item.state != ItemState.OPEN:
        return
    if awaits_confirmation(case, item):
        return
    owner, organisation = _task_holder(case, item)
    task_assign(
        source=TaskSource.CHECKLIST,
        source_id=item.pk,
        case=case,
        owner=owner,
        organisation=organisation,
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
    # The catalogue's usual holder, when an organisation of that kind is on the team.
    holders = proposed_holders(case)
    items = ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                checklist=checklist,
                template_item=item,
                position=position,
                text=item.text,
                help_text=item.help_text,
                source_note=item.source_note,
                fulfilled_by=item.fulfilled_by,
                fact_parameter=item.fact_parameter,
                irreversible=item.irreversible,
                usual_holder=item.usual_holder,
                holder_organisation=holders.get(item.usual_holder),
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
        assign_item_task(case, checklist, checklist_item)
    _log(actor, case, checklist, name="checklists.start", op=Operation.CREATE)
    # What was recorded before the start counts too (a network drawn before departure).
    _record_facts(case, [checklist])
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
    task back. The organisation that holds the item may mark it done; the rest is for those
    who direct the case. A version other than the current one is refused (StaleEdit).
    """
    checklist = item.checklist
    case = checklist.case
    facts = case_facts(case)
    if not may_complete_checklist_item(
        actor, facts, holder_organisation_id=item.holder_organisation_id
    ):
        raise ValidationError(_("Only the lead or the process director ticks checklist items."))
    require_open_case(case)
    if state not in MARKABLE:
        raise ValidationError({"state": _("Choose whether the item is done or does not apply.")})
    if state == ItemState.DONE and awaits_confirmation(case, item):
        raise ValidationError(
            {"state": _("This item waits until the death is confirmed with its source.")}
        )
    if state != ItemState.DONE and not may_tick_checklist(actor, facts):
        raise ValidationError(
            {
                "state": _(
                    "Only the lead or the process director judges that an item does not apply."
                )
            }
        )
    reason = reason.strip()
    if state == ItemState.NOT_APPLICABLE and not reason:
        raise ValidationError({"reason": _("Give the reason why this item does not apply.")})
    current = (
        ChecklistItem.objects.filter(pk=item.pk)
        .values_list("state", "version", "fact_object_type")
        .first()
    )
    if current is None or current[1] != version:
        raise StaleEdit
    # An item done by a record may still be ticked by hand: the person confirms it, and it
    # counts as their tick from then on.
    confirming = state == ItemState.DONE and current[0] == ItemState.DONE and bool(current[2])
    if state == current[0] and not confirming:
        raise ValidationError({"state": _("The item already has this state.")})
    finished = state != ItemState.OPEN
    fact_fields: dict[str, object] = {}
    if finished:
        # Ticked by hand: no longer "done by a record". Opening it again keeps the record's
        # reference, so the same record does not tick it once more (checklist_facts_record).
        fact_fields = {"fact_object_type": "", "fact_object_id": None, "fact_detail": ""}
    updated = ChecklistItem.objects.filter(pk=item.pk, version=version).update(
        state=state,
        na_reason=reason if state == ItemState.NOT_APPLICABLE else "",
        done_by=user if finished else None,
        done_at=timezone.now() if finished else None,
        lapsed_to="",
        version=F("version") + 1,
        **fact_fields,
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
        assign_item_task(case, checklist, item)
    _log(actor, case, checklist, name="checklists.item", op=Operation.UPDATE)
    return item


# The states a person gives an item by hand; "lapsed" comes only from settling.
MARKABLE = (ItemState.DONE, ItemState.NOT_APPLICABLE, ItemState.OPEN)


# --- Items that tick themselves (issue 14): a recorded fact fulfils them. ---------------


def _is_superseded(checklist: Checklist, applying: dict[Scenario, datetime | None]) -> bool:
    return is_stale(checklist.template.scenario, checklist.started_at, applying)


def superseded_checklists(
    case: Case, running: Iterable[Checklist] | None = None
) -> list[Checklist]:
    """The situation checklists of the case that no longer apply and still have open items,
    oldest first. ``running``: the case's checklists with open items, when the caller has
    them already (the case page counts its items anyway)."""
    applying = _applying(case)
    if running is None:
        running = (
            Checklist.objects.filter(case=case, items__state=ItemState.OPEN)
            .select_related("template")
            .distinct()
        )
    ordered = sorted(running, key=lambda checklist: (checklist.started_at, checklist.pk))
    return [checklist for checklist in ordered if _is_superseded(checklist, applying)]


def _fulfil(case: Case, checklist: Checklist, item: ChecklistItem, fact: Fact) -> bool:
    updated = ChecklistItem.objects.filter(
        pk=item.pk, version=item.version, state=ItemState.OPEN
    ).update(
        state=ItemState.DONE,
        done_by=fact.actor,
        done_at=fact.at,
        na_reason="",
        fact_object_type=fact.object_type,
        fact_object_id=fact.object_id,
        fact_detail=fact.detail[:200],
        version=F("version") + 1,
    )
    if not updated:
        return False
    Checklist.objects.filter(pk=checklist.pk).update(version=F("version") + 1)
    task_close(source=TaskSource.CHECKLIST, source_id=item.pk)
    log_processing(
        activity=ACTIVITY,
        name="checklists.item.fulfilled",
        operation=Operation.UPDATE,
        actor_user_id=fact.actor.pk if fact.actor else None,
        subjects=[f"subject:{case.subject_id}"],
        object_type="checklist_item",
        object_id=item.pk,
    )
    return True


def _record_facts(case: Case, checklists: list[Checklist]) -> int:
    if case.status == CaseStatus.CLOSED:
        return 0
    applying = _applying(case)
    recorded = 0
    for checklist in checklists:
        if _is_superseded(checklist, applying):
            continue
        waiting = checklist.items.filter(state=ItemState.OPEN).exclude(fulfilled_by="")
        for item in waiting.order_by("position", "id"):
            provider = provider_for(item.fulfilled_by)
            if provider is None:
                continue
            fact = provider.find(case, item.fact_parameter, checklist.event_date)
            if fact is None:
                continue
            if (item.fact_object_type, item.fact_object_id) == (fact.object_type, fact.object_id):
                continue  # opened again by hand after this very record ticked it
            recorded += _fulfil(case, checklist, item, fact)
    return recorded


@transaction.atomic
def checklist_facts_record(*, case_id: int) -> int:
    """Records as done the open items of the case's current checklists whose fact now
    exists, with the record's reference, time and author; closes their tasks; logs each.

    Called after a record that may fulfil an item is saved, when a checklist starts, and by
    the daily sweep. Returns the number of items recorded.
    """
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return 0
    checklists = list(Checklist.objects.filter(case=case).select_related("template"))
    return _record_facts(case, checklists)


def record_facts_of_open_cases(today: date) -> int:
    """Sweep step: catches records saved without a save signal (bulk writes, imports)."""
    case_ids = (
        ChecklistItem.objects.filter(state=ItemState.OPEN)
        .exclude(fulfilled_by="")
        .exclude(checklist__case__status=CaseStatus.CLOSED)
        .values_list("checklist__case_id", flat=True)
        .distinct()
    )
    return sum(checklist_facts_record(case_id=case_id) for case_id in sorted(set(case_ids)))


# --- Settling the checklist of a former situation (issue 14). ---------------------------


def withdraw_superseded_tasks(*, case_id: int) -> int:
    """Withdraws the tasks of the open items of checklists that no longer apply.

    Called inside the transaction that changes the situation, and by the daily sweep. The
    items stay open (listed for the lead to settle); only their tasks go, at once."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return 0
    withdrawn = 0
    for checklist in superseded_checklists(case):
        for item_id in checklist.items.filter(state=ItemState.OPEN).values_list("pk", flat=True):
            withdrawn += task_withdraw(source=TaskSource.CHECKLIST, source_id=item_id)
    return withdrawn


def assign_confirmed_tasks(*, case_id: int) -> int:
    """After a death is confirmed, the irreversible items that waited get their tasks."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None or case.situation != Situation.DECEASED:
        return 0
    applying = _applying(case)
    waiting = ChecklistItem.objects.filter(
        checklist__case=case, state=ItemState.OPEN, irreversible=True, due_on__isnull=False
    ).select_related("checklist__template", "template_item", "holder", "holder_organisation")
    assigned = 0
    for item in waiting:
        if _is_superseded(item.checklist, applying):
            continue
        assign_item_task(case, item.checklist, item)
        assigned += 1
    return assigned


def withdraw_superseded_tasks_daily(today: date) -> int:
    case_ids = (
        Task.objects.filter(source=TaskSource.CHECKLIST, status=TaskStatus.OPEN)
        .exclude(case__status=CaseStatus.CLOSED)
        .values_list("case_id", flat=True)
        .distinct()
    )
    return sum(
        withdraw_superseded_tasks(case_id=case_id)
        for case_id in sorted({i for i in case_ids if i is not None})
    )


@transaction.atomic
def checklist_settle(
    *,
    actor: Actor,
    user: User,
    checklist: Checklist,
    reasons: dict[int, str],
    version: int,
) -> int:
    """The lead closes, in one step, the open items of a checklist whose situation has
    passed: each lapses ("situation changed to ..."), its task withdrawn. An irreversible
    item (deregistration, stopping benefits) lapses only with the lead's reason for it.

    Returns the number of items settled. A version other than the current is refused.
    """
    case = checklist.case
    if not may_settle_checklist(actor, case_facts(case)):
        raise ValidationError(_("Only the lead of the case settles a checklist."))
    require_open_case(case)
    if not _is_superseded(checklist, _applying(case)):
        raise ValidationError(_("This checklist still applies to the case's situation."))
    current = Checklist.objects.filter(pk=checklist.pk).values_list("version", flat=True).first()
    if current != version:
        raise StaleEdit
    items = list(checklist.items.filter(state=ItemState.OPEN).order_by("position", "id"))
    if not items:
        raise ValidationError(_("This checklist has no open items left."))
    errors = {
        f"reason_{item.pk}": _("Give the reason why this irreversible item lapses.")
        for item in items
        if item.irreversible and not reasons.get(item.pk, "").strip()
    }
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for item in items:
        updated = ChecklistItem.objects.filter(
            pk=item.pk, version=item.version, state=ItemState.OPEN
        ).update(
            state=ItemState.LAPSED,
            lapsed_to=case.situation,
            na_reason=reasons.get(item.pk, "").strip(),
            done_by=user,
            done_at=now,
            version=F("version") + 1,
        )
        if not updated:
            raise StaleEdit
        task_withdraw(source=TaskSource.CHECKLIST, source_id=item.pk)
    Checklist.objects.filter(pk=checklist.pk).update(version=F("version") + 1)
    _log(actor, case, checklist, name="checklists.settle", op=Operation.UPDATE)
    return len(items)


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
    fulfilled_by: str = ""
    fact_parameter: str = ""
    irreversible: bool = False
    usual_holder: str = ""


def _check_item(data: ItemInput) -> None:
    if data.creates_task and data.task_offset_days is None:
        raise ValidationError(
            {"task_offset_days": _("Give the number of days after the event date.")}
        )
    parameter = data.fact_parameter.strip()
    if not data.fulfilled_by and parameter:
        raise ValidationError(
            {"fact_parameter": _("Choose what fulfils the item, or leave this field empty.")}
        )
    if data.fulfilled_by in NEEDS_PARAMETER and not parameter:
        raise ValidationError(
            {"fact_parameter": _("Give the code of the measure type that fulfils the item.")}
        )
    if data.fulfilled_by not in NEEDS_PARAMETER and parameter:
        raise ValidationError(
            {"fact_parameter": _("This kind of record takes no further detail; leave it empty.")}
        )
    if (
        data.fulfilled_by == FactKind.MEASURE_REQUESTED
        and not MeasureType.objects.filter(code=parameter).exists()
    ):
        raise ValidationError(
            {"fact_parameter": _("No measure type has this code; see the measures catalogue.")}
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
        "usual_holder": data.usual_holder,
        "source_note": data.source_note.strip(),
        "active": data.active,
        "fulfilled_by": data.fulfilled_by,
        "fact_parameter": data.fact_parameter.strip(),
        "irreversible": data.irreversible,
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
