"""Write functions of accounts (keyword-only, typed, atomic)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.login_names import normalise_login_name
from accounts.models import (
    AccountHold,
    ApiToken,
    GrantOrigin,
    HoldReason,
    Membership,
    MembershipStatus,
    Municipality,
    Organisation,
    Region,
    Role,
    User,
    UserManager,
    membership_transition_allowed,
)

MAX_TOKEN_DAYS = 90


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, membership: Membership, name: str, days: int = 30) -> tuple[ApiToken, str]:
    """Creates a token for one membership; the plaintext is returned once and never stored."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"A token lives 1 to {MAX_TOKEN_DAYS} days.")
    prefix = secrets.token_hex(4)
    plaintext = f"schakel_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        membership=membership,
        name=name,
        prefix=prefix,
        key_hash=hash_token(plaintext),
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# --- Administration: regions, municipalities, organisations, users and memberships. ---
# Called by the administration app, which wraps each call in a transaction together with
# its processing record (accounts may not import audit; see DESIGN §6 on import direction).

MUNICIPALITY_CODE = RegexValidator(
    r"^GM\d{4}$",
    message=_("A municipality code is GM followed by four digits, for example GM0363."),
)


def _check_municipality_code(code: str) -> None:
    try:
        MUNICIPALITY_CODE(code)
    except ValidationError as error:
        raise ValidationError({"code": error.messages}) from error


@transaction.atomic
def region_create(*, name: str) -> Region:
    region = Region(name=name.strip())
    region.full_clean()
    region.save()
    return region


@transaction.atomic
def region_update(*, region: Region, name: str) -> Region:
    region.name = name.strip()
    region.full_clean()
    region.save(update_fields=["name"])
    return region


@transaction.atomic
def municipality_create(
    *, name: str, code: str, size: str, region: Region, police_contact: User | None = None
) -> Municipality:
    municipality = Municipality(
        name=name.strip(),
        code=code.strip().upper(),
        size=size,
        region=region,
        police_contact=police_contact,
    )
    _check_municipality_code(municipality.code)
    municipality.full_clean()
    municipality.save()
    return municipality


@transaction.atomic
def municipality_update(
    *,
    municipality: Municipality,
    name: str,
    code: str,
    size: str,
    region: Region,
    police_contact: User | None = None,
) -> Municipality:
    """Changes a municipality. Moving it to another region moves its organisations along,
    because an organisation of a municipality works in that municipality's region."""
    municipality.name = name.strip()
    municipality.code = code.strip().upper()
    municipality.size = size
    municipality.region = region
    municipality.police_contact = police_contact
    _check_municipality_code(municipality.code)
    municipality.full_clean()
    municipality.save(update_fields=["name", "code", "size", "region", "police_contact"])
    municipality.organisations.exclude(region=region).update(region=region)
    return municipality


def _check_organisation_region(organisation: Organisation) -> None:
    municipality = organisation.municipality
    if municipality is not None and municipality.region_id != organisation.region_id:
        raise ValidationError(
            {
                "municipality": _(
                    "This municipality lies in another region; choose the region of the "
                    "municipality or another municipality."
                )
            }
        )


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    region: Region,
    municipality: Municipality | None = None,
    professional_secrecy: bool = False,
) -> Organisation:
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        region=region,
        municipality=municipality,
        professional_secrecy=professional_secrecy,
    )
    organisation.full_clean()
    _check_organisation_region(organisation)
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    region: Region,
    municipality: Municipality | None,
    professional_secrecy: bool,
) -> Organisation:
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.region = region
    organisation.municipality = municipality
    organisation.professional_secrecy = professional_secrecy
    organisation.full_clean()
    _check_organisation_region(organisation)
    organisation.save(
        update_fields=["name", "kind", "region", "municipality", "professional_secrecy"]
    )
    return organisation


def normalise_email(email: str) -> str:
    """Addresses are stored in lower case; login compares them case-insensitively too."""
    return normalise_login_name(UserManager.normalize_email(email.strip()))


def _refuse_taken_email(email: str, *, except_user: User | None = None) -> None:
    others = User.objects.filter(email__iexact=email)
    if except_user is not None:
        others = others.exclude(pk=except_user.pk)
    if others.exists():
        raise ValidationError({"email": _("Another account already uses this e-mail address.")})


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None = None) -> User:
    """Creates an account. Without a password the account gets an unusable one: the person
    then logs in through single sign-on, or after an administrator sets a password."""
    user = User(email=normalise_email(email), full_name=full_name.strip())
    _refuse_taken_email(user.email)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_update(*, user: User, email: str, full_name: str, is_active: bool) -> User:
    user.email = normalise_email(email)
    user.full_name = full_name.strip()
    user.is_active = is_active
    _refuse_taken_email(user.email, except_user=user)
    user.full_clean()
    user.save(update_fields=["email", "full_name", "is_active"])
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def user_set_active(*, user: User, is_active: bool) -> User:
    """Deactivating keeps the account and its history; an inactive account cannot log in."""
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_second_factor_reset(*, user: User) -> int:
    """Removes the user's authenticator devices; the next login walks through enrolment.

    Returns how many devices were removed.
    """
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    return removed


