"""Rules about a case and what hangs under it (actions, plans, measures, checklists, the
network, support, the press line, aftercare), and the list scope beside the view rule.

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from access import roles
from access.facts import Actor, CaseFacts, ConferenceFacts
from access.municipality import is_lead_of_municipality
from access.signals import may_register_signal
from accounts.models import Role


def is_lead_of(actor: Actor, case: CaseFacts) -> bool:
    if actor.role != Role.LEAD:
        return False
    if actor.municipality_id != case.municipality_id:
        return False
    return actor.user_id == case.lead_user_id


def is_process_director_of(actor: Actor, case: CaseFacts) -> bool:
    if actor.role != Role.PROCESS_DIRECTOR:
        return False
    if actor.region_id != case.region_id:
        return False
    return actor.user_id == case.process_director_user_id


def is_team_partner(actor: Actor, case: CaseFacts) -> bool:
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in case.team_organisation_ids


def is_case_participant(actor: Actor, case: CaseFacts) -> bool:
    """On the case by right (lead, process director, team partner), not by emergency access."""
    if is_lead_of(actor, case):
        return True
    if is_process_director_of(actor, case):
        return True
    return is_team_partner(actor, case)


def has_active_break_glass(actor: Actor, case: CaseFacts, *, now: datetime | None = None) -> bool:
    moment = now or timezone.now()
    return any(
        grant.user_id == actor.user_id and grant.expires_at > moment for grant in case.break_glass
    )


def may_break_glass(actor: Actor, case: CaseFacts) -> bool:
    """Emergency access: the region's process director, or a lead of the same municipality."""
    if actor.role == Role.PROCESS_DIRECTOR:
        return actor.region_id == case.region_id
    if actor.role == Role.LEAD:
        return actor.municipality_id == case.municipality_id
    return False


def may_view_case(actor: Actor, case: CaseFacts) -> bool:
    if is_case_participant(actor, case):
        return True
    if may_break_glass(actor, case) and has_active_break_glass(actor, case):
        return True
    return False


def case_scope(actor: Actor, *, now: datetime | None = None) -> Q:
    """The cases ``may_view_case`` lets the actor see, as a filter on Case (use .distinct():
    the team and emergency-access joins can repeat a case). A property test holds the two
    together."""
    moment = now or timezone.now()
    break_glass = Q(break_glass__user_id=actor.user_id, break_glass__expires_at__gt=moment)
    if actor.role == Role.LEAD and actor.municipality_id is not None:
        return Q(municipality_id=actor.municipality_id) & (Q(lead_id=actor.user_id) | break_glass)
    if actor.role == Role.PROCESS_DIRECTOR:
        own = Q(process_director_id=actor.user_id)
        return Q(municipality__region_id=actor.region_id) & (own | break_glass)
    if actor.role == Role.PARTNER:
        return Q(team__organisation_id=actor.organisation_id, team__removed_at__isnull=True)
    return Q(pk__in=[])


def may_edit_case(actor: Actor, case: CaseFacts) -> bool:
    """Directing a case (situation, status, team) is for its lead and process director."""
    if is_lead_of(actor, case):
        return True
    return is_process_director_of(actor, case)


# --- Actions and the plan of approach. ---


def may_create_action(
    actor: Actor, case: CaseFacts, *, conference: ConferenceFacts | None = None
) -> bool:
    """The lead and process director of the case; at a conference (given only when the case
    is on its agenda) also its chair, for a case the chair may see."""
    if may_edit_case(actor, case):
        return True
    if conference is None:
        return False
    if not may_view_case(actor, case):
        return False
    return may_chair_conference(actor, conference)


def may_update_action(actor: Actor, case: CaseFacts, *, owner_user_id: int | None) -> bool:
    """The owner reports on the action; the lead and process director direct it."""
    if may_edit_case(actor, case):
        return True
    if actor.user_id != owner_user_id:
        return False
    return is_case_participant(actor, case)


def may_agree_plan(
    actor: Actor, case: CaseFacts, *, conference: ConferenceFacts | None = None
) -> bool:
    """The lead and process director of the case; at a conference (given only when the case
    is on its agenda) also its chair, for a case the chair may see."""
    return may_create_action(actor, case, conference=conference)


# --- Case conferences: the chair's part in a case. ---


def may_chair_conference(actor: Actor, conference: ConferenceFacts) -> bool:
    """The chair, acting as the region's process director — or as the municipality's lead
    when no process director chairs."""
    if actor.user_id != conference.chair_user_id:
        return False
    if actor.role == Role.PROCESS_DIRECTOR:
        return actor.region_id == conference.region_id
    return is_lead_of_municipality(actor, conference.municipality_id)


def may_record_minutes(actor: Actor, conference: ConferenceFacts, case: CaseFacts) -> bool:
    """Those on the case by right write minutes; the chair only for cases they may see."""
    if is_case_participant(actor, case):
        return True
    if not may_chair_conference(actor, conference):
        return False
    return may_view_case(actor, case)


