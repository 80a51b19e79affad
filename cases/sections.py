"""The sections of the case page, each gathered by the module that owns its data.

Each function receives a case that already passed the gate and returns template context;
it filters and logs what it shows itself (entries by category, for instance).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from access.cases import is_case_participant, may_edit_case
from access.entries import may_add_entry
from cases.entry_gates import (
    entries_visible_to,
    entry_rows,
    merged_timeline,
    versions_of,
)
from cases.gates import GatedCase

StrOrPromise = str | Promise


def entries_section(gated: GatedCase) -> dict[str, object]:
    """Entries the actor may read and the merged timeline (case events plus the recording
    and correction of those entries), with what the actor may do on the case page.

    Every list, count and timeline line comes from cases.entry_gates.entries_visible_to.
    """
    actor, case, facts = gated.actor, gated.case, gated.facts
    entries = entries_visible_to(actor, case, facts)
    versions = versions_of(entries)
    break_glass_until = None
    if not is_case_participant(actor, facts):
        mine = [g.expires_at for g in facts.break_glass if g.user_id == actor.user_id]
        break_glass_until = max(mine) if mine else None
    return {
        "entry_rows": entry_rows(entries, versions),
        "timeline": merged_timeline(case.events.all(), entries, versions),
        "may_direct": may_edit_case(actor, facts),
        "may_add_entry": may_add_entry(actor, facts),
        "break_glass_until": break_glass_until,
    }


def plan_section(gated: GatedCase) -> dict[str, object]:
    """Plan goals, open actions (overdue ones marked) and the last conference of the case."""
    # Imported here: the plan modules import the conference modules, which import the
    # entry gates above; keeping them local keeps this module's import light.
    from cases.views_plan import plan_section_context

    return plan_section_context(gated.actor, gated.case, gated.facts)


def tasks_section(gated: GatedCase) -> dict[str, object]:
    """Open tasks and upcoming deadlines of the case (cases/case_tasks.py)."""
    from cases.case_tasks import case_tasks_context

    return case_tasks_context(gated.actor, gated.case)


# Sections contributed by later apps (measures, checklists, ...). cases may not import those
# apps, so they register themselves from their AppConfig.ready(); the case page renders each
# registered section with its own template, in registration order.
SectionFunction = Callable[[GatedCase], dict[str, object]]
_EXTRA_SECTIONS: dict[str, tuple[str, SectionFunction]] = {}


@dataclass(frozen=True)
class SectionPlace:
    """Where a registered section shows besides its own place on the case page: its entry
    in the page's section menu and, if it has one, its part of the summary band."""

    label: StrOrPromise
    anchor: str
    summary_template: str


_PLACES: dict[str, SectionPlace] = {}


def register_section(
    name: str,
    fn: SectionFunction,
    *,
    template: str = "",
    label: StrOrPromise = "",
    summary_template: str = "",
    print_template: str = "",
) -> None:
    """Adds a section to the case page. ``fn`` gets the case that passed the gate (with its
    facts and the actor) and returns the template's ``section`` context; it filters what it
    shows, and the page's one processing record covers the subject it shows.
    The template defaults to ``<name>/_case_section.html``; its heading carries the id
    ``<name>-heading``, which the page's section menu links to under ``label``. A
    ``summary_template`` gets the same ``section`` context in the summary band at the top, so
    the band shows nothing the section itself would not. Registering the same name again
    replaces the earlier one (ready() may run twice). A ``print_template`` puts the section
    in the print and the PDF of the case, with the same context (see register_print_section)."""
    _EXTRA_SECTIONS[name] = (template or f"{name}/_case_section.html", fn)
    if print_template:
        register_print_section(name, fn, template=print_template)
    _PLACES[name] = SectionPlace(
        # Kept lazy: the menu is read in the language of each request.
        label=label or name,
        anchor=f"{name}-heading",
        summary_template=summary_template,
    )


@dataclass(frozen=True)
class ExtraSection:
    template: str
    context: dict[str, object]
    label: StrOrPromise
    anchor: str
    summary_template: str


def extra_section_parts(gated: GatedCase) -> list[ExtraSection]:
    """The registered sections with their context, menu entry and summary part."""
    parts = []
    for name, (template, fn) in _EXTRA_SECTIONS.items():
        place = _PLACES.get(name, SectionPlace(name, f"{name}-heading", ""))
        parts.append(
            ExtraSection(template, fn(gated), place.label, place.anchor, place.summary_template)
        )
    return parts


def extra_sections(gated: GatedCase) -> list[tuple[str, dict[str, object]]]:
    """The registered sections as (template, context) pairs for the case page."""
    return [(part.template, part.context) for part in extra_section_parts(gated)]


# --- The print and the PDF of a case. ---
# The print holds every section the reader may see on the case page, each through the same
# section function (so the same filtering), rendered with a print template: tables and text,
# no links or buttons. A section may also be print-only (the network's tables: the case page
# links to the network page instead). A section that shows people of its own names them as
# processing-log subjects, so the print logs one record with the case's subject and theirs.
PrintSubjects = Callable[[dict[str, object]], list[str]]


def _no_subjects(_context: dict[str, object]) -> list[str]:
    return []


_PRINT_SECTIONS: dict[str, tuple[str, SectionFunction, PrintSubjects]] = {}


def register_print_section(
    name: str,
    fn: SectionFunction,
    *,
    template: str,
    subjects: PrintSubjects = _no_subjects,
) -> None:
    """Adds a section to the print and the PDF of a case, in registration order. ``fn`` is
    called like a case-page section's; ``subjects`` names the log subjects (besides the
    case's subject) that its context shows, e.g. ``["network_person:7"]``."""
    _PRINT_SECTIONS[name] = (template, fn, subjects)


@dataclass(frozen=True)
class PrintSection:
    template: str
    context: dict[str, object]
    subjects: tuple[str, ...]


def print_sections(gated: GatedCase) -> list[PrintSection]:
    """The registered print sections with their context and the subjects they show."""
    parts = []
    for template, fn, subjects in _PRINT_SECTIONS.values():
        context = fn(gated)
        parts.append(PrintSection(template, context, tuple(subjects(context))))
    return parts
