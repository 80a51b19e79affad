"""Links between the networks of a municipality's cases, for the lead only (issue 6, point 5).

A network person of this case "appears" in another case when both are linked to the same
known subject (a link the lead made by hand, with a reason), when they are the other case's
own subject, or when they carry the same name (folded: case, accents and spacing do not
matter) and the same year of birth. The last is a hint the lead must check, and the page
says so. Only persons count, not places or organisations: a school is shared by many.

Only cases the lead may see are searched (cases.gates.cases_visible_to, checked once more
against the policy per case), so nothing of a case the lead may not see is shown — not even
that it exists. Nothing is passed from one case to another; the page only points.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from access.cases import may_view_case
from access.facts import Actor, CaseFacts
from cases.gates import case_facts, cases_visible_to
from cases.models import Case
from network.gates import log_network_read
from network.models import NetworkPerson, NodeKind
from persons.names import fold

LOG_NAME = "cases.network.crosslinks"


@dataclass(frozen=True)
class CrossLink:
    """One network person of this case and where else they appear."""

    person: NetworkPerson
    other_case: Case
    # None when the person is the other case's own subject and it has no node for them.
    other_person: NetworkPerson | None
    reason: str


def _name_key(person: NetworkPerson) -> tuple[str, int] | None:
    if person.kind != NodeKind.PERSON or person.birth_year is None or not person.name.strip():
        return None
    return fold(person.name), person.birth_year


def _reason_same_subject() -> str:
    return _("Both are linked by hand to the same known subject.")


def _reason_case_subject() -> str:
    return _("This person is linked to the known subject that the other case is about.")


def _reason_name(year: int) -> str:
    return _(
        "The same name and year of birth (%(year)d). Not checked: it may be someone else "
        "with the same name."
    ) % {"year": year}


def cross_links(actor: Actor, case: Case) -> list[CrossLink]:
    """Where this case's network persons appear in other cases the actor may see."""
    own = list(NetworkPerson.objects.filter(case=case, kind=NodeKind.PERSON).order_by("name", "id"))
    if not own:
        return []
    visible = cases_visible_to(actor).filter(municipality_id=case.municipality_id)
    other_ids = set(visible.exclude(pk=case.pk).values_list("pk", flat=True))
    if not other_ids:
        return []
    subject_ids = {p.subject_id for p in own if p.subject_id is not None}
    keys = {key for p in own if (key := _name_key(p)) is not None}
    # Two indexed doors (the subject, the year of birth); the name is compared folded below.
    candidates = (
        NetworkPerson.objects.filter(case_id__in=other_ids, kind=NodeKind.PERSON)
        .filter(Q(subject_id__in=subject_ids) | Q(birth_year__in={year for _n, year in keys}))
        .select_related("case__municipality")
        .order_by("case_id", "id")
    )
    by_subject: dict[int, list[NetworkPerson]] = defaultdict(list)
    by_key: dict[tuple[str, int], list[NetworkPerson]] = defaultdict(list)
    for candidate in candidates:
        if candidate.subject_id is not None:
            by_subject[candidate.subject_id].append(candidate)
        key = _name_key(candidate)
        if key is not None:
            by_key[key].append(candidate)
    cases_about: dict[int, list[Case]] = defaultdict(list)
    about = Case.objects.filter(pk__in=other_ids, subject_id__in=subject_ids)
    for other in about.select_related("municipality").order_by("pk"):
        cases_about[other.subject_id].append(other)

    links: list[CrossLink] = []
    for person in own:
        seen: set[tuple[int, int | None]] = set()
        if person.subject_id is not None:
            for other_person in by_subject[person.subject_id]:
                seen.add((other_person.case_id, other_person.pk))
                links.append(
                    CrossLink(person, other_person.case, other_person, _reason_same_subject())
                )
            for other_case in cases_about[person.subject_id]:
                if any(case_id == other_case.pk for case_id, _pk in seen):
                    continue  # that case's own node for its subject is already listed
                seen.add((other_case.pk, None))
                links.append(CrossLink(person, other_case, None, _reason_case_subject()))
        key = _name_key(person)
        if key is not None:
            for other_person in by_key[key]:
                if (other_person.case_id, other_person.pk) in seen:
                    continue
                seen.add((other_person.case_id, other_person.pk))
                links.append(
                    CrossLink(person, other_person.case, other_person, _reason_name(key[1]))
                )
    return _only_visible(actor, links)


def _only_visible(actor: Actor, links: list[CrossLink]) -> list[CrossLink]:
    """The query mirrors the policy; the policy itself has the last word per case."""
    allowed = {
        case.pk
        for case in {link.other_case.pk: link.other_case for link in links}.values()
        if may_view_case(actor, case_facts(case))
    }
    return [link for link in links if link.other_case.pk in allowed]


def log_cross_links(actor: Actor, case: Case, facts: CaseFacts, links: list[CrossLink]) -> None:
    """One record per network person shown: this case's, and each other case's."""
    if not links:
        return
    own = {link.person.pk: link.person for link in links}
    log_network_read(actor, case, facts, own.values(), name=LOG_NAME)
    per_case: dict[int, tuple[Case, dict[int, NetworkPerson]]] = {}
    for link in links:
        other, shown = per_case.setdefault(link.other_case.pk, (link.other_case, {}))
        if link.other_person is not None:
            shown[link.other_person.pk] = link.other_person
    for other, shown in per_case.values():
        # The other case's subject is in the record too (log_network_read adds it).
        log_network_read(actor, other, case_facts(other), shown.values(), name=LOG_NAME)
