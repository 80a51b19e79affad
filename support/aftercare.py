"""Aftercare (seed §3): the reintegration (exit) plan of a person who returned, with its
reviews; and, for a person who died, the bereaved section that points at the *deceased*
checklist and its tasks.

The reintegration plan is part of the plan of approach and is kept by those who direct the
case (lead, process director); the team reads it. It is drawn up once the situation is
"returned"; it stays readable afterwards (detention, a new concern).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_direct_aftercare
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from cases.gates import case_facts
from cases.models import Case
from cases.plans import goal_owner_choices
from cases.workflow import CaseStatus, Situation
from checklists.models import Checklist, ChecklistItem, Scenario
from lib.concurrency import StaleEdit, update_if_current
from support.models import Domain, ReintegrationPart, ReintegrationPlan, ReintegrationReview
from support.services import TEXT_LIMIT, Errors, check_text, log_support
from tasks.models import Task, TaskSource

PART_LIMIT = 500

# The items of the *deceased* checklist the bereaved section points at (checklists.catalogue).
BEREAVED_ITEMS = ("family-informed", "bereaved-support", "declaration-of-death", "brp-final")


@dataclass(frozen=True)
class PartInput:
    domain: str
    text: str = ""
    owner: Organisation | None = None
    review_on: date | None = None


def _check_parts(case: Case, parts: list[PartInput]) -> Errors:
    errors: Errors = {}
    allowed = {o.pk for o in goal_owner_choices(case)}
    for part in parts:
        if part.domain not in Domain.values:
            errors["__all__"] = [_("Unknown part of the plan: %(part)s.") % {"part": part.domain}]
            continue
        check_text(part.text, f"{part.domain}_text", PART_LIMIT, errors)
        if not part.text.strip() and (part.owner is not None or part.review_on is not None):
            errors[f"{part.domain}_text"] = [
                _("Describe the arrangement before naming an owner or a review date.")
            ]
        if part.owner is not None and part.owner.pk not in allowed:
            errors[f"{part.domain}_owner"] = [
                _("Choose an organisation of the case team or the municipality.")
            ]
    if len({p.domain for p in parts}) != len(parts):
        errors["__all__"] = [_("Each part of the plan can be given once.")]
    if not any(p.text.strip() for p in parts):
        errors.setdefault("__all__", []).append(_("Fill in at least one part of the plan."))
    return errors


def _write_parts(plan: ReintegrationPlan, parts: list[PartInput]) -> None:
    for part in parts:
        ReintegrationPart.objects.update_or_create(
            plan=plan,
            domain=part.domain,
            defaults={
                "text": part.text.strip(),
                "owner": part.owner,
                "review_on": part.review_on,
            },
        )


@transaction.atomic
def reintegration_plan_save(
    *, actor: Actor, user: User, case: Case, parts: list[PartInput], version: int | None
) -> ReintegrationPlan:
    """Draws up the plan (``version`` None) or changes it (``version`` as the user saw it).

    Parts not given are left as they are."""
    if not may_direct_aftercare(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director keeps the plan."))
    existing = ReintegrationPlan.objects.filter(case=case).first()
    if (existing is None) != (version is None):
        # Drawn up by someone else meanwhile, or removed: either way the user saw another state.
        raise StaleEdit
    errors = _check_parts(case, parts)
    if case.status == CaseStatus.CLOSED:
        errors["__all__"] = [_("The case is closed: nothing can be recorded in it any more.")]
    if existing is None and case.situation != Situation.RETURNED:
        errors["__all__"] = [_("A reintegration plan is drawn up for a person who returned.")]
    if errors:
        raise ValidationError(errors)
    if existing is None:
        plan = ReintegrationPlan.objects.create(case=case, created_by=user, updated_by=user)
        operation = Operation.CREATE
    else:
        assert version is not None
        update_if_current(ReintegrationPlan, existing.pk, version, **{"updated_by": user})
        plan = existing
        operation = Operation.UPDATE
    _write_parts(plan, parts)
    plan.refresh_from_db()
    log_support(
        actor,
        case,
        name="support.reintegration.save",
        operation=operation,
        object_type="reintegration_plan",
        object_id=plan.pk,
    )
    return plan


@transaction.atomic
def reintegration_review_add(
    *, actor: Actor, user: User, plan: ReintegrationPlan, reviewed_on: date, note: str
) -> ReintegrationReview:
    case = plan.case
    if not may_direct_aftercare(actor, case_facts(case)):
        raise ValidationError(_("Only the lead or the process director reviews the plan."))
    errors: Errors = {}
    if case.status == CaseStatus.CLOSED:
        errors["__all__"] = [_("The case is closed: nothing can be recorded in it any more.")]
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = [_("This date cannot lie in the future.")]
    check_text(note, "note", TEXT_LIMIT, errors, required=_("Write how the plan is going."))
    if errors:
        raise ValidationError(errors)
    review = ReintegrationReview.objects.create(
        plan=plan, reviewed_on=reviewed_on, reviewed_by=user, note=note.strip()
    )
    log_support(
        actor,
        case,
        name="support.reintegration.review",
        operation=Operation.CREATE,
        object_type="reintegration_review",
        object_id=review.pk,
    )
    return review


@dataclass(frozen=True)
class PartRow:
    domain: str
    label: str
    part: ReintegrationPart | None


def plan_rows(plan: ReintegrationPlan | None) -> list[PartRow]:
    """Every part of a plan in the fixed order, filled in or not."""
    parts = {p.domain: p for p in plan.parts.select_related("owner")} if plan else {}
    return [PartRow(d.value, str(d.label), parts.get(d.value)) for d in Domain]


# --- The bereaved (situation deceased). ---


@dataclass(frozen=True)
class BereavedItem:
    item: ChecklistItem
    task: Task | None


@dataclass(frozen=True)
class Bereaved:
    checklist: Checklist | None
    items: list[BereavedItem]


def bereaved(case: Case) -> Bereaved:
    """The *deceased* checklist of the case (the newest) with the items about the bereaved,
    the declaration of death and the final BRP deregistration, and each item's open or last
    task."""
    checklist = (
        Checklist.objects.filter(case=case, template__scenario=Scenario.DECEASED)
        .order_by("-started_at", "-id")
        .first()
    )
    if checklist is None:
        return Bereaved(checklist=None, items=[])
    items = list(
        checklist.items.filter(template_item__code__in=BEREAVED_ITEMS)
        .select_related("done_by")
        .order_by("position", "id")
    )
    tasks: dict[int, Task] = {}
    for task in (
        Task.objects.filter(source=TaskSource.CHECKLIST, source_id__in=[i.pk for i in items])
        .select_related("owner", "organisation")
        .order_by("created_at", "id")
    ):
        tasks[task.source_id] = task  # the newest one wins
    return Bereaved(
        checklist=checklist, items=[BereavedItem(item, tasks.get(item.pk)) for item in items]
    )
