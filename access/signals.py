"""Rules about signals (meldingen) and intelligence notices, and the signal list scope.

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from django.db.models import Q

from access import roles
from access.facts import Actor, SignalFacts
from access.municipality import is_lead_of_municipality
from accounts.models import Role

# Mirrors meetings.models.MeetingKind.WEIGHING and signals.models.Urgency.ACUTE (the access
# package sits below those apps; access/tests/test_scopes.py checks that the values agree).
WEIGHING = "weighing"
ACUTE = "acute"
SIGNAL_ITEM = "signal"


def may_view_signal(actor: Actor, signal: SignalFacts) -> bool:
    if is_lead_of_municipality(actor, signal.municipality_id):
        return True
    if actor.role == Role.PARTNER and actor.organisation_id in signal.weighing_organisation_ids:
        return True
    if actor.role == Role.PARTNER and actor.user_id == signal.acute_contact_user_id:
        return True
    # The intake desk sees what it registered itself (to correct it), nothing else.
    if actor.role == Role.INTAKE and actor.user_id == signal.registered_by_user_id:
        return True
    return False


def signal_scope(actor: Actor, *, weighing_signal_ids: object = None) -> Q:
    """The signals ``may_view_signal`` lets the actor see, as a filter on Signal.

    For a partner, ``weighing_signal_ids`` is the subquery of signal ids on the agenda of a
    weighing session the partner's organisation attends (the gate builds it from the meeting
    tables, which this package does not know)."""
    if actor.role == Role.LEAD and actor.municipality_id is not None:
        return Q(municipality_id=actor.municipality_id)
    if actor.role == Role.INTAKE:
        return Q(registered_by_id=actor.user_id)
    if actor.role == Role.PARTNER:
        acute_here = Q(urgency=ACUTE, municipality__police_contact_id=actor.user_id)
        return Q(pk__in=weighing_signal_ids if weighing_signal_ids is not None else []) | acute_here
    return Q(pk__in=[])


def may_edit_signal(actor: Actor, signal: SignalFacts) -> bool:
    """Verifying, weighing and merging signals is the lead's task."""
    return is_lead_of_municipality(actor, signal.municipality_id)


def may_view_intelligence_notice(actor: Actor, signal: SignalFacts) -> bool:
    """Restricted metadata of an AIVD notice: the lead and the mayor's office only."""
    if is_lead_of_municipality(actor, signal.municipality_id):
        return True
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == signal.municipality_id


def may_verify_intelligence_notice(actor: Actor, signal: SignalFacts) -> bool:
    """The mayor's office records how it verified an intelligence notice."""
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == signal.municipality_id


def may_register_signal(actor: Actor, *, municipality_region_id: int) -> bool:
    """Leads, the intake desk and partner professionals of the region may report."""
    if actor.role not in roles.SIGNAL_REPORTERS:
        return False
    return actor.region_id == municipality_region_id


def may_register_intelligence_notice(actor: Actor) -> bool:
    """On the intake form, only the lead may choose an intelligence notice (AIVD) as the
    reporter; the mayor's office registers one through its own door (below)."""
    return actor.role == Role.LEAD


def may_register_received_notice(actor: Actor, *, municipality_id: int) -> bool:
    """An intelligence notice (NCTV/AIVD ambtsbericht) reaches the mayor: the mayor's office
    registers the one it received for its own municipality. Registering it gives no sight
    of the signal it starts (may_view_signal); the lead verifies and weighs that."""
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == municipality_id
