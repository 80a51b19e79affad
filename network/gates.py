"""Gates for a case's network: the case's own gate first, then what the network adds.

Whoever may see the case may see its network (DESIGN §4); every network person shown is a
data subject of its own, so a read logs one record per network person (and the case's
subject). Editing is for those on the case by right — never through emergency access.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404

from access.cases import may_edit_network, may_link_network_subject
from access.facts import Actor, CaseFacts
from access.refusal import refused
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, get_case_with_facts, read_name
from cases.models import Case
from network.models import NetworkPerson


def person_ref(person_id: int) -> str:
    """The processing log's reference of a network person (pseudonymised there)."""
    return f"network_person:{person_id}"


def log_network_read(
    actor: Actor,
    case: Case,
    facts: CaseFacts,
    people: Iterable[NetworkPerson],
    *,
    name: str,
    operation: Operation = Operation.READ,
) -> None:
    """One record per network person shown, plus the case's subject."""
    subjects = [f"subject:{case.subject_id}"]
    subjects += [person_ref(p.pk) for p in sorted(people, key=lambda p: p.pk)]
    log_processing(
        activity=ACTIVITY,
        name=read_name(actor, facts, name),
        operation=operation,
        actor=actor,
        subjects=subjects,
        object_type="case",
        object_id=case.pk,
    )


def get_network_case(
    actor: Actor, case_id: int, *, write: bool = False, link: bool = False
) -> tuple[Case, CaseFacts]:
    """The case whose network the actor may see (edit, with write=True; link people to known
    subjects, with link=True); else 404. The case read is logged by the case gate."""
    case, facts = get_case_with_facts(actor, case_id, log_name="cases.network.read")
    if write and not may_edit_network(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    if link and not may_link_network_subject(actor, facts):
        raise refused(actor, object_type="case", object_id=case.pk)
    return case, facts


def get_network_person(case: Case, person_id: int) -> NetworkPerson:
    """A node of this case's network (the case went through its gate); else 404."""
    person = NetworkPerson.objects.filter(case=case, pk=person_id).first()
    if person is None:
        raise Http404
    return person
