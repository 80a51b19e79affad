"""Opening a case from a weighing decision "include" (the hook of signals.weighing)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import Membership, Municipality, Organisation, Role, User
from cases.models import Case
from cases.services import case_open
from meetings.models import Attendee
from signals.models import WeighingDecision
from signals.weighing import on_include


def region_process_director(municipality: Municipality) -> User | None:
    """The region's process director, who chairs its case conferences (the longest-serving
    one when a region has several; the lead can change it on the case)."""
    membership = (
        Membership.objects.current()
        .filter(role=Role.PROCESS_DIRECTOR, organisation__region_id=municipality.region_id)
        .select_related("user")
        .order_by("valid_from", "pk")
        .first()
    )
    return membership.user if membership else None


def open_case_for_decision(decision: WeighingDecision) -> Case | None:
    """Opens the case, once per decision. The team starts with the organisations that took
    part in the weighing session (they already know the signal); the lead adjusts it."""
    if Case.objects.filter(decision=decision).exists():
        return None
    signal = decision.signal
    if signal.subject is None:
        return None  # a person must be identified first; the lead opens the case by hand
    meeting = decision.meeting
    team = [
        attendee.organisation
        for attendee in Attendee.objects.filter(meeting=meeting).select_related("organisation")
        # The municipality directs the case through its lead; its local partners (a
        # school, a neighbourhood team) that attended do join the team.
        if attendee.organisation.kind != Organisation.Kind.MUNICIPALITY
    ]
    return case_open(
        actor=None,
        user=meeting.chair,
        subject=signal.subject,
        municipality=signal.municipality,
        lead=meeting.chair,
        process_director=region_process_director(signal.municipality),
        team=list({o.pk: o for o in team}.values()),
        signal=signal,
        decision=decision,
        reason=_("Included in the person-centred approach by the weighing session."),
    )


def _on_include(decision: WeighingDecision) -> None:
    open_case_for_decision(decision)


def register() -> None:
    on_include(_on_include)
