"""The privacy officer's view of every grant of a role: who granted it, who approved or
refused it, and whether it still counts (docs/access.md, "Separation of duties").

The officer sees the grants at the organisations within reach (access.grants.grant_scope).
Users are data subjects too: every page read is logged under "audit-oversight", with the
members, granters and approvers shown as subjects.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest

from access.actor import actor_for_request
from access.facts import Actor
from access.grants import grant_scope, may_view_grants
from accounts.models import Membership, MembershipStatus
from audit.models import Operation
from audit.services import log_processing
from privacy.services import OVERSIGHT_ACTIVITY

# The list's filters: everything, or one standing of the grant.
SHOW_ALL = ""
SHOW_PENDING = "pending"
SHOW_ACTIVE = "active"
SHOW_ENDED = "ended"
SHOW_REFUSED = "refused"


def grant_officer(request: HttpRequest) -> Actor:
    """The acting privacy officer; 404 for anyone else."""
    actor = actor_for_request(request)
    if actor is None:
        raise Http404
    if not may_view_grants(actor):
        raise Http404
    return actor


def _shown(show: str) -> QuerySet[Membership]:
    if show == SHOW_PENDING:
        return Membership.objects.pending()
    if show == SHOW_ACTIVE:
        return Membership.objects.current()
    if show == SHOW_ENDED:
        return Membership.objects.ended()
    if show == SHOW_REFUSED:
        return Membership.objects.filter(status=MembershipStatus.REFUSED)
    return Membership.objects.all()


def grants_in_scope(actor: Actor, *, show: str = SHOW_ALL) -> QuerySet[Membership]:
    """The grants the officer oversees, latest grant first (migrated ones last)."""
    return (
        _shown(show)
        .filter(grant_scope(actor))
        .select_related("user", "organisation", "granted_by", "decided_by")
        .order_by(F("granted_at").desc(nulls_last=True), "-valid_from", "-pk")
    )


def log_grants_shown(actor: Actor, grants: Sequence[Membership]) -> None:
    """One READ record for the page, with every person it names as a subject."""
    people = set()
    for grant in grants:
        people.add(grant.user_id)
        people.update(i for i in (grant.granted_by_id, grant.decided_by_id) if i is not None)
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.grants.list",
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{user_id}" for user_id in sorted(people)],
        object_type="membership",
    )
