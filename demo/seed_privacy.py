"""What waits for the privacy officer of Wijkstad (Frits Functionaris), all fictional.

The privacy officer's start page (privacy.work_queue, portal.work_queue) counts three things;
the demo gives each a few, made the way people make them in Schakel, so that the processing
log holds every step behind the counts:

- grants awaiting approval: the administrator has created the accounts of three new
  colleagues and granted them a role (administration.services, logged as the
  administrator's work); the privacy officer has not yet approved them;
- emergency accesses to review: Wijkstad's stand-in lead opened three of the lead's cases by
  emergency access and read them (the case gates and cases.services.break_glass_open); the
  privacy officer has reviewed one and found it justified (privacy.break_glass);
- accounts marked on the usage page: the school's account walked case numbers it is not on
  (each refusal logged by the case gates), and the intake desk ran more "already known?"
  checks in one day than the threshold (signals.known, one trace per check, as one request
  per check would give). The checks' rate limit belongs to the page, not to the service, so
  the seed plays the day's checks at once.

The usage page counts the last seven days, so these marks age like the rest of the demo.
Once: the grants are found by their accounts, the rest by the demo emergency accesses.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from access.actor import actor_for_membership
from access.facts import Actor
from accounts.models import Membership, Organisation, Role, User
from administration.services import membership_create, user_create
from audit.trace import TraceContext, new_span_id, reset_trace, set_trace
from cases.gates import cases_visible_to, get_case_for_break_glass, get_case_for_user
from cases.models import BreakGlassAccess, Case
from cases.services import break_glass_open
from persons.matching import PersonQuery
from privacy.break_glass import break_glass_review, get_access_for_review
from signals.known import already_known


@dataclass(frozen=True)
class NewColleague:
    local_part: str
    full_name: str
    organisation: str
    role: str


# New colleagues whose role the administrator granted and the privacy officer still approves.
NEW_COLLEAGUES = [
    NewColleague("wijkteam", "Wim Wijkteam (demo)", "Wijkteam Wijkstad-Noord", Role.PARTNER),
    NewColleague(
        "politie.nieuw", "Noor Nieuwkomer (demo)", "Politie Eenheid Lage Landen", Role.PARTNER
    ),
    NewColleague("meldpunt.nieuw", "Lotte Loket (demo)", "Gemeente Wijkstad", Role.INTAKE),
]

# The stand-in lead's emergency accesses: (surname of the case's person, reason, finding of
# the privacy officer or "" while it waits for review).
EMERGENCY_ACCESSES = [
    (
        "Oefenberg",
        "[demo] Avonddienst: de politie meldt mogelijk contact van de jongere met familie in "
        "Wijkstad; de dossierhouder is niet bereikbaar.",
        "",
    ),
    (
        "Voorbeeld",
        "[demo] Waarneming tijdens verlof van de dossierhouder: de school meldt dat zij vandaag "
        "niet op school is.",
        "",
    ),
    (
        "Proefhuis",
        "[demo] De reclassering belt over een gemiste afspraak; de dossierhouder zit in een "
        "overleg dat niet kan worden gestoord.",
        "justified",
    ),
]
REVIEW_NOTE = "[demo] Nagevraagd bij de dossierhouder: de waarneming was afgesproken."
STAND_IN = "waarnemer"
PRIVACY_OFFICER = "privacy"
ADMINISTRATOR = "beheer"
SCHOOL = "school"
INTAKE = "meldpunt"

# The names the intake desk checked: classmates after an incident at a school (invented).
GIVEN_NAMES = (
    "Aya", "Bram", "Cas", "Dewi", "Emre", "Fleur", "Gijs", "Hana", "Ilias", "Jade", "Kian",
    "Lieke", "Mees", "Nora", "Omar", "Pien", "Quinten", "Roos", "Sem", "Tess", "Umut",
    "Vera", "Wout", "Yara", "Zeno",
)  # fmt: skip
CHECKED_SURNAMES = ("Oefenklas", "Proefleerling")


def _membership(local_part: str, domain: str) -> Membership | None:
    return (
        Membership.objects.current()
        .select_related("organisation", "user")
        .filter(user__email=f"{local_part}@{domain}")
        .order_by("pk")
        .first()
    )


def _grant_new_colleagues(admin: Membership, password: str, domain: str) -> None:
    """The administrator's work: an account and a role for each new colleague. The role
    waits for the second person; the account is a demo account like the others."""
    actor = actor_for_membership(admin)
    for colleague in NEW_COLLEAGUES:
        email = f"{colleague.local_part}@{domain}"
        if User.objects.filter(email=email).exists():
            continue
        user = user_create(actor=actor, email=email, full_name=colleague.full_name)
        user.is_demo = True
        user.set_password(password)
        user.save(update_fields=["is_demo", "password"])
        membership_create(
            actor=actor,
            user=user,
            organisation=Organisation.objects.get(name=colleague.organisation),
            role=colleague.role,
            valid_from=timezone.localdate(),
            valid_until=None,
        )


def _emergency_accesses(stand_in: Membership, officer: Membership) -> None:
    actor = actor_for_membership(stand_in)
    for surname, reason, finding in EMERGENCY_ACCESSES:
        case = Case.objects.filter(subject__surname=surname).order_by("pk").first()
        if case is None:
            continue
        # As the emergency access page does: the step's own gate, the access, then the case.
        case, _facts = get_case_for_break_glass(actor, case.pk)
        access = break_glass_open(actor=actor, user=stand_in.user, case=case, reason=reason)
        get_case_for_user(actor, case.pk)
        if finding:
            officer_actor = actor_for_membership(officer)
            access = get_access_for_review(officer_actor, access.pk)
            break_glass_review(
                actor=officer_actor,
                user=officer.user,
                access=access,
                finding=finding,
                note=REVIEW_NOTE,
            )


def _walk_case_numbers(school: Membership) -> None:
    """The school's account opens cases it is not on, and their emergency access step: each
    attempt is refused (404) and logged, until the day's count reaches the threshold."""
    actor = actor_for_membership(school)
    visible = cases_visible_to(actor).values("pk")
    others = list(Case.objects.exclude(pk__in=visible).order_by("pk").values_list("pk", flat=True))
    if not others:
        return
    attempts = settings.USAGE_REFUSALS_PER_DAY + 2
    for attempt in range(attempts):
        case_id = others[(attempt // 2) % len(others)]
        gate = get_case_for_user if attempt % 2 == 0 else get_case_for_break_glass
        try:
            gate(actor, case_id)
        except Http404:
            continue


def _one_check(actor: Actor, query: PersonQuery) -> None:
    """One check as one request makes it: a trace of its own."""
    token = set_trace(TraceContext(secrets.token_hex(16), new_span_id(), "system"))
    try:
        already_known(actor, query)
    finally:
        reset_trace(token)


def _many_checks(intake: Membership) -> None:
    actor = actor_for_membership(intake)
    year = timezone.localdate().year - 15
    for n in range(settings.USAGE_KNOWN_CHECKS_PER_DAY + 1):
        query = PersonQuery(
            surname=CHECKED_SURNAMES[n % len(CHECKED_SURNAMES)],
            given_names=GIVEN_NAMES[n % len(GIVEN_NAMES)],
            birth_year=year,
        )
        _one_check(actor, query)


@transaction.atomic
def seed_privacy(*, password: str, domain: str) -> None:
    admin = _membership(ADMINISTRATOR, domain)
    officer = _membership(PRIVACY_OFFICER, domain)
    stand_in = _membership(STAND_IN, domain)
    school = _membership(SCHOOL, domain)
    intake = _membership(INTAKE, domain)
    if admin is not None:
        _grant_new_colleagues(admin, password, domain)
    if BreakGlassAccess.objects.filter(reason__startswith="[demo]").exists():
        return  # seeded before
    if stand_in is not None and officer is not None:
        _emergency_accesses(stand_in, officer)
    if school is not None:
        _walk_case_numbers(school)
    if intake is not None:
        _many_checks(intake)
