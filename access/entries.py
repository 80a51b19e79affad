"""Rules about one case entry (note, fact, minutes) by its information category.

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from access.cases import is_case_participant, is_lead_of, may_view_case
from access.facts import Actor, CaseFacts, Category, EntryFacts
from accounts.models import Organisation, Role

# Organisations that may receive criminal data (AVG art. 10, Wet politiegegevens / Wjsg)
# when they are on the case team.
CRIMINAL_DATA_KINDS = frozenset(
    {Organisation.Kind.POLICE, Organisation.Kind.PROSECUTION, Organisation.Kind.PROBATION}
)


def may_view_entry(actor: Actor, entry: EntryFacts) -> bool:
    if not may_view_case(actor, entry.case):
        return False
    if entry.category == Category.GENERAL:
        return True
    if actor.organisation_id == entry.source_organisation_id:
        return True
    if actor.organisation_id in entry.granted_organisation_ids:
        return True
    if entry.category == Category.CRIMINAL and actor.organisation_kind in CRIMINAL_DATA_KINDS:
        return True
    if entry.category == Category.CRIMINAL and actor.role == Role.PROCESS_DIRECTOR:
        return True
    # The lead directs the case and may see special categories; professional secrecy
    # stays with its source unless granted in the plan.
    if entry.category == Category.SECRECY:
        return False
    return is_lead_of(actor, entry.case)


def may_add_entry(actor: Actor, case: CaseFacts) -> bool:
    """Recording is for those on the case by right; emergency access is for reading."""
    return is_case_participant(actor, case)


def may_correct_entry(actor: Actor, entry: EntryFacts) -> bool:
    """The author's and source organisation's people correct an entry, and the lead the
    entries the lead may see; never someone who sees the case by emergency access only."""
    if not may_view_entry(actor, entry):
        return False
    if not is_case_participant(actor, entry.case):
        return False
    if actor.user_id == entry.author_user_id:
        return True
    if actor.organisation_id == entry.source_organisation_id:
        return True
    return is_lead_of(actor, entry.case)


def may_share_entry(actor: Actor, entry: EntryFacts) -> bool:
    """Special or secret information is shared further by its source organisation, or by
    the lead for what the lead may see (professional secrecy thus stays with its source
    unless it was shared with the municipality)."""
    if entry.category not in {Category.SPECIAL, Category.SECRECY}:
        return False
    if not may_view_entry(actor, entry):
        return False
    if not is_case_participant(actor, entry.case):
        return False
    if actor.organisation_id == entry.source_organisation_id:
        return True
    return is_lead_of(actor, entry.case)
