"""The family and friends of the demo cases (issue 6): Lina's brothers and sister, the
recruiter who also appears around Youssef, a mentor as a protective tie, a school and a
fictional association as places. All invented; made through the real services, once.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Organisation
from cases.models import Case
from demo.seed_signals import _lead
from network.models import Direction, Nature, NetworkPerson, NodeKind, RelationKind, Reliability
from network.services import ensure_subject_node, person_add, relation_add

YEAR = timezone.localdate().year
RECRUITER = ("Abu Fictief (schuilnaam)", YEAR - 29)
K, N = RelationKind, Nature


def _day(days_ago: int) -> date:
    return timezone.localdate() - timedelta(days=days_ago)


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _person(
    lead: Membership,
    case: Case,
    name: str,
    *,
    born: int | None = None,
    kind: str = NodeKind.PERSON,
    note: str = "",
    source: str = "Gemeente Wijkstad",
) -> NetworkPerson:
    return person_add(
        actor=actor_for_membership(lead),
        user=lead.user,
        case=case,
        kind=kind,
        name=name,
        birth_year=born,
        note=note,
        source_organisation=_org(source),
    )


def _tie(
    lead: Membership,
    case: Case,
    a: NetworkPerson,
    b: NetworkPerson,
    kind: str,
    nature: str,
    *,
    reliability: str = Reliability.CONFIRMED,
    days_ago: int = 30,
    source: str = "Gemeente Wijkstad",
    direction: str = Direction.MUTUAL,
    note: str = "",
) -> None:
    relation_add(
        actor=actor_for_membership(lead),
        user=lead.user,
        case=case,
        source=a,
        target=b,
        kind=kind,
        direction=direction,
        nature=nature,
        reliability=reliability,
        source_organisation=_org(source),
        observed_on=_day(days_ago),
        note=note,
    )


def seed_network(cases: dict[str, Case]) -> None:
    lina, youssef = cases["Voorbeeld"], cases["Oefenberg"]
    if lina.network_people.exists():
        return
    lead = _lead(lina.municipality)
    centre = ensure_subject_node(case=lina, user=lead.user, actor=actor_for_membership(lead))
    brother = _person(
        lead, lina, "Adam (broer)", born=YEAR - 13, note="[demo] Zit op dezelfde school."
    )
    sister = _person(lead, lina, "Sofia (zus)", born=YEAR - 19)
    mother = _person(lead, lina, "Moeder van Lina", born=YEAR - 44)
    mentor = _person(
        lead,
        lina,
        "Mentor De Wijkse Horizon",
        note="[demo] Vertrouwenspersoon op school.",
        source="Scholengemeenschap De Wijkse Horizon",
    )
    recruiter = _person(
        lead,
        lina,
        RECRUITER[0],
        born=RECRUITER[1],
        source="Politie Eenheid Lage Landen",
        note="[demo] Benadert jongeren online.",
    )
    friend = _person(lead, lina, "Vriendin uit de klas", born=YEAR - 15)
    school = _person(lead, lina, "Scholengemeenschap De Wijkse Horizon", kind=NodeKind.ORGANISATION)
    club = _person(lead, lina, "Fictieve studiekring 'Het Licht'", kind=NodeKind.PLACE)
    _tie(lead, lina, centre, brother, K.SIBLING, N.PROTECTIVE, days_ago=60)
    _tie(lead, lina, centre, sister, K.SIBLING, N.AMBIVALENT, days_ago=60)
    _tie(lead, lina, centre, mother, K.PARENT, N.PROTECTIVE, days_ago=60)
    _tie(lead, lina, brother, mother, K.PARENT, N.PROTECTIVE, days_ago=60)
    _tie(
        lead,
        lina,
        centre,
        mentor,
        K.MENTOR,
        N.PROTECTIVE,
        days_ago=20,
        source="Scholengemeenschap De Wijkse Horizon",
    )
    _tie(
        lead,
        lina,
        recruiter,
        centre,
        K.RECRUITER,
        N.RISK,
        reliability=Reliability.PROBABLE,
        days_ago=14,
        direction=Direction.SOURCE_TO_TARGET,
        source="Politie Eenheid Lage Landen",
        note="[demo] Contact via een berichtenapp.",
    )
    _tie(
        lead,
        lina,
        recruiter,
        brother,
        K.ONLINE,
        N.RISK,
        reliability=Reliability.UNCONFIRMED,
        days_ago=7,
        direction=Direction.SOURCE_TO_TARGET,
        source="Politie Eenheid Lage Landen",
    )
    _tie(lead, lina, centre, friend, K.FRIEND, N.UNKNOWN, reliability=Reliability.PROBABLE)
    _tie(
        lead, lina, friend, club, K.PLACE, N.RISK, reliability=Reliability.UNCONFIRMED, days_ago=10
    )
    _tie(
        lead,
        lina,
        recruiter,
        club,
        K.PLACE,
        N.RISK,
        reliability=Reliability.PROBABLE,
        days_ago=10,
        source="Politie Eenheid Lage Landen",
    )
    _tie(lead, lina, centre, school, K.SCHOOL_WORK, N.PROTECTIVE, days_ago=90)
    _tie(lead, lina, brother, school, K.SCHOOL_WORK, N.PROTECTIVE, days_ago=90)
    # The same recruiter around Youssef: the lead sees the link between the two networks.
    centre_y = ensure_subject_node(case=youssef, user=lead.user, actor=actor_for_membership(lead))
    recruiter_y = _person(
        lead, youssef, RECRUITER[0], born=RECRUITER[1], source="Politie Eenheid Lage Landen"
    )
    cousin = _person(lead, youssef, "Neef van Youssef", born=YEAR - 20)
    _tie(
        lead,
        youssef,
        recruiter_y,
        centre_y,
        K.RECRUITER,
        N.RISK,
        days_ago=200,
        direction=Direction.SOURCE_TO_TARGET,
        source="Politie Eenheid Lage Landen",
    )
    _tie(lead, youssef, centre_y, cousin, K.OTHER_FAMILY, N.AMBIVALENT, days_ago=180)
