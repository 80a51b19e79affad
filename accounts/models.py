"""People and organisations: who works in Schakel, for which organisation, in which role."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.login_names import normalise_login_name


class Region(models.Model):
    """A Zorg- en Veiligheidshuis region that serves several municipalities."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("Name of the safety house region.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality: the tenant whose data stay separate from other municipalities'."""

    class Size(models.TextChoices):
        SMALL = "small", _("small")
        MEDIUM = "medium", _("middle-sized")
        LARGE = "large", _("large")

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("Name of the municipality.")
    )
    code = models.CharField(
        _("municipality code"),
        max_length=6,
        unique=True,
        help_text=_("Municipality code in the form GM0000 (fictional in demo data)."),
    )
    size = models.CharField(
        _("size"),
        max_length=10,
        choices=Size.choices,
        default=Size.MEDIUM,
        help_text=_("Rough size; small municipalities may rely on a regional lead."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("region"),
        help_text=_("The safety house region that serves this municipality."),
    )
    police_contact = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("police contact"),
        help_text=_("The police professional who is told at once about an acute signal."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A chain partner: an organisation whose professionals take part in the approach."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        POLICE = "police", _("police")
        PROSECUTION = "prosecution", _("public prosecutor")
        SAFETY_HOUSE = "safety_house", _("safety house (ZVH)")
        CHILD_PROTECTION = "child_protection", _("child protection board")
        YOUTH_CARE = "youth_care", _("youth care")
        MENTAL_HEALTH = "mental_health", _("mental health care")
        PROBATION = "probation", _("probation service")
        SCHOOL = "school", _("school")
        SOCIAL_TEAM = "social_team", _("social district team")
        EXIT_FACILITY = "exit_facility", _("exit facility (LSE)")
        OTHER = "other", _("other")

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("Name of the organisation.")
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("The kind of chain partner; decides which information it may receive."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("region"),
        help_text=_("The region the organisation works in."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
        help_text=_(
            "For a municipal organisation: which municipality it is. Empty for regional partners."
        ),
    )
    professional_secrecy = models.BooleanField(
        _("professional secrecy"),
        default=False,
        help_text=_(
            "Its professionals have a duty of professional secrecy (e.g. doctors, youth care)."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="municipality") | Q(municipality__isnull=False),
                name="municipal_organisation_has_municipality",
                violation_error_message=_("A municipal organisation needs its municipality."),
            )
        ]

    def __str__(self) -> str:
        return self.name


# A phone number as people write it: digits with spaces, dashes, dots or brackets, perhaps a
# leading + (+31 6 1234 5678, 020-123 45 67); 10 to 15 digits, the length of Dutch and
# international numbers.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().-]+$")
PHONE_DIGITS = (10, 15)


def validate_work_phone(value: str) -> None:
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise ValidationError(
            _("Enter a phone number of 10 to 15 digits, such as 06 1234 5678 or +31 20 123 4567."),
            code="invalid_phone",
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=normalise_login_name(self.normalize_email(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")

    def leads_of(self, municipality: Municipality) -> models.QuerySet[User]:
        """Active users with a current lead membership at the municipality's organisation."""
        return self.filter(
            is_active=True,
            memberships__in=Membership.objects.current().filter(
                role=Role.LEAD, organisation__municipality=municipality
            ),
        ).distinct()


class User(AbstractBaseUser):
    """A person who logs in. What they may do follows from their memberships only.

    There is deliberately no superuser flag and no Django permission system: every right
    comes from a Membership and is decided by the access policy.
    """

    email = models.EmailField(
        _("e-mail address"), unique=True, help_text=_("Used to log in; one account per person.")
    )
    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("Name shown to colleagues and in logs.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive account cannot log in.")
    )
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Fictional demo account; it can only log in while demo mode is on."),
    )
    date_joined = models.DateTimeField(_("created"), default=timezone.now)
    # What the person chooses to show the teams of the cases they work on (issue 13): each
    # field is optional and filled in by the person on "Mijn account"; an empty field or an
    # unticked choice shows nothing.
    job_title = models.CharField(
        _("function"),
        max_length=100,
        blank=True,
        help_text=_("Your job title, shown beside your name on the teams of your cases."),
    )
    work_phone = models.CharField(
        _("work phone number"),
        max_length=30,
        blank=True,
        validators=[validate_work_phone],
        help_text=_("A work number colleagues on your cases may call; leave empty to show none."),
    )
    share_email = models.BooleanField(
        _("show my e-mail address"),
        default=False,
        help_text=_("Show your e-mail address to the teams of the cases you work on."),
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def active_memberships(self) -> models.QuerySet[Membership]:
        return self.memberships.current().select_related(
            "organisation", "organisation__municipality", "organisation__region"
        )


class Role(models.TextChoices):
    LEAD = "lead", _("radicalisation lead (dossierhouder)")
    PROCESS_DIRECTOR = "process_director", _("process director")
    PARTNER = "partner", _("chain partner professional")
    INTAKE = "intake", _("intake desk")
    MAYOR_OFFICE = "mayor_office", _("mayor's office")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
    ADMIN = "admin", _("functional administrator")


class MembershipStatus(models.TextChoices):
    """Where a grant stands: only an approved membership gives rights (docs/access.md,
    "Separation of duties")."""

    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


# A grant is decided once, by a second person. An approved membership ends by its last day
# (valid_until, set by membership_end), not by another status: the period stays the one
# answer to "when", and an ended membership keeps its approval as history.
MEMBERSHIP_TRANSITIONS: dict[MembershipStatus, frozenset[MembershipStatus]] = {
    MembershipStatus.PENDING: frozenset({MembershipStatus.APPROVED, MembershipStatus.REFUSED}),
    MembershipStatus.APPROVED: frozenset(),
    # Final: the administrator grants again, and that new grant is judged afresh.
    MembershipStatus.REFUSED: frozenset(),
}


def membership_transition_allowed(current: str, target: str) -> bool:
    return MembershipStatus(target) in MEMBERSHIP_TRANSITIONS[MembershipStatus(current)]


class GrantOrigin(models.TextChoices):
    ADMINISTRATION = "administration", _("granted in the administration")
    MIGRATION = "migration", _("existed before two-person approval")
    DEMO_SEED = "demo_seed", _("demo data")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def in_force(self) -> MembershipQuerySet:
        """Approved and within its period, of an active account (holds aside)."""
        today = timezone.localdate()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            valid_from__lte=today,
            status=MembershipStatus.APPROVED,
            user__is_active=True,
        )

    def current(self) -> MembershipQuerySet:
        """The memberships that give rights: in force, and not stopped by a hold. A grant
        awaiting approval (or refused) is never current; of an account whose login the
        administrator changed, only the admin role counts until a second person confirms
        (AccountHold)."""
        held_users = AccountHold.objects.filter(released_at__isnull=True).values("user_id")
        return self.in_force().exclude(~Q(role=Role.ADMIN) & Q(user_id__in=held_users))

    def pending(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.PENDING)

    def ended(self) -> MembershipQuerySet:
        """Approved memberships whose last day has passed."""
        return self.filter(status=MembershipStatus.APPROVED, valid_until__lt=timezone.localdate())


class Membership(models.Model):
    """A user works for an organisation in a role. The only source of rights."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
        help_text=_("The person."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
        help_text=_("The organisation the person works for in this role."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        help_text=_("What the person does in Schakel for this organisation."),
    )
    valid_from = models.DateField(
        _("valid from"), default=timezone.localdate, help_text=_("First day of the membership.")
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Last day of the membership; empty while it lasts."),
    )

    # Two-person approval (docs/access.md, "Separation of duties"): a grant gives rights
    # only once someone other than the granter and the member has approved it.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
        help_text=_("Awaiting approval, approved or refused; only an approved role counts."),
    )
    origin = models.CharField(
        _("origin"),
        max_length=20,
        choices=GrantOrigin.choices,
        default=GrantOrigin.ADMINISTRATION,
        help_text=_(
            "How the membership came about: granted in the administration, or existing "
            "before two-person approval (migration), or demo data."
        ),
    )
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role granted by"),
        help_text=_("The administrator who granted the role; empty for migrated or demo roles."),
    )
    granted_at = models.DateTimeField(
        _("granted at"), null=True, blank=True, help_text=_("When the role was granted.")
    )
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or refused by"),
        help_text=_(
            "The second person who approved or refused the grant; empty for migrated or demo roles."
        ),
    )
    decided_at = models.DateTimeField(
        _("approved or refused at"),
        null=True,
        blank=True,
        help_text=_("When the grant was approved or refused."),
    )
    decision_reason = models.TextField(
        _("reason for refusal"),
        blank=True,
        max_length=2000,
        help_text=_("Why the grant was refused."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # One open membership per user, organisation and role; an ended one may be
            # followed by a new one (people come back), and the old row stays as history.
            # A refused grant does not count: the role may be granted again.
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(valid_until__isnull=True) & ~Q(status="refused"),
                name="unique_open_membership",
                violation_error_message=_(
                    "This person already has this role at this organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_period_in_order",
                violation_error_message=_("The end date lies before the start date."),
            ),
            # The database holds the separation of duties too: nobody grants or approves a
            # role of their own, and the granter is not the approver.
            models.CheckConstraint(
                condition=Q(granted_by__isnull=True) | ~Q(granted_by=models.F("user")),
                name="membership_not_granted_to_self",
                violation_error_message=_("Nobody grants a role to themselves."),
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | (~Q(decided_by=models.F("user")) & ~Q(decided_by=models.F("granted_by"))),
                name="membership_decided_by_a_second_person",
                violation_error_message=_(
                    "A grant is approved by someone other than the granter and the member."
                ),
            ),
            # Decided exactly when no longer pending.
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="membership_decision_recorded",
                violation_error_message=_("A decided grant records when it was decided."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    def standing(self) -> str:
        """Where the membership stands today, for lists: the approval first, then the period."""
        if self.status != MembershipStatus.APPROVED:
            return str(self.get_status_display())
        today = timezone.localdate()
        if self.valid_from > today:
            return str(_("not started yet"))
        if self.valid_until is not None and self.valid_until < today:
            return str(_("ended"))
        return str(_("current"))

    def clean(self) -> None:
        super().clean()
        allowed = ROLE_ORGANISATION_KINDS.get(Role(self.role)) if self.role else None
        if allowed is None or self.organisation_id is None:
            return
        if self.organisation.kind not in allowed:
            raise ValidationError(
                {
                    "role": _("This role belongs at another kind of organisation: %(kinds)s.")
                    % {"kinds": ", ".join(str(Organisation.Kind(k).label) for k in allowed)}
                }
            )


# Roles that only make sense at some kinds of organisation. The policy relies on this: a
# lead acts for the municipality of their organisation, a process director for its region.
ROLE_ORGANISATION_KINDS: dict[Role, tuple[str, ...]] = {
    Role.LEAD: (Organisation.Kind.MUNICIPALITY,),
    Role.MAYOR_OFFICE: (Organisation.Kind.MUNICIPALITY,),
    Role.PROCESS_DIRECTOR: (Organisation.Kind.SAFETY_HOUSE,),
    Role.INTAKE: (Organisation.Kind.MUNICIPALITY, Organisation.Kind.SAFETY_HOUSE),
}


class ApiToken(models.Model):
    """A bearer token for the API, bound to one membership. Only its hash is stored."""

    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("membership"),
        help_text=_("The role the token acts in."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the system using it.")
    )
    prefix = models.CharField(
        _("prefix"), max_length=12, unique=True, help_text=_("First characters, to recognise it.")
    )
    key_hash = models.CharField(
        _("key hash"), max_length=64, unique=True, help_text=_("SHA-256 of the secret key.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("expires"), help_text=_("After this moment the token no longer works.")
    )
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, help_text=_("When the token was withdrawn.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class HoldReason(models.TextChoices):
    PASSWORD_SET = "password_set", _("the administrator set a new password")
    SECOND_FACTOR_RESET = "second_factor_reset", _("the administrator reset the second factor")
    EMAIL_CHANGED = "email_changed", _("the administrator changed the e-mail address")


class AccountHold(models.Model):
    """An account whose login the administrator changed: its roles wait for a second person.

    Setting a password, resetting the second factor or changing the e-mail address (the login
    name) lets whoever did it log in as the account. So when the administrator does one of
    these to an account with a role that opens personal data, those roles stop counting
    (MembershipQuerySet.current) until an approver of those roles confirms, with a note on how
    they checked it with the person, that the change was the person's own request. Separation
    of duties (docs/access.md): the administrator alone can never become someone else.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="holds",
        verbose_name=_("user"),
        help_text=_("The account whose roles wait."),
    )
    reason = models.CharField(_("reason"), max_length=30, choices=HoldReason.choices)
    held_at = models.DateTimeField(_("held at"), help_text=_("When the login was changed."))
    held_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
        help_text=_("The administrator who changed the login."),
    )
    released_at = models.DateTimeField(
        _("confirmed at"), null=True, blank=True, help_text=_("When a second person confirmed.")
    )
    released_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
        help_text=_("The second person who confirmed the change with the account's holder."),
    )
    release_note = models.CharField(
        _("how it was checked"),
        max_length=2000,
        blank=True,
        help_text=_("How the second person checked that the person asked for the change."),
    )

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("account hold")
        verbose_name_plural = _("account holds")
        constraints = [
            models.CheckConstraint(
                condition=Q(released_by__isnull=True)
                | (~Q(released_by=models.F("user")) & ~Q(released_by=models.F("held_by"))),
                name="account_hold_released_by_a_second_person",
                violation_error_message=_(
                    "The change is confirmed by someone other than the administrator who made "
                    "it and the account's holder."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_reason_display()}"
