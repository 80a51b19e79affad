"""Changes made by the functional administrator, each logged in the same transaction.

Every function calls the write function of ``accounts.services`` and writes its processing
record inside one transaction: when the record cannot be written, the change is rolled back
(DESIGN §5). Changes to people's accounts name the person as data subject; changes to
regions, municipalities and organisations hold no personal data and are logged without one.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from access.facts import Actor, GrantFacts, HoldFacts
from access.grants import is_party_to_grant, may_approve_membership, may_release_hold
from access.municipality import may_grant_membership
from accounts import services as accounts
from accounts.models import (
    AccountHold,
    HoldReason,
    Membership,
    Municipality,
    Organisation,
    Region,
    User,
)
from audit.models import Operation
from audit.services import log_processing

ACTIVITY = "user-administration"


def _log(
    actor: Actor,
    *,
    name: str,
    operation: Operation,
    object_type: str,
    object_id: int,
    user: User | None = None,
) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"user:{user.pk}"] if user is not None else [],
        object_type=object_type,
        object_id=object_id,
    )


# --- Regions, municipalities, organisations ---


def region_create(*, actor: Actor, name: str) -> Region:
    with transaction.atomic():
        region = accounts.region_create(name=name)
        _log(
            actor,
            name="administration.regions.create",
            operation=Operation.CREATE,
            object_type="region",
            object_id=region.pk,
        )
    return region


def region_update(*, actor: Actor, region: Region, name: str) -> Region:
    with transaction.atomic():
        accounts.region_update(region=region, name=name)
        _log(
            actor,
            name="administration.regions.update",
            operation=Operation.UPDATE,
            object_type="region",
            object_id=region.pk,
        )
    return region


def municipality_create(
    *,
    actor: Actor,
    name: str,
    code: str,
    size: str,
    region: Region,
    police_contact: User | None = None,
) -> Municipality:
    with transaction.atomic():
        municipality = accounts.municipality_create(
            name=name, code=code, size=size, region=region, police_contact=police_contact
        )
        _log(
            actor,
            name="administration.municipalities.create",
            operation=Operation.CREATE,
            object_type="municipality",
            object_id=municipality.pk,
        )
    return municipality


def municipality_update(
    *,
    actor: Actor,
    municipality: Municipality,
    name: str,
    code: str,
    size: str,
    region: Region,
    police_contact: User | None = None,
) -> Municipality:
    with transaction.atomic():
        accounts.municipality_update(
            municipality=municipality,
            name=name,
            code=code,
            size=size,
            region=region,
            police_contact=police_contact,
        )
        _log(
            actor,
            name="administration.municipalities.update",
            operation=Operation.UPDATE,
            object_type="municipality",
            object_id=municipality.pk,
        )
    return municipality


def organisation_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    region: Region,
    municipality: Municipality | None,
    professional_secrecy: bool,
) -> Organisation:
    with transaction.atomic():
        organisation = accounts.organisation_create(
            name=name,
            kind=kind,
            region=region,
            municipality=municipality,
            professional_secrecy=professional_secrecy,
        )
        _log(
            actor,
            name="administration.organisations.create",
            operation=Operation.CREATE,
            object_type="organisation",
            object_id=organisation.pk,
        )
    return organisation


def organisation_update(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    kind: str,
    region: Region,
    municipality: Municipality | None,
    professional_secrecy: bool,
) -> Organisation:
    with transaction.atomic():
        accounts.organisation_update(
            organisation=organisation,
            name=name,
            kind=kind,
            region=region,
            municipality=municipality,
            professional_secrecy=professional_secrecy,
        )
        _log(
            actor,
            name="administration.organisations.update",
            operation=Operation.UPDATE,
            object_type="organisation",
            object_id=organisation.pk,
        )
    return organisation


# --- Users ---


def _refuse_self_deactivation(actor: Actor, user: User, *, is_active: bool) -> None:
    # An administrator who deactivates their own account locks themselves out mid-session.
    if not is_active and user.pk == actor.user_id:
        raise ValidationError(_("You cannot deactivate your own account."))


def user_create(*, actor: Actor, email: str, full_name: str, password: str | None = None) -> User:
    with transaction.atomic():
        user = accounts.user_create(email=email, full_name=full_name, password=password)
        _log(
            actor,
            name="administration.users.create",
            operation=Operation.CREATE,
            object_type="user",
            object_id=user.pk,
            user=user,
        )
    return user


def user_update(*, actor: Actor, user: User, email: str, full_name: str, is_active: bool) -> User:
    _refuse_self_deactivation(actor, user, is_active=is_active)
    # From the database: a model form has already copied the new address onto ``user``.
    previous_email = User.objects.filter(pk=user.pk).values_list("email", flat=True).first()
    with transaction.atomic():
        accounts.user_update(user=user, email=email, full_name=full_name, is_active=is_active)
        _log(
            actor,
            name="administration.users.update",
            operation=Operation.UPDATE,
            object_type="user",
            object_id=user.pk,
            user=user,
        )
        if user.email != previous_email:
            # The e-mail address is the login name (and the single sign-on match).
            _hold(actor, user, HoldReason.EMAIL_CHANGED)
    return user


def user_set_password(*, actor: Actor, user: User, password: str) -> User:
    with transaction.atomic():
        accounts.user_set_password(user=user, password=password)
        _log(
            actor,
            name="administration.users.set_password",
            operation=Operation.UPDATE,
            object_type="user",
            object_id=user.pk,
            user=user,
        )
        _hold(actor, user, HoldReason.PASSWORD_SET)
    return user


def user_set_active(*, actor: Actor, user: User, is_active: bool) -> User:
    _refuse_self_deactivation(actor, user, is_active=is_active)
    action = "activate" if is_active else "deactivate"
    with transaction.atomic():
        accounts.user_set_active(user=user, is_active=is_active)
        _log(
            actor,
            name=f"administration.users.{action}",
            operation=Operation.UPDATE,
            object_type="user",
            object_id=user.pk,
            user=user,
        )
    return user


def user_second_factor_reset(*, actor: Actor, user: User) -> int:
    with transaction.atomic():
        removed = accounts.user_second_factor_reset(user=user)
        _log(
            actor,
            name="administration.users.reset_second_factor",
            operation=Operation.UPDATE,
            object_type="user",
            object_id=user.pk,
            user=user,
        )
        _hold(actor, user, HoldReason.SECOND_FACTOR_RESET)
    return removed


# --- Holds: a login the administrator changed waits for a second person (AccountHold). ---


def _hold(actor: Actor, user: User, reason: HoldReason) -> AccountHold | None:
    hold = accounts.account_hold_create(user=user, reason=reason, held_by_id=actor.user_id)
    if hold is not None:
        _log(
            actor,
            name="administration.users.hold",
            operation=Operation.UPDATE,
            object_type="account_hold",
            object_id=hold.pk,
            user=user,
        )
    return hold


def account_hold_release(
    *, actor: Actor, hold: AccountHold, facts: HoldFacts, note: str
) -> AccountHold:
    """A second person confirms the administrator's change with the account's holder; once no
    hold is open, the account's roles count again."""
    if not may_release_hold(actor, facts):
        raise ValidationError(_("You cannot confirm this change."))
    with transaction.atomic():
        accounts.account_hold_release(hold=hold, released_by_id=actor.user_id, note=note)
        _log(
            actor,
            name="administration.users.hold_release",
            operation=Operation.UPDATE,
            object_type="account_hold",
            object_id=hold.pk,
            user=hold.user,
        )
    return hold


