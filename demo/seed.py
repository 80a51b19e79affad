"""Fictional demo data: a region, three municipalities, one organisation of every type and
the demo accounts of README.md. Every name, function and phone number here is invented (the
numbers are of the form 06 00000 0xx, which no provider issues).

Idempotent: records are found by their natural keys and only changed when they differ, so a
second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction

from access.actor import actor_for_membership
from accounts.models import (
    GrantOrigin,
    Membership,
    MembershipStatus,
    Municipality,
    Organisation,
    Region,
    Role,
    User,
)
from accounts.services_profile import user_profile_update
from audit.models import Operation
from audit.services import log_processing
from demo.seed_cases import seed_cases
from demo.seed_preparedness import seed_preparedness
from demo.seed_privacy import seed_privacy
from demo.seed_reports import seed_reports
from demo.seed_signals import seed_signals
from demo.seed_triangle import seed_triangle
from demo.seed_workday import seed_workday
from measures.services import catalogue_load

DEMO_PASSWORD = "demo"  # noqa: S105 - only accepted while demo mode is on (accounts.backends)
DEMO_DOMAIN = "schakel.example"
REGION_NAME = "Zorg- en Veiligheidshuis Lage Landen"
# When the seed "approved" the demo roles: a fixed moment, so that a second run changes nothing.
DEMO_DECIDED_AT = datetime(2025, 1, 1, tzinfo=UTC)

MUNICIPALITIES = [
    # name, fictional code (GM99xx is not a real CBS code range in use), size
    ("Wijkstad", "GM9901", Municipality.Size.MEDIUM),
    ("Polderveen", "GM9902", Municipality.Size.SMALL),
    ("Dijkhoven", "GM9903", Municipality.Size.SMALL),
]

K = Organisation.Kind
ORGANISATIONS = [
    # name, kind, municipality name or None, professional secrecy
    ("Gemeente Wijkstad", K.MUNICIPALITY, "Wijkstad", False),
    ("Gemeente Polderveen", K.MUNICIPALITY, "Polderveen", False),
    ("Gemeente Dijkhoven", K.MUNICIPALITY, "Dijkhoven", False),
    ("Politie Eenheid Lage Landen", K.POLICE, None, False),
    ("Arrondissementsparket Lage Landen", K.PROSECUTION, None, False),
    (REGION_NAME, K.SAFETY_HOUSE, None, False),
    ("Kinderbeschermingsregio Lage Landen", K.CHILD_PROTECTION, None, False),
    ("Jeugdhulp Lage Landen", K.YOUTH_CARE, None, True),
    ("GGZ De Lage Landen", K.MENTAL_HEALTH, None, True),
    ("Reclasseringsteam Lage Landen", K.PROBATION, None, False),
    ("Scholengemeenschap De Wijkse Horizon", K.SCHOOL, "Wijkstad", False),
    ("Wijkteam Wijkstad-Noord", K.SOCIAL_TEAM, "Wijkstad", False),
    ("Exitbegeleiding Lage Landen", K.EXIT_FACILITY, None, True),
    ("Stichting Buurtbemiddeling Lage Landen", K.OTHER, None, False),
]


@dataclass(frozen=True)
class DemoAccount:
    local_part: str
    full_name: str
    organisation: str
    role: str
    # What the person shares with the teams of their cases ("Mijn account"): a function, a
    # fictional work number and whether the e-mail address shows. Empty shares nothing.
    job_title: str = ""
    work_phone: str = ""
    share_email: bool = False

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


ACCOUNTS = [
    DemoAccount(
        "dossierhouder",
        "Daan Dossier (demo)",
        "Gemeente Wijkstad",
        Role.LEAD,
        "Dossierhouder radicalisering en polarisatie",
        "06 00000 001",
        True,
    ),
    DemoAccount(
        "dossierhouder.polderveen",
        "Petra Polder (demo)",
        "Gemeente Polderveen",
        Role.LEAD,
        "Beleidsadviseur openbare orde en veiligheid",
        "06 00000 002",
        True,
    ),
    DemoAccount(
        "dossierhouder.dijkhoven",
        "Dirk Dijkgraaf (demo)",
        "Gemeente Dijkhoven",
        Role.LEAD,
        "Adviseur openbare orde en veiligheid",
        "06 00000 003",
        True,
    ),
    DemoAccount(
        "procesregisseur",
        "Rosa Regie (demo)",
        REGION_NAME,
        Role.PROCESS_DIRECTOR,
        "Procesregisseur persoonsgerichte aanpak",
        "06 00000 004",
        True,
    ),
    DemoAccount(
        "politie",
        "Bas Blauw (demo)",
        "Politie Eenheid Lage Landen",
        Role.PARTNER,
        "Wijkagent, aandachtsvelder radicalisering",
        "06 00000 005",
        True,
    ),
    DemoAccount(
        "om",
        "Olaf Officier (demo)",
        "Arrondissementsparket Lage Landen",
        Role.PARTNER,
        "Parketsecretaris terrorisme en extremisme",
        "06 00000 006",
        True,
    ),
    DemoAccount(
        "jeugdzorg",
        "Jet Jeugd (demo)",
        "Jeugdhulp Lage Landen",
        Role.PARTNER,
        "Jeugd- en gezinsbegeleider",
        "06 00000 007",
        True,
    ),
    # Not every professional shares everything: the GGZ shows a function and a number only.
    DemoAccount(
        "ggz",
        "Gijs Gezond (demo)",
        "GGZ De Lage Landen",
        Role.PARTNER,
        "GZ-psycholoog, forensisch team",
        "06 00000 008",
    ),
    DemoAccount(
        "reclassering",
        "Ria Reclassering (demo)",
        "Reclasseringsteam Lage Landen",
        Role.PARTNER,
        "Reclasseringswerker",
        "06 00000 009",
        True,
    ),
    DemoAccount(
        "exit",
        "Erik Exit (demo)",
        "Exitbegeleiding Lage Landen",
        Role.PARTNER,
        "Exitbegeleider",
        "06 00000 010",
        True,
    ),
    DemoAccount(
        "school",
        "Sanne School (demo)",
        "Scholengemeenschap De Wijkse Horizon",
        Role.PARTNER,
        "Zorgcoördinator",
        "06 00000 011",
        True,
    ),
    DemoAccount(
        "meldpunt",
        "Mo Melding (demo)",
        "Gemeente Wijkstad",
        Role.INTAKE,
        "Medewerker meldpunt zorg en veiligheid",
        "06 00000 012",
    ),
    DemoAccount(
        "burgemeester",
        "Bea Burgemeester (demo)",
        "Gemeente Wijkstad",
        Role.MAYOR_OFFICE,
        "Kabinetsadviseur van de burgemeester",
        "06 00000 013",
        True,
    ),
    DemoAccount(
        "privacy",
        "Frits Functionaris (demo)",
        "Gemeente Wijkstad",
        Role.PRIVACY_OFFICER,
        "Functionaris gegevensbescherming",
        "06 00000 014",
        True,
    ),
    DemoAccount(
        "beheer",
        "Bram Beheer (demo)",
        REGION_NAME,
        Role.ADMIN,
        "Functioneel beheerder",
        "06 00000 015",
        True,
    ),
    # The lead's stand-in during leave and evenings: a second lead of Wijkstad, on no case of
    # her own, who opens a case by emergency access when it cannot wait (seed_privacy).
    DemoAccount(
        "waarnemer",
        "Wendy Waarnemer (demo)",
        "Gemeente Wijkstad",
        Role.LEAD,
        "Waarnemend dossierhouder radicalisering",
        "06 00000 016",
        True,
    ),
]


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """get_or_create that saves only when a value differs (so re-runs change nothing)."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        if isinstance(instance, User):
            instance.set_password(DEMO_PASSWORD)
        instance.full_clean()
        instance.save()
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save(update_fields=changed)
    return instance


