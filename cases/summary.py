"""The summary band at the top of the case page (issue 13, point 5): what a professional
reads in a minute — situation, status, next review and conference, counts taken from the
sections below, and the team as organisations with the named professionals.

The counts are read from the contexts the sections built, so the band shows nothing the
sections would not (an entry the reader may not see is in no count). The people on the
team are staff data: each shows what they chose to share on "Mijn account" (function, work
phone, e-mail address) and nothing else; the page's one processing record covers the read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from access.facts import Actor
from access.meetings import may_view_conference
from accounts.models import Membership, Role, User
from cases.models import Case, TeamMember
from meetings.conferences import CASE_ITEM, conference_facts
from meetings.models import AgendaItem, Meeting, MeetingKind


@dataclass(frozen=True)
class TeamPerson:
    """A professional as the team shows them: name, and only what they chose to share."""

    name: str
    function: str
    phone: str
    email: str

    @classmethod
    def of(cls, user: User) -> TeamPerson:
        return cls(
            name=user.full_name,
            function=user.job_title,
            phone=user.work_phone,
            email=user.email if user.share_email else "",
        )


@dataclass
class TeamOrganisation:
    name: str
    people: list[TeamPerson] = field(default_factory=list)


def case_team(case: Case, members: Sequence[TeamMember]) -> dict[str, object]:
    """The lead and the process director, and per organisation on the team the partner
    professionals who work for it now (their access comes from that place on the team).
    One query, whatever the size of the team (the case gate brought the lead and the
    process director along)."""
    organisations = {
        member.organisation_id: TeamOrganisation(member.organisation.name) for member in members
    }
    partners = (
        Membership.objects.current()
        .filter(organisation_id__in=organisations, role=Role.PARTNER)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )
    for membership in partners:
        organisations[membership.organisation_id].people.append(TeamPerson.of(membership.user))
    director = case.process_director
    return {
        "team_lead": TeamPerson.of(case.lead),
        "team_process_director": TeamPerson.of(director) if director else None,
        "team_organisations": list(organisations.values()),
    }


@dataclass(frozen=True)
class NextConference:
    meeting: Meeting
    # Whether the reader may open the conference itself; the date that the case is
    # discussed belongs to the case, the conference page does not.
    visible: bool


def next_conference(actor: Actor, case: Case) -> NextConference | None:
    """The next case conference with this case on its agenda."""
    on_agenda = AgendaItem.objects.filter(
        meeting=OuterRef("pk"), item_type=CASE_ITEM, item_id=case.pk
    )
    meeting = (
        Meeting.objects.filter(kind=MeetingKind.CASE_CONFERENCE, held_at__gte=timezone.now())
        .filter(Exists(on_agenda))
        .select_related("municipality")
        .prefetch_related("attendees")
        .order_by("held_at", "id")
        .first()
    )
    if meeting is None:
        return None
    return NextConference(meeting, may_view_conference(actor, conference_facts(meeting)))


def summary_band(
    actor: Actor,
    case: Case,
    *,
    task_rows: Sequence[Any],
    action_rows: Sequence[Mapping[str, Any]],
    entry_count: int,
) -> dict[str, object]:
    """The band's own facts; its counts come from what the sections below show (the task
    rows, the open action rows, the entries that passed their gate)."""
    return {
        "next_conference": next_conference(actor, case),
        "overdue_task_count": sum(1 for row in task_rows if row.overdue),
        "open_task_count": len(task_rows),
        "overdue_action_count": sum(1 for row in action_rows if row["overdue"]),
        "open_action_count": len(action_rows),
        "entry_count": entry_count,
    }