# --- Memberships ---


def membership_create(
    *,
    actor: Actor,
    user: User,
    organisation: Organisation,
    role: str,
    valid_from: date,
    valid_until: date | None,
) -> Membership:
    if not may_grant_membership(actor, user_id=user.pk):
        raise ValidationError(
            _("You cannot give your own account a role: another administrator does that.")
        )
    with transaction.atomic():
        membership = accounts.membership_create(
            user=user,
            organisation=organisation,
            role=role,
            valid_from=valid_from,
            valid_until=valid_until,
            granted_by_id=actor.user_id,
        )
        _log(
            actor,
            name="administration.memberships.create",
            operation=Operation.CREATE,
            object_type="membership",
            object_id=membership.pk,
            user=user,
        )
    return membership


def membership_end(*, actor: Actor, membership: Membership) -> Membership:
    # Ending the role one works in right now would lock the administrator out mid-session.
    if membership.pk == actor.membership_id:
        raise ValidationError(_("You cannot end the membership you are working in now."))
    with transaction.atomic():
        accounts.membership_end(membership=membership)
        _log(
            actor,
            name="administration.memberships.end",
            operation=Operation.UPDATE,
            object_type="membership",
            object_id=membership.pk,
            user=membership.user,
        )
    return membership


# --- Approval of grants: the second person (docs/access.md, "Separation of duties"). ---


def _refuse_unless_approver(actor: Actor, grant: GrantFacts) -> None:
    if actor.user_id == grant.member_user_id:
        raise ValidationError(_("You cannot approve or refuse a grant of your own role."))
    if is_party_to_grant(actor, grant):
        raise ValidationError(
            _("You granted this role yourself: another person approves or refuses it.")
        )
    if not may_approve_membership(actor, grant):
        raise ValidationError(_("You cannot approve or refuse this grant."))


def membership_approve(*, actor: Actor, membership: Membership, grant: GrantFacts) -> Membership:
    """The second person approves a grant; from then on it gives its rights."""
    _refuse_unless_approver(actor, grant)
    with transaction.atomic():
        accounts.membership_approve(membership=membership, decided_by_id=actor.user_id)
        _log(
            actor,
            name="administration.memberships.approve",
            operation=Operation.UPDATE,
            object_type="membership",
            object_id=membership.pk,
            user=membership.user,
        )
    return membership


def membership_refuse(
    *, actor: Actor, membership: Membership, grant: GrantFacts, reason: str
) -> Membership:
    """The second person refuses a grant, with a reason; it never gives rights."""
    _refuse_unless_approver(actor, grant)
    with transaction.atomic():
        accounts.membership_refuse(
            membership=membership, decided_by_id=actor.user_id, reason=reason
        )
        _log(
            actor,
            name="administration.memberships.refuse",
            operation=Operation.UPDATE,
            object_type="membership",
            object_id=membership.pk,
            user=membership.user,
        )
    return membership