@transaction.atomic
def membership_create(
    *,
    user: User,
    organisation: Organisation,
    role: str,
    valid_from: date,
    valid_until: date | None = None,
    granted_by_id: int,
) -> Membership:
    """Records a grant. It gives no rights until a second person approves it
    (``membership_approve``); the granter is recorded and may never be the member."""
    if granted_by_id == user.pk:
        raise ValidationError(_("Nobody grants a role to themselves."))
    overlapping = Membership.objects.exclude(status=MembershipStatus.REFUSED).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from),
        user=user,
        organisation=organisation,
        role=role,
    )
    if valid_until is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_until)
    if overlapping.exists():
        raise ValidationError(
            _(
                "This person already has this role at this organisation in (part of) this "
                "period. End the current membership first."
            )
        )
    membership = Membership(
        user=user,
        organisation=organisation,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
        status=MembershipStatus.PENDING,
        origin=GrantOrigin.ADMINISTRATION,
        granted_by_id=granted_by_id,
        granted_at=timezone.now(),
    )
    membership.full_clean()
    membership.save()
    return membership


def _decide(
    membership: Membership, *, decided_by_id: int, status: MembershipStatus, reason: str
) -> Membership:
    """Moves a pending grant to ``status`` once. The UPDATE is filtered on "still pending",
    so of two approvers deciding at the same moment one wins and the other is told."""
    if decided_by_id in {membership.user_id, membership.granted_by_id}:
        raise ValidationError(
            _("A grant is approved by someone other than the granter and the member.")
        )
    if not membership_transition_allowed(membership.status, status):
        raise ValidationError(_("This grant has already been decided."))
    now = timezone.now()
    changed = Membership.objects.filter(pk=membership.pk, status=MembershipStatus.PENDING).update(
        status=status, decided_by_id=decided_by_id, decided_at=now, decision_reason=reason
    )
    if changed != 1:
        raise ValidationError(_("This grant has already been decided."))
    membership.refresh_from_db()
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, decided_by_id: int) -> Membership:
    """The second person approves a grant: from now on it gives rights (within its period)."""
    return _decide(
        membership, decided_by_id=decided_by_id, status=MembershipStatus.APPROVED, reason=""
    )


@transaction.atomic
def membership_refuse(*, membership: Membership, decided_by_id: int, reason: str) -> Membership:
    """The second person refuses a grant, with a reason; it never gives rights."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for refusing.")})
    return _decide(
        membership, decided_by_id=decided_by_id, status=MembershipStatus.REFUSED, reason=reason
    )


@transaction.atomic
def membership_end(*, membership: Membership, on: date | None = None) -> Membership:
    """Ends a membership on ``on`` (today by default). The row stays: history matters."""
    last_day = on or timezone.localdate()
    if membership.status != MembershipStatus.APPROVED:
        raise ValidationError(
            _("This role was never approved, so there is nothing to end: it gives no rights.")
        )
    if membership.valid_until is not None and membership.valid_until < last_day:
        raise ValidationError(_("This membership has already ended."))
    if membership.valid_from > last_day:
        raise ValidationError(
            _("This membership has not started yet, so it cannot end before its first day.")
        )
    membership.valid_until = last_day
    membership.full_clean()
    membership.save(update_fields=["valid_until"])
    return membership


# --- Holds: a login changed by the administrator waits for a second person. ---


def roles_put_on_hold(user: User) -> list[Membership]:
    """The user's roles that a hold would stop: current roles other than the administrator's
    (a hold on an account without such roles would guard nothing)."""
    return list(
        Membership.objects.in_force()
        .filter(user=user)
        .exclude(role=Role.ADMIN)
        .select_related("organisation")
    )


@transaction.atomic
def account_hold_create(*, user: User, reason: HoldReason, held_by_id: int) -> AccountHold | None:
    """Puts the account on hold when it has roles that open personal data; else None.

    An account already on hold gets a second hold for the second change: each change is
    confirmed on its own, and the roles count again once no hold is open."""
    if not roles_put_on_hold(user):
        return None
    return AccountHold.objects.create(
        user=user, reason=reason, held_at=timezone.now(), held_by_id=held_by_id
    )


@transaction.atomic
def account_hold_release(*, hold: AccountHold, released_by_id: int, note: str) -> AccountHold:
    """A second person confirms, with how they checked it, that the person asked for the
    change. The UPDATE is filtered on "still open", so a second confirmation is told."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say how you checked this with the person.")})
    if released_by_id in {hold.user_id, hold.held_by_id}:
        raise ValidationError(
            _(
                "The change is confirmed by someone other than the administrator who made it "
                "and the account's holder."
            )
        )
    changed = AccountHold.objects.filter(pk=hold.pk, released_at__isnull=True).update(
        released_at=timezone.now(), released_by_id=released_by_id, release_note=note
    )
    if changed != 1:
        raise ValidationError(_("This change has already been confirmed."))
    hold.refresh_from_db()
    return hold