def _seed_user(account: DemoAccount) -> User:
    user: User = _upsert(
        User,
        {"email": account.email},
        {"full_name": account.full_name, "is_active": True, "is_demo": True},
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _share_profile(account: DemoAccount, membership: Membership) -> None:
    """Fills in what the person shares with case teams, as they would on "Mijn account"
    (the profile service, logged as the profile page logs it). Only while nothing is filled
    in: a choice made in the demo since is kept, and a second run changes nothing."""
    user = membership.user
    if user.job_title or user.work_phone or user.share_email or not account.job_title:
        return
    user_profile_update(
        user=user,
        job_title=account.job_title,
        work_phone=account.work_phone,
        share_email=account.share_email,
    )
    log_processing(
        activity="account",
        name="portal.profile.update",
        operation=Operation.UPDATE,
        actor=actor_for_membership(membership),
        subjects=[f"user:{user.pk}"],
        object_type="user",
        object_id=user.pk,
    )


@transaction.atomic
def seed_demo() -> dict[str, int]:
    region = _upsert(Region, {"name": REGION_NAME}, {})
    municipalities = {
        name: _upsert(Municipality, {"name": name}, {"code": code, "size": size, "region": region})
        for name, code, size in MUNICIPALITIES
    }
    organisations = {
        name: _upsert(
            Organisation,
            {"name": name},
            {
                "kind": kind,
                "region": region,
                "municipality": municipalities[municipality] if municipality else None,
                "professional_secrecy": secrecy,
            },
        )
        for name, kind, municipality, secrecy in ORGANISATIONS
    }
    for account in ACCOUNTS:
        user = _seed_user(account)
        membership = _upsert(
            Membership,
            {
                "user": user,
                "organisation": organisations[account.organisation],
                "role": account.role,
            },
            # Demo roles are approved by the seed itself, and say so (origin "demo_seed").
            {
                "valid_until": None,
                "status": MembershipStatus.APPROVED,
                "origin": GrantOrigin.DEMO_SEED,
                "decided_at": DEMO_DECIDED_AT,
            },
        )
        _share_profile(account, membership)
    measure_types = catalogue_load()
    signals = seed_signals()
    cases = seed_cases()
    # Cases dated into the last ended quarter and a draft council report of it (with texts).
    seed_reports()
    # A working day on the start pages: the lead's tasks spread over overdue, this week and
    # later, measures that end within the warning period, and the privacy officer's reviews.
    seed_workday()
    seed_privacy(password=DEMO_PASSWORD, domain=DEMO_DOMAIN)
    # The local triangle with a weighing session's escalation on its agenda (issue 14).
    seed_triangle()
    return {
        "signals": signals,
        "cases": cases,
        "preparedness": seed_preparedness(),
        "measure types added": measure_types,
        "municipalities": len(municipalities),
        "organisations": len(organisations),
        "accounts": len(ACCOUNTS),
    }
