"""The review-date task: the lead of a case has a task for its next review date.

The case's ``review_on`` is the truth; ``sync_review_task`` brings the one review task in
step with it after every change (and the daily sweep repairs any case it finds out of step,
through ``register``). The task title is neutral: the case number, never the person.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse

from access.facts import Actor
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, cases_visible_to
from cases.models import Case
from cases.workflow import CaseStatus
from tasks.models import Task, TaskSource, TaskStatus
from tasks.services import register_sweep_step, task_assign, task_mark_done, task_withdraw
from tasks.titles import Title, TitleKey


def _wants_review_task(case: Case) -> bool:
    return case.review_on is not None and case.status != CaseStatus.CLOSED


@transaction.atomic
def sync_review_task(case: Case) -> None:
    """Assigns, moves or withdraws the lead's review task to match the case as saved."""
    if not _wants_review_task(case):
        task_withdraw(source=TaskSource.REVIEW, source_id=case.pk)
        return
    assert case.review_on is not None  # for mypy; _wants_review_task checked it
    done_for_this_date = Task.objects.filter(
        source=TaskSource.REVIEW,
        source_id=case.pk,
        due_on=case.review_on,
        status=TaskStatus.DONE,
    ).exists()
    if done_for_this_date:
        # The lead already ticked this review off; a repeat call must not bring it back.
        task_withdraw(source=TaskSource.REVIEW, source_id=case.pk)
        return
    task_assign(
        source=TaskSource.REVIEW,
        source_id=case.pk,
        case=case,
        owner=case.lead,
        title=Title(TitleKey.REVIEW_CASE),
        url=reverse("cases:detail", args=[case.pk]),
        due_on=case.review_on,
    )


def cases_out_of_step() -> list[Case]:
    """Cases whose review task is missing, or whose open review task no longer fits."""
    review_tasks = Task.objects.filter(source=TaskSource.REVIEW, source_id=OuterRef("pk"))
    fitting = review_tasks.filter(
        owner_id=OuterRef("lead_id"),
        due_on=OuterRef("review_on"),
        status__in=[TaskStatus.OPEN, TaskStatus.DONE],
    )
    misfit_open = review_tasks.filter(status=TaskStatus.OPEN).filter(
        ~Q(owner_id=OuterRef("lead_id")) | ~Q(due_on=OuterRef("review_on"))
    )
    wanted = Q(review_on__isnull=False) & ~Q(status=CaseStatus.CLOSED)
    missing = wanted & ~Exists(fitting)
    stale = Exists(misfit_open) | (~wanted & Exists(review_tasks.filter(status=TaskStatus.OPEN)))
    return list(Case.objects.filter(missing | stale).select_related("lead").order_by("id"))


def sync_out_of_step(today: date) -> int:
    """The sweep step: repairs review tasks that a missed call left out of step."""
    cases = cases_out_of_step()
    for case in cases:
        sync_review_task(case)
    return len(cases)


def register() -> None:
    """Called from CasesConfig.ready(): the daily sweep repairs review tasks first."""
    register_sweep_step(sync_out_of_step)


@transaction.atomic
def review_task_done(*, actor: Actor, task_id: int) -> Task:
    """The owner ticks off an open review task of a case they may still see; 404 otherwise.

    Actions are not finished here: their task closes when the action is done on its page.
    """
    task = (
        Task.objects.filter(
            pk=task_id,
            owner_id=actor.user_id,
            status=TaskStatus.OPEN,
            source=TaskSource.REVIEW,
            case__in=cases_visible_to(actor),
        )
        .select_related("case")
        .first()
    )
    if task is None or task.case is None or not task_mark_done(task=task):
        raise Http404
    log_processing(
        activity=ACTIVITY,
        name="tasks.review.done",
        operation=Operation.UPDATE,
        actor=actor,
        subjects=[f"subject:{task.case.subject_id}"],
        object_type="task",
        object_id=task.pk,
    )
    return task
