"""The plan of approach (plan van aanpak): agreed versions with their goals.

A change to the plan is a new version with all its goals; each version keeps who agreed it,
when, and at which conference. Two people agreeing a new version on the same basis: the
second is refused (StaleEdit) and sees the first one's version.

The case's next review date follows the plan: agreeing a version sets ``case.review_on`` to
the earliest goal review date, unless the lead planned an earlier review. That is a change of
the case, so it raises the case's version (a filtered update without a version condition —
the plan has its own lock, and a case page opened before the plan was agreed must not
silently overwrite the new review date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_agree_plan
from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Case, CaseEvent, ConferenceDecision, Goal, PlanVersion
from cases.review_tasks import sync_review_task
from cases.workflow import CaseStatus
from lib.concurrency import StaleEdit
from meetings.conferences import CASE_ITEM, agenda_conference, require_open
from meetings.models import AgendaItem, Meeting


@dataclass(frozen=True)
class GoalInput:
    text: str
    domain: str
    owner_organisation: Organisation
    review_on: date


def latest_number(case: Case) -> int:
    """The number of the current plan version; 0 when no plan was agreed yet."""
    return PlanVersion.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0


def current_plan(case: Case) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(case=case)
        .select_related("agreed_by", "meeting")
        .order_by("-number")
        .first()
    )


def goal_owner_choices(case: Case) -> list[Organisation]:
    """Goals are owned by a team organisation or the municipality itself."""
    team = Organisation.objects.filter(
        pk__in=case.team.filter(removed_at__isnull=True).values("organisation_id")
    )
    municipal = Organisation.objects.filter(
        municipality_id=case.municipality_id, kind=Organisation.Kind.MUNICIPALITY
    )
    return list((team | municipal).distinct().order_by("name"))


def conference_item(meeting: Meeting, case: Case) -> AgendaItem | None:
    return AgendaItem.objects.filter(meeting=meeting, item_type=CASE_ITEM, item_id=case.pk).first()


def _goal_errors(case: Case, goals: Sequence[GoalInput]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not goals:
        errors["goals"] = [_("A plan needs at least one goal.")]
    owners = {o.pk for o in goal_owner_choices(case)}
    today = timezone.localdate()
    for goal in goals:
        if not goal.text.strip():
            errors["goals"] = [_("Every goal needs a description.")]
        elif goal.domain not in Goal.Domain.values:
            errors["goals"] = [_("Choose the domain of every goal.")]
        elif goal.owner_organisation.pk not in owners:
            errors["goals"] = [_("The owner of a goal must be on the team or be the municipality.")]
        elif goal.review_on < today:
            errors["goals"] = [_("A review date cannot lie in the past.")]
    return errors


def next_review(case: Case, goals: Sequence[GoalInput]) -> date:
    """The earliest goal review date — or the case's own review date when that is still to
    come and earlier: a plan never pushes a review the lead planned further away."""
    earliest = min(goal.review_on for goal in goals)
    planned = case.review_on
    if planned is not None and timezone.localdate() <= planned < earliest:
        return planned
    return earliest


@transaction.atomic
def plan_agree(
    *,
    actor: Actor,
    user: User,
    case: Case,
    summary: str,
    goals: Sequence[GoalInput],
    expected_number: int,
    meeting: Meeting | None = None,
    change_note: str = "",
) -> PlanVersion:
    """Agrees version ``expected_number + 1`` of the plan, with its goals.

    ``expected_number`` is the version the user saw (0 for none); a newer one refuses the
    plan (StaleEdit) and nothing is written. At a conference the decision "plan agreed" is
    recorded on the case's agenda item as well.
    """
    if latest_number(case) != expected_number:
        raise StaleEdit
    if not may_agree_plan(actor, case_facts(case), conference=agenda_conference(case.pk, meeting)):
        raise ValidationError(_("Only the lead, the process director or the chair agree a plan."))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed; its plan can no longer change."))
    item = None
    if meeting is not None:
        require_open(meeting)
        item = conference_item(meeting, case)
        if item is None:
            raise ValidationError(_("This case is not on the agenda of this conference."))
    errors = _goal_errors(case, goals)
    if not summary.strip():
        errors["summary"] = [_("Summarise the approach in a few sentences.")]
    if expected_number and not change_note.strip():
        errors["change_note"] = [_("Say what changed against the previous version.")]
    if errors:
        raise ValidationError(errors)
    try:
        # A savepoint: a concurrent agreement of the same number is a stale edit, not a crash.
        with transaction.atomic():
            plan = PlanVersion.objects.create(
                case=case,
                number=expected_number + 1,
                summary=summary.strip(),
                meeting=meeting,
                agreed_by=user,
                change_note=change_note.strip(),
            )
    except IntegrityError as clash:
        raise StaleEdit from clash
    Goal.objects.bulk_create(
        [
            Goal(
                plan=plan,
                position=position,
                text=goal.text.strip(),
                domain=goal.domain,
                owner_organisation=goal.owner_organisation,
                review_on=goal.review_on,
            )
            for position, goal in enumerate(goals, start=1)
        ]
    )
    review_on = next_review(case, goals)
    Case.objects.filter(pk=case.pk).update(review_on=review_on, version=F("version") + 1)
    reason = change_note.strip() or _("First plan of approach.")
    CaseEvent.objects.create(
        case=case,
        actor=user,
        actor_name=user.full_name,
        kind=CaseEvent.Kind.PLAN,
        from_value=str(expected_number) if expected_number else "",
        to_value=str(plan.number),
        reason=reason,
    )
    if item is not None:
        ConferenceDecision.objects.create(
            case=case,
            agenda_item=item,
            kind=ConferenceDecision.Kind.PLAN_AGREED,
            text=_("Version %(number)s of the plan of approach agreed.") % {"number": plan.number},
            decided_by=user,
        )
    case.refresh_from_db()
    # The lead's review task follows the new review date.
    sync_review_task(case)
    log_processing(
        activity=ACTIVITY,
        name="cases.plan.agree",
        operation=Operation.CREATE,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type="plan_version",
        object_id=plan.pk,
    )
    return plan
