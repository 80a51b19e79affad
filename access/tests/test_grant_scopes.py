"""The grant lists agree with their rules (access.grants): a grant is in the privacy officer's
list exactly when ``may_view_grant`` shows it, and in an approver's list exactly when
``may_approve_membership`` lets them approve it — under each setting of MEMBERSHIP_APPROVERS.

Hypothesis draws grants over the town of test_scopes (three municipalities in two regions):
members and granters among the town's own people (so actors meet their own grants and the
grants they made), organisations of every kind, every role and status.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from access.actor import actor_for_membership
from access.grants import approval_scope, grant_scope, may_approve_membership, may_view_grant
from access.tests.test_scopes import PROPERTY, Town, build_town, rolled_back
from accounts.models import Membership, MembershipStatus, Role
from administration.gates import grant_facts

APPROVER_SETTINGS = [("privacy_officer",), ("lead",), ("lead", "privacy_officer")]


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


def grant_specs(town: Town) -> st.SearchStrategy[list[dict[str, Any]]]:
    people = st.sampled_from([m.user_id for m in town.memberships])
    # Drawn often: the people who approve, so that they meet their own grants and the
    # grants they made (the cases the lists must leave out).
    approvers = st.sampled_from(
        [m.user_id for m in town.memberships if m.role in {Role.LEAD, Role.PRIVACY_OFFICER}]
    )
    spec = st.fixed_dictionaries(
        {
            "member": approvers | people,
            "granted_by": st.none() | approvers | people,
            "organisation": st.sampled_from(town.organisations),
            "role": st.sampled_from(list(Role)),
            "status": st.sampled_from(list(MembershipStatus)),
        }
    )
    # The database refuses a self-grant; such a draw is not a grant.
    return st.lists(spec.filter(lambda s: s["member"] != s["granted_by"]), min_size=1, max_size=8)


def make_grant(spec: dict[str, Any]) -> Membership:
    decided = spec["status"] != MembershipStatus.PENDING
    today = timezone.localdate()
    return Membership.objects.create(
        user_id=spec["member"],
        organisation=spec["organisation"],
        role=spec["role"],
        status=spec["status"],
        granted_by_id=spec["granted_by"],
        decided_at=timezone.now() if decided else None,
        # A closed period, so a drawn grant never collides with the town's open memberships.
        valid_from=today,
        valid_until=today + timedelta(days=30),
    )


@PROPERTY
@given(data=st.data())
def test_the_grant_lists_hold_exactly_what_their_rules_allow(town: Town, data: st.DataObject):
    specs = data.draw(grant_specs(town))
    approvers = data.draw(st.sampled_from(APPROVER_SETTINGS))
    with rolled_back(), override_settings(MEMBERSHIP_APPROVERS=approvers):
        made = [make_grant(spec) for spec in specs]
        drawn = Membership.objects.filter(pk__in=[m.pk for m in made])
        grants = list(drawn.select_related("organisation"))
        for membership in town.memberships:
            actor = actor_for_membership(membership)
            listed = set(drawn.filter(grant_scope(actor)).values_list("pk", flat=True))
            allowed = {g.pk for g in grants if may_view_grant(actor, grant_facts(g))}
            assert listed == allowed, ("oversight", membership.role, approvers)
            listed = set(drawn.filter(approval_scope(actor)).values_list("pk", flat=True))
            allowed = {g.pk for g in grants if may_approve_membership(actor, grant_facts(g))}
            assert listed == allowed, ("approval", membership.role, approvers)
        transaction.set_rollback(True)
