"""Rules about grants of roles (memberships): who approves them and who oversees them.

Separation of duties (docs/access.md): the administrator grants a role, a second person
approves it before it gives any right — the privacy officer, and the lead too where the
setting MEMBERSHIP_APPROVERS says so — and the privacy officer sees every grant within reach.

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from django.db.models import Q

from access import oversight, roles
from access.facts import Actor, GrantFacts, HoldFacts
from accounts.models import Role


def is_within_reach(actor: Actor, grant: GrantFacts) -> bool:
    """A grant at an organisation within the actor's reach of oversight
    (access.oversight.is_within_reach). Another municipality's own staff are that
    municipality's business."""
    return oversight.is_within_reach(
        actor, municipality_id=grant.municipality_id, region_id=grant.region_id
    )


def _reach(actor: Actor) -> Q:
    """``is_within_reach`` as a filter on Membership."""
    regional = Q(organisation__municipality__isnull=True, organisation__region_id=actor.region_id)
    if actor.municipality_id is None:
        return regional
    return regional | Q(organisation__municipality_id=actor.municipality_id)


# --- Oversight: the privacy officer's list of grants. ---


def may_view_grants(actor: Actor) -> bool:
    return actor.role == Role.PRIVACY_OFFICER


def may_view_grant(actor: Actor, grant: GrantFacts) -> bool:
    if not may_view_grants(actor):
        return False
    return is_within_reach(actor, grant)


def grant_scope(actor: Actor) -> Q:
    """The memberships ``may_view_grant`` lets the actor see, as a filter on Membership."""
    if not may_view_grants(actor):
        return Q(pk__in=[])
    return _reach(actor)


# --- Approval: the second person. ---


def may_approve_grants(actor: Actor) -> bool:
    """The actor's role approves some grants in this installation (the approval list)."""
    return any(actor.role in roles.grant_approvers(role) for role in Role)


def may_handle_grant(actor: Actor, grant: GrantFacts) -> bool:
    """The grant is one the actor's role and reach make them an approver of; anyone else
    gets 404 for it, like for a grant that does not exist."""
    if actor.role not in roles.grant_approvers(grant.role):
        return False
    return is_within_reach(actor, grant)


def is_party_to_grant(actor: Actor, grant: GrantFacts) -> bool:
    """The member and the granter never approve: that is the second pair of eyes."""
    if actor.user_id == grant.member_user_id:
        return True
    return actor.user_id == grant.granted_by_user_id


def may_approve_membership(actor: Actor, grant: GrantFacts) -> bool:
    if not may_handle_grant(actor, grant):
        return False
    return not is_party_to_grant(actor, grant)


def approval_scope(actor: Actor) -> Q:
    """The memberships ``may_approve_membership`` lets the actor approve, as a filter on
    Membership (whether a grant still awaits approval is the list's own filter)."""
    approvable = [role for role in Role if actor.role in roles.grant_approvers(role)]
    if not approvable:
        return Q(pk__in=[])
    return (
        _reach(actor)
        & Q(role__in=approvable)
        & ~Q(user_id=actor.user_id)
        & ~Q(granted_by_id=actor.user_id)
    )


# --- Holds: a login the administrator changed waits for a second person. ---


def may_release_hold(actor: Actor, hold: HoldFacts) -> bool:
    """The person who could approve every role the hold stops confirms the change; never the
    account's holder or the administrator who made the change."""
    if not hold.held_roles:
        return False
    if actor.user_id in {hold.member_user_id, hold.held_by_user_id}:
        return False
    return all(may_handle_grant(actor, grant) for grant in hold.held_roles)
