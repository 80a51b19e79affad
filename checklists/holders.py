"""Who holds a checklist item (issue 14): which team organisations, and which of their
professionals, an item can go to. Queries only; the writes are in checklists.holding."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Membership, Organisation, Role, User
from cases.models import Case


def team_organisations(case: Case) -> list[Organisation]:
    """The organisations on the case team now, by name. The municipality itself is not
    among them: an item the municipality does stays with the lead."""
    return list(
        Organisation.objects.filter(
            pk__in=case.team.filter(removed_at__isnull=True).values("organisation_id")
        )
        .exclude(kind=Organisation.Kind.MUNICIPALITY)
        .order_by("name", "id")
    )


def proposed_holders(case: Case) -> dict[str, Organisation]:
    """Per kind of organisation, the team organisation an item usually done by that kind
    goes to when a checklist starts (the first by name when the team has two)."""
    proposed: dict[str, Organisation] = {}
    for organisation in team_organisations(case):
        proposed.setdefault(organisation.kind, organisation)
    return proposed


@dataclass(frozen=True)
class HolderChoice:
    organisation: Organisation
    professionals: tuple[User, ...]


def holder_choices(case: Case) -> list[HolderChoice]:
    """The team organisations with the partner professionals each has now."""
    organisations = team_organisations(case)
    memberships = (
        Membership.objects.current()
        .filter(organisation__in=organisations, role=Role.PARTNER)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )
    people: dict[int, list[User]] = {}
    for membership in memberships:
        people.setdefault(membership.organisation_id, []).append(membership.user)
    return [
        HolderChoice(
            organisation=organisation, professionals=tuple(people.get(organisation.pk, []))
        )
        for organisation in organisations
    ]
