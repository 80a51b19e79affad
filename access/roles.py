"""Role sets: which roles reach which part of Schakel. The one place they are written.

The ``@roles`` rules of the views, the menu in ``base.html`` (through the ``menu`` context
processor) and the start pages all read these sets, so a door and the link to it cannot drift.
The rules over facts in this package decide about single objects; these sets decide only who
may knock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

from accounts.models import Role

if TYPE_CHECKING:
    from access.facts import Actor

LEAD = frozenset({Role.LEAD})
PROCESS_DIRECTOR = frozenset({Role.PROCESS_DIRECTOR})
MAYOR_OFFICE = frozenset({Role.MAYOR_OFFICE})
PRIVACY_OFFICER = frozenset({Role.PRIVACY_OFFICER})
ADMIN = frozenset({Role.ADMIN})
PARTNERS = frozenset({Role.PARTNER})

# Who may report a signal (the region condition is in access.signals.may_register_signal).
SIGNAL_REPORTERS = frozenset({Role.LEAD, Role.INTAKE, Role.PARTNER})
# Who works in cases: the lead, the region's process director and team partners.
CASE_WORKERS = frozenset({Role.LEAD, Role.PROCESS_DIRECTOR, Role.PARTNER})
# Who may search persons, signal numbers and case numbers (the header's search box): the
# roles that work with persons. Results still follow the rules per object.
SEARCHERS = frozenset({Role.LEAD, Role.PROCESS_DIRECTOR, Role.PARTNER, Role.INTAKE})
# Who directs cases (situation, status, team, measures, checklists).
CASE_DIRECTORS = frozenset({Role.LEAD, Role.PROCESS_DIRECTOR})
# Who may take part in weighing sessions (the lead manages them; partners attend).
WEIGHING_PARTICIPANTS = frozenset({Role.LEAD, Role.PARTNER})
# Who reads intelligence notices' restricted metadata.
NOTICE_READERS = frozenset({Role.LEAD, Role.MAYOR_OFFICE})
# Who informs the council and sees the municipality's preparedness.
COUNCIL_INFORMERS = frozenset({Role.LEAD, Role.MAYOR_OFFICE, Role.PROCESS_DIRECTOR})
# Key figures are citizens who trust the municipality: only its own lead and mayor's office
# keep in touch with them, never partners, administrators or the privacy officer.
KEY_FIGURE_KEEPERS = frozenset({Role.LEAD, Role.MAYOR_OFFICE})
# Who reads the mayor's dashboard of the own municipality (the mayor's office, and the lead
# who prepares it).
MAYOR_DASHBOARD_READERS = frozenset({Role.MAYOR_OFFICE, Role.LEAD})
# Who makes council reports (the municipality itself).
REPORT_MAKERS = frozenset({Role.LEAD, Role.MAYOR_OFFICE})
# Who takes part in the local triangle's meetings (driehoeksoverleg): the mayor's office, the
# lead who prepares them, and the police and OM professionals who attend (the rules over
# facts in access.meetings decide per meeting).
TRIANGLE_PARTICIPANTS = frozenset({Role.MAYOR_OFFICE, Role.LEAD, Role.PARTNER})
# Who plans a triangle meeting and puts escalations on its agenda: the mayor's office, and
# the municipality's lead who prepares it.
TRIANGLE_PLANNERS = frozenset({Role.MAYOR_OFFICE, Role.LEAD})


# Who may ever approve a grant of a role (the door of the approval pages). Which of them do
# in this installation is the setting MEMBERSHIP_APPROVERS (grant_approvers below).
GRANT_APPROVERS = frozenset({Role.LEAD, Role.PRIVACY_OFFICER})
# Grants that only the privacy officer approves, whatever MEMBERSHIP_APPROVERS says: the
# administrator's role (who manages everyone's accounts) and the privacy officer's own (who
# supervises the lead; a lead does not choose their supervisor).
SUPERVISED_GRANTS = frozenset({Role.ADMIN, Role.PRIVACY_OFFICER})


def configured_grant_approvers() -> frozenset[str]:
    """The roles MEMBERSHIP_APPROVERS names, plus the privacy officer, who always approves
    the supervised grants."""
    return frozenset(settings.MEMBERSHIP_APPROVERS) | PRIVACY_OFFICER


def grant_approvers(role: str) -> frozenset[str]:
    """The roles that approve a grant of ``role``."""
    if role in SUPERVISED_GRANTS:
        return PRIVACY_OFFICER
    return frozenset(settings.MEMBERSHIP_APPROVERS)


def has_role(actor: Actor, roles: frozenset[str]) -> bool:
    return actor.role in roles
