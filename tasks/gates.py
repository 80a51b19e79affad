"""Which tasks a user may see: their own open tasks (and, for a partner professional, those
its organisation holds as a whole), and only while the case is visible.

Tasks come before cases in the import order, so the case is reached through the task's
foreign key and filtered by the policy's case scope (``access.cases.case_scope``, the scope
beside ``may_view_case``), the same filter as ``cases.gates.cases_visible_to``. Leaving a
case team hides its tasks, and the messages about them, at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from access.cases import case_scope
from access.facts import Actor
from accounts.models import Role
from tasks.models import Task, TaskStatus


def held_by(actor: Actor) -> Q:
    """The tasks that are the actor's: their own, and as a partner professional those their
    organisation holds as a whole (issue 14). The case gate (``visible_to``) still applies:
    an organisation that leaves the team loses its tasks' cases at once."""
    own = Q(owner_id=actor.user_id)
    if actor.role != Role.PARTNER or actor.organisation_id is None:
        return own
    return own | Q(owner__isnull=True, organisation_id=actor.organisation_id)


def visible_case_ids(actor: Actor) -> QuerySet:
    """The ids of the cases the actor may see, as a subquery (not evaluated here)."""
    case_model = Task._meta.get_field("case").related_model
    return case_model._default_manager.filter(case_scope(actor)).values("pk")


def visible_to(tasks: QuerySet[Task], actor: Actor) -> QuerySet[Task]:
    """Tasks without a case belong to their owner alone; case tasks need the case visible."""
    return tasks.filter(Q(case__isnull=True) | Q(case__in=visible_case_ids(actor)))


def own_open_tasks(actor: Actor) -> QuerySet[Task]:
    tasks = Task.objects.filter(held_by(actor), status=TaskStatus.OPEN)
    return visible_to(tasks, actor).select_related("case", "organisation").order_by("due_on", "id")


def own_overdue_count(actor: Actor, *, today: date) -> int:
    """How many of the actor's own open tasks are overdue: one query, whatever the number."""
    tasks = Task.objects.filter(held_by(actor), status=TaskStatus.OPEN, due_on__lt=today)
    return visible_to(tasks, actor).count()


def cases_among_visible(actor: Actor, case_ids: Iterable[int]) -> set[int]:
    """Which of these cases the actor may see (one query)."""
    wanted = set(case_ids)
    if not wanted:
        return set()
    case_model = Task._meta.get_field("case").related_model
    visible = case_model._default_manager.filter(case_scope(actor), pk__in=wanted)
    return set(visible.values_list("pk", flat=True))
