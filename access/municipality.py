"""Rules about a municipality as a whole: its preparedness, key figures, council reports, and
the roles that are not about any case (administration, the processing log).

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from django.db.models import Q

from access import roles
from access.facts import Actor, CouncilReportFacts, MunicipalityFacts
from accounts.models import Organisation, Role


def is_lead_of_municipality(actor: Actor, municipality_id: int) -> bool:
    if actor.role != Role.LEAD:
        return False
    return actor.municipality_id == municipality_id


def may_administer(actor: Actor) -> bool:
    """Organisations, users and catalogues; never case data."""
    return actor.role == Role.ADMIN


def may_grant_membership(actor: Actor, *, user_id: int) -> bool:
    """The administrator grants roles, but never to their own account: an administrator who
    gave themselves a partner or lead role would read case data with nobody else involved.
    A grant gives no right until a second person approves it (access.grants)."""
    if not may_administer(actor):
        return False
    return actor.user_id != user_id


def may_read_processing_log(actor: Actor) -> bool:
    return actor.role == Role.PRIVACY_OFFICER


# --- Preparedness (issue 7). ---


def may_view_readiness(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """The readiness register: the municipality's lead and mayor's office, and the process
    director of its region."""
    if is_lead_of_municipality(actor, municipality.municipality_id):
        return True
    if actor.role == Role.MAYOR_OFFICE and actor.municipality_id == municipality.municipality_id:
        return True
    if actor.role != Role.PROCESS_DIRECTOR:
        return False
    return actor.region_id == municipality.region_id


def municipality_scope(actor: Actor) -> Q:
    """The municipalities ``may_view_readiness`` (and so ``may_view_council_reports``) lets
    the actor see, as a filter on Municipality."""
    if actor.role == Role.PROCESS_DIRECTOR:
        return Q(region_id=actor.region_id)
    # The lead and the mayor's office see their own municipality (may_view_readiness).
    if actor.role in {Role.LEAD, Role.MAYOR_OFFICE} and actor.municipality_id is not None:
        return Q(pk=actor.municipality_id)
    return Q(pk__in=[])


def may_edit_readiness(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Recording the municipality's preparation is the lead's task."""
    return is_lead_of_municipality(actor, municipality.municipality_id)


def may_view_key_figures(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """The lead and the mayor's office of the municipality's own organisation only."""
    if actor.organisation_kind != Organisation.Kind.MUNICIPALITY:
        return False
    if actor.municipality_id != municipality.municipality_id:
        return False
    return actor.role in roles.KEY_FIGURE_KEEPERS


def may_edit_key_figures(actor: Actor, municipality: MunicipalityFacts) -> bool:
    if not may_view_key_figures(actor, municipality):
        return False
    return actor.role == Role.LEAD


def may_edit_support_directory(actor: Actor) -> bool:
    """The directory of support organisations is catalogue data: the administrator's."""
    return actor.role == Role.ADMIN


# --- Council reports (issue 7). ---


def may_view_council_reports(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Those who inform the council: the municipality's lead and mayor's office; and the
    process director of its region, who sees the region's reports."""
    return may_view_readiness(actor, municipality)


def may_make_council_report(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Making a report is for the municipality itself: its lead or mayor's office."""
    if actor.organisation_kind != Organisation.Kind.MUNICIPALITY:
        return False
    if actor.role not in roles.REPORT_MAKERS:
        return False
    return actor.municipality_id == municipality.municipality_id


# --- The council report's texts (issue 14, point 8). ---


def council_report_municipality(report: CouncilReportFacts) -> MunicipalityFacts:
    return MunicipalityFacts(municipality_id=report.municipality_id, region_id=report.region_id)


def may_write_council_outline(actor: Actor, report: CouncilReportFacts) -> bool:
    """The text in outline ("op hoofdlijnen") is the lead's: the municipality's own lead
    writes it. The mayor's office and the process director read it with the report."""
    return is_lead_of_municipality(actor, report.municipality_id)


def may_write_council_section(actor: Actor, report: CouncilReportFacts) -> bool:
    """A partner professional writes the explanation of their own organisation, when that
    organisation worked on the municipality's cases in the report's period. They see that
    section only, not the report's figures (partners do not inform the council)."""
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in report.contributor_organisation_ids


def may_finalise_council_report(actor: Actor, report: CouncilReportFacts) -> bool:
    """Making the report final is for whoever makes reports: the municipality itself."""
    return may_make_council_report(actor, council_report_municipality(report))


def council_section_scope(actor: Actor) -> Q:
    """The reports ``may_write_council_section`` lets the actor explain, as a filter on
    CouncilReport (use .distinct()). A property of the two held together is tested."""
    if actor.role != Role.PARTNER:
        return Q(pk__in=[])
    return Q(contributors=actor.organisation_id)
