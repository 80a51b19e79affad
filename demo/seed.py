"""Fictional demo data: a region, three municipalities, one organisation of every type and
the demo accounts of README.md. Every name here is invented.

Idempotent: records are found by their natural keys and only changed when they differ, so a
second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction

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
from demo.seed_cases import seed_cases
from demo.seed_preparedness import seed_preparedness
from demo.seed_signals import seed_signals
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

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


ACCOUNTS = [
    DemoAccount("dossierhouder", "Daan Dossier (demo)", "Gemeente Wijkstad", Role.LEAD),
    DemoAccount(
        "dossierhouder.polderveen", "Petra Polder (demo)", "Gemeente Polderveen", Role.LEAD
    ),
    DemoAccount(
        "dossierhouder.dijkhoven", "Dirk Dijkgraaf (demo)", "Gemeente Dijkhoven", Role.LEAD
    ),
    DemoAccount("procesregisseur", "Rosa Regie (demo)", REGION_NAME, Role.PROCESS_DIRECTOR),
    DemoAccount("politie", "Bas Blauw (demo)", "Politie Eenheid Lage Landen", Role.PARTNER),
    DemoAccount("om", "Olaf Officier (demo)", "Arrondissementsparket Lage Landen", Role.PARTNER),
    DemoAccount("jeugdzorg", "Jet Jeugd (demo)", "Jeugdhulp Lage Landen", Role.PARTNER),
    DemoAccount("ggz", "Gijs Gezond (demo)", "GGZ De Lage Landen", Role.PARTNER),
    DemoAccount(
        "reclassering", "Ria Reclassering (demo)", "Reclasseringsteam Lage Landen", Role.PARTNER
    ),
    DemoAccount("exit", "Erik Exit (demo)", "Exitbegeleiding Lage Landen", Role.PARTNER),
    DemoAccount(
        "school", "Sanne School (demo)", "Scholengemeenschap De Wijkse Horizon", Role.PARTNER
    ),
    DemoAccount("meldpunt", "Mo Melding (demo)", "Gemeente Wijkstad", Role.INTAKE),
    DemoAccount("burgemeester", "Bea Burgemeester (demo)", "Gemeente Wijkstad", Role.MAYOR_OFFICE),
    DemoAccount("privacy", "Frits Functionaris (demo)", "Gemeente Wijkstad", Role.PRIVACY_OFFICER),
    DemoAccount("beheer", "Bram Beheer (demo)", REGION_NAME, Role.ADMIN),
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
        _upsert(
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
    measure_types = catalogue_load()
    signals = seed_signals()
    cases = seed_cases()
    return {
        "signals": signals,
        "cases": cases,
        "preparedness": seed_preparedness(),
        "measure types added": measure_types,
        "municipalities": len(municipalities),
        "organisations": len(organisations),
        "accounts": len(ACCOUNTS),
    }
