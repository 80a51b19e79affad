"""Rules about a subject (betrokkene): seen through a signal or a case the actor may see."""

from __future__ import annotations

from access.cases import may_view_case
from access.facts import Actor, SubjectFacts
from access.municipality import is_lead_of_municipality
from access.signals import may_view_signal


def may_view_subject(actor: Actor, subject: SubjectFacts) -> bool:
    if is_lead_of_municipality(actor, subject.municipality_id):
        return True
    if any(may_view_signal(actor, signal) for signal in subject.signals):
        return True
    return any(may_view_case(actor, case) for case in subject.cases)
