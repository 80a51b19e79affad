"""The pages a signal leads to and comes from: the weighing sessions it was on and the cases
opened from it, each only when the reader may open it (the scopes beside the rules), so a
link never shows what its page would refuse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from access.cases import case_scope
from access.facts import Actor
from meetings.gates import meetings_visible_to
from meetings.models import AgendaItem, Meeting, MeetingKind
from signals.gates import ITEM_TYPE
from signals.models import Signal

if TYPE_CHECKING:
    from cases.models import Case


def weighing_sessions_of(actor: Actor, signal: Signal) -> QuerySet[Meeting]:
    """The weighing sessions that had the signal on their agenda and the actor may see."""
    on_agenda = AgendaItem.objects.filter(item_type=ITEM_TYPE, item_id=signal.pk).values(
        "meeting_id"
    )
    return (
        meetings_visible_to(actor)
        .filter(kind=MeetingKind.WEIGHING, pk__in=on_agenda)
        .order_by("held_at", "pk")
    )


def cases_from(actor: Actor, signal: Signal, *, meeting: Meeting | None = None) -> QuerySet[Case]:
    """The cases opened from the signal (by the decision of ``meeting``, when given) that
    the actor may see. The reverse relation keeps the cases app out of this one's imports."""
    cases = signal.cases.filter(case_scope(actor))
    if meeting is not None:
        cases = cases.filter(decision__meeting=meeting)
    return cases.distinct().order_by("pk")
