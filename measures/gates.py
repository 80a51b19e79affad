"""Gates for a case's measures: the case's own gate first, then what measures add.

Whoever may see the case may see its measures (team partners read); proposing and moving
them is for those who direct the case (access.cases.may_direct_measures). Missing and
forbidden look the same: 404. The case gate logs every read.
"""

from __future__ import annotations

from django.http import Http404

from access.facts import Actor, CaseFacts
from cases.gates import get_case_with_facts
from cases.models import Case
from measures.models import Intervention, LegalRemedy

LOG_READ = "cases.measures.read"


def get_measures_case(actor: Actor, case_id: int, *, write: bool = False) -> tuple[Case, CaseFacts]:
    """The case whose measures the actor may see (direct, with write=True); else 404.

    A write is checked before anything is read, so a refused write logs no read."""
    if write:
        case, facts = get_case_with_facts(actor, case_id, write=True)
        return case, facts
    return get_case_with_facts(actor, case_id, log_name=LOG_READ)


def get_intervention(case: Case, intervention_id: int) -> Intervention:
    """An intervention of this case (the case went through its gate); else 404."""
    intervention = (
        Intervention.objects.select_related("measure_type", "responsible_organisation", "case")
        .filter(case=case, pk=intervention_id)
        .first()
    )
    if intervention is None:
        raise Http404
    return intervention


def get_remedy(intervention: Intervention, remedy_id: int) -> LegalRemedy:
    """A legal remedy of this intervention; else 404."""
    remedy = LegalRemedy.objects.filter(intervention=intervention, pk=remedy_id).first()
    if remedy is None:
        raise Http404
    return remedy
