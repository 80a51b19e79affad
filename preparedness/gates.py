"""Gates for preparedness: gather the facts, ask the policy, log the read, 404 otherwise.

A municipality's preparedness data are reached through ``get_municipality``; its key figures
through ``get_key_figures_municipality`` and ``get_key_figure``. A key figure of another
municipality (a guessed id) is the same 404 as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from access.facts import Actor, MunicipalityFacts
from access.municipality import (
    may_edit_key_figures,
    may_edit_readiness,
    may_edit_support_directory,
    may_view_key_figures,
    may_view_readiness,
    municipality_scope,
)
from access.refusal import refused
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from preparedness.models import KeyFigure

ACTIVITY = "preparedness"


def facts(municipality: Municipality) -> MunicipalityFacts:
    return MunicipalityFacts(municipality_id=municipality.pk, region_id=municipality.region_id)


def _municipality(municipality_id: int) -> Municipality:
    municipality = Municipality.objects.select_related("region").filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return municipality


def get_municipality(actor: Actor, municipality_id: int, *, edit: bool = False) -> Municipality:
    """A municipality whose readiness the actor may see (or, with ``edit``, record)."""
    municipality = _municipality(municipality_id)
    if not may_view_readiness(actor, facts(municipality)):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    if edit and not may_edit_readiness(actor, facts(municipality)):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    return municipality


def get_key_figures_municipality(
    actor: Actor, municipality_id: int, *, edit: bool = False
) -> Municipality:
    municipality = _municipality(municipality_id)
    if not may_view_key_figures(actor, facts(municipality)):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    if edit and not may_edit_key_figures(actor, facts(municipality)):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    return municipality


def get_key_figure(
    actor: Actor, municipality_id: int, key_figure_id: int, *, edit: bool = False, name: str
) -> KeyFigure:
    """One key figure, within a municipality the actor may see key figures of; logged."""
    municipality = get_key_figures_municipality(actor, municipality_id, edit=edit)
    key_figure = KeyFigure.objects.filter(pk=key_figure_id, municipality=municipality).first()
    if key_figure is None:
        raise Http404
    log_key_figure_reads(actor, [key_figure], name=name)
    return key_figure


def require_directory_editor(actor: Actor) -> None:
    if not may_edit_support_directory(actor):
        raise Http404


def municipalities_for(actor: Actor) -> QuerySet[Municipality]:
    """The municipalities whose readiness and council reports the actor may see (a process
    director chooses among the region's): the scope beside access.municipality rules."""
    return Municipality.objects.filter(municipality_scope(actor)).order_by("name")


def log_key_figure_reads(actor: Actor, key_figures: Iterable[KeyFigure], *, name: str) -> None:
    """One record per key figure shown (they are citizens: personal data)."""
    ids = sorted({key_figure.pk for key_figure in key_figures})
    if not ids:
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"key_figure:{pk}" for pk in ids],
        object_type="key_figure",
    )


def log_named_reads(
    actor: Actor, subjects: Iterable[str], *, name: str, object_type: str, object_id: int
) -> None:
    """A page that names people (leads, contact persons, trainees): one record per person."""
    unique = sorted(set(subjects))
    if not unique:
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=unique,
        object_type=object_type,
        object_id=object_id,
    )
