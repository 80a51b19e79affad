"""Gates of the administration (one function per object type).

The URL rule already admits only the admin role; the gates ask the policy again, so a view
that forgot its rule still shows nothing. Reads of people's data are logged here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404, HttpRequest

from access.actor import actor_for_request
from access.facts import Actor, GrantFacts, HoldFacts
from access.grants import approval_scope, may_approve_grants, may_handle_grant, may_release_hold
from access.municipality import may_administer
from access.refusal import refused
from accounts.models import AccountHold, Membership, Municipality, Organisation, Region, User
from accounts.services import roles_put_on_hold
from administration.services import ACTIVITY
from audit.models import Operation
from audit.services import log_processing


def admin_actor(request: HttpRequest) -> Actor:
    """The acting administrator; 404 for anyone else."""
    actor = actor_for_request(request)
    if actor is None:
        raise Http404
    if not may_administer(actor):
        raise Http404
    return actor


def get_region_for_admin(actor: Actor, region_id: int) -> Region:
    if not may_administer(actor):
        raise Http404
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise Http404
    return region


def get_municipality_for_admin(actor: Actor, municipality_id: int) -> Municipality:
    if not may_administer(actor):
        raise Http404
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return municipality


def get_organisation_for_admin(actor: Actor, organisation_id: int) -> Organisation:
    if not may_administer(actor):
        raise Http404
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def get_user_for_admin(actor: Actor, user_id: int) -> User:
    """A user to change; the change itself writes the processing record."""
    if not may_administer(actor):
        raise Http404
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user


def read_user_for_admin(actor: Actor, user_id: int, *, name: str) -> User:
    """A user whose data a page shows; the read is logged."""
    user = get_user_for_admin(actor, user_id)
    log_users_shown(actor, [user], name=name)
    return user


def get_membership_for_admin(actor: Actor, membership_id: int) -> Membership:
    if not may_administer(actor):
        raise Http404
    membership = (
        Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    )
    if membership is None:
        raise Http404
    return membership


def log_users_shown(actor: Actor, users: Sequence[User], *, name: str) -> None:
    """One READ record per user a page shows. Nothing shown, nothing logged."""
    if not users:
        return
    single = len(users) == 1
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{user.pk}" for user in users],
        object_type="user",
        object_id=users[0].pk if single else "",
    )


# --- Approval of grants (the second person; access.grants). ---


def approver_actor(request: HttpRequest) -> Actor:
    """The acting approver of grants; 404 for anyone else."""
    actor = actor_for_request(request)
    if actor is None:
        raise Http404
    if not may_approve_grants(actor):
        raise Http404
    return actor


def grant_facts(membership: Membership) -> GrantFacts:
    organisation = membership.organisation
    return GrantFacts(
        member_user_id=membership.user_id,
        granted_by_user_id=membership.granted_by_id,
        role=membership.role,
        municipality_id=organisation.municipality_id,
        region_id=organisation.region_id,
    )


GRANT_RELATED = ("user", "organisation", "organisation__municipality", "granted_by", "decided_by")


def get_grant_for_approver(actor: Actor, membership_id: int) -> tuple[Membership, GrantFacts]:
    """A grant the actor's role and reach make them an approver of, with its facts; 404
    otherwise. The member or the granter get past this gate when they hold such a role: the
    service then tells them why they cannot decide. The read is logged."""
    membership = Membership.objects.select_related(*GRANT_RELATED).filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    facts = grant_facts(membership)
    if not may_handle_grant(actor, facts):
        raise Http404
    log_users_shown(actor, [membership.user], name="administration.approvals.read")
    return membership, facts


def grants_awaiting_approval(actor: Actor) -> list[Membership]:
    """The pending grants the actor may approve, oldest first; the read is logged."""
    grants = list(
        Membership.objects.pending()
        .filter(approval_scope(actor))
        .select_related(*GRANT_RELATED)
        .order_by("granted_at", "pk")
    )
    log_users_shown(actor, _distinct_users(grants), name="administration.approvals.list")
    return grants


def _distinct_users(memberships: Sequence[Membership]) -> list[User]:
    seen: dict[int, User] = {}
    for membership in memberships:
        seen.setdefault(membership.user_id, membership.user)
    return list(seen.values())


# --- Holds: a login the administrator changed waits for a second person (AccountHold). ---

HOLD_RELATED = ("user", "held_by")


def hold_facts(hold: AccountHold) -> HoldFacts:
    """The roles the hold stops are read now: a role granted after the change waits for the
    same confirmation, and one that ended meanwhile no longer needs it."""
    return HoldFacts(
        member_user_id=hold.user_id,
        held_by_user_id=hold.held_by_id,
        held_roles=tuple(grant_facts(membership) for membership in roles_put_on_hold(hold.user)),
    )


def holds_awaiting_confirmation(actor: Actor) -> list[AccountHold]:
    """The open holds the actor may confirm, oldest first; the read is logged. Open holds are
    few (each is a login the administrator changed), so the rule is asked per hold."""
    holds = [
        hold
        for hold in AccountHold.objects.filter(released_at__isnull=True)
        .select_related(*HOLD_RELATED)
        .order_by("held_at", "pk")
        if may_release_hold(actor, hold_facts(hold))
    ]
    log_users_shown(actor, [hold.user for hold in holds], name="administration.holds.list")
    return holds


def get_hold_for_approver(actor: Actor, hold_id: int) -> tuple[AccountHold, HoldFacts]:
    """A hold the actor may confirm, with its facts; 404 otherwise. The read is logged."""
    hold = AccountHold.objects.select_related(*HOLD_RELATED).filter(pk=hold_id).first()
    if hold is None:
        raise Http404
    facts = hold_facts(hold)
    if not may_release_hold(actor, facts):
        raise refused(actor, object_type="account_hold", object_id=hold.pk)
    log_users_shown(actor, [hold.user], name="administration.holds.read")
    return hold, facts