def may_confirm_minutes(actor: Actor, case: CaseFacts, *, source_organisation_id: int) -> bool:
    """Each organisation confirms its own contributions (partners, the lead for the
    municipality), and only while on the case by right."""
    if actor.organisation_id != source_organisation_id:
        return False
    return is_case_participant(actor, case)


def may_name_other_source(actor: Actor) -> bool:
    """A partner records what its own organisation knows; those who direct cases may name a
    team organisation or the municipality as the source."""
    return actor.role in roles.CASE_DIRECTORS


# --- Measures, checklists, press line, aftercare: directing the case. ---


def may_direct_measures(actor: Actor, case: CaseFacts) -> bool:
    """Proposing and moving measures is for those who direct the case (lead, process
    director); the responsible organisation reports through the conference."""
    return may_edit_case(actor, case)


def may_tick_checklist(actor: Actor, case: CaseFacts) -> bool:
    """Lead and process director tick and start checklists; team partners read them."""
    return may_edit_case(actor, case)


def holds_checklist_item(
    actor: Actor, case: CaseFacts, *, holder_organisation_id: int | None
) -> bool:
    """A professional of the team organisation that holds an item (issue 14): every one of
    them, not only a named one, so that an absence does not block the work."""
    if holder_organisation_id is None:
        return False
    if actor.organisation_id != holder_organisation_id:
        return False
    return is_team_partner(actor, case)


def may_complete_checklist_item(
    actor: Actor, case: CaseFacts, *, holder_organisation_id: int | None
) -> bool:
    """Marking an item done and reporting back on it: those who direct the case, and the
    organisation that holds the item. Judging that it does not apply, opening it again and
    handing it to someone are the directors' alone (``may_tick_checklist``)."""
    if may_tick_checklist(actor, case):
        return True
    return holds_checklist_item(actor, case, holder_organisation_id=holder_organisation_id)


def may_settle_checklist(actor: Actor, case: CaseFacts) -> bool:
    """Closing, in one step, the checklist of a situation the case has left (and deciding,
    with a reason, that an irreversible item lapses) is the lead's decision (issue 14)."""
    return is_lead_of(actor, case)


def may_direct_press(actor: Actor, case: CaseFacts) -> bool:
    """The press line is agreed in the triangle; in Schakel the lead and the process director
    record it. The whole team reads it."""
    return may_edit_case(actor, case)


def may_direct_aftercare(actor: Actor, case: CaseFacts) -> bool:
    """The reintegration plan and its reviews: those who direct the case."""
    return may_edit_case(actor, case)


# --- The network of a case (issue 6). ---


def may_edit_network(actor: Actor, case: CaseFacts) -> bool:
    """Adding and changing network persons and relations: those on the case by right.

    Emergency access reads; it does not record."""
    return is_case_participant(actor, case)


def may_link_network_subject(actor: Actor, case: CaseFacts) -> bool:
    """Linking a network person to a known subject joins two records: the lead only."""
    return is_lead_of(actor, case)


def may_export_network(actor: Actor, case: CaseFacts) -> bool:
    """A network leaves Schakel as a file only through those who direct the case."""
    return may_edit_case(actor, case)


def may_see_cross_links(actor: Actor, case: CaseFacts) -> bool:
    """Only the case's own lead oversees the municipality's cases together."""
    return is_lead_of(actor, case)


def may_propose_followup(actor: Actor, case: CaseFacts) -> bool:
    """Whoever may record the network may write a concern about someone in it."""
    return may_edit_network(actor, case)


def may_decide_followup(actor: Actor, case: CaseFacts) -> bool:
    """Confirming or declining is directing the case: its lead and process director."""
    return may_edit_case(actor, case)


def may_confirm_followup(actor: Actor, case: CaseFacts, *, proposes_signal: bool) -> bool:
    """A signal is registered by someone who may report signals of the region (the lead; a
    process director may decline such a proposal but not register the signal)."""
    if not may_decide_followup(actor, case):
        return False
    if not proposes_signal:
        return True
    return may_register_signal(actor, municipality_region_id=case.region_id)


# --- Support (issue 5). ---


def may_record_support(actor: Actor, case: CaseFacts) -> bool:
    """Family support contacts and assessment references: those on the case by right (lead,
    process director, team partner). Emergency access reads; it does not record."""
    return is_case_participant(actor, case)


def may_change_support_record(actor: Actor, case: CaseFacts, *, organisation_id: int) -> bool:
    """Changing a recorded contact or assessment: whoever directs the case, or a team partner
    of the organisation that recorded it (a partner does not rewrite another's record)."""
    if may_edit_case(actor, case):
        return True
    if not is_team_partner(actor, case):
        return False
    return actor.organisation_id == organisation_id
