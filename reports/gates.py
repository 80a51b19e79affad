"""Gates for council reports: gather the facts, ask the policy, 404 otherwise.

Council reports hold no personal data, but they are about a municipality's cases, so only
those who inform the council see them: the municipality's lead and mayor's office, and the
process director of its region (who sees, but does not make, the reports of the region's
municipalities). Partners, administrators and the privacy officer get the same 404 as for a
report that does not exist — except that a partner of an organisation invited to explain a
report reaches the page of that one explanation (get_report_to_explain), not the report.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from access.facts import Actor, CouncilReportFacts, MunicipalityFacts
from access.municipality import (
    council_section_scope,
    may_finalise_council_report,
    may_make_council_report,
    may_view_council_reports,
    may_write_council_outline,
    may_write_council_section,
)
from access.refusal import refused
from accounts.models import Municipality
from preparedness.gates import municipalities_for
from reports.models import CouncilReport, ReportStatus


def municipality_facts(municipality: Municipality) -> MunicipalityFacts:
    return MunicipalityFacts(municipality_id=municipality.pk, region_id=municipality.region_id)


def get_municipality(actor: Actor, municipality_id: int, *, make: bool = False) -> Municipality:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    if not may_view_council_reports(actor, municipality_facts(municipality)):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    if make and not may_make_council_report(actor, municipality_facts(municipality)):
        raise refused(actor, object_type="municipality", object_id=municipality.pk)
    return municipality


def own_municipality(actor: Actor, *, make: bool = False) -> Municipality:
    """The municipality of a lead or mayor's office (404 for anyone without one)."""
    return get_municipality(actor, actor.municipality_id or 0, make=make)


def get_report(actor: Actor, report_id: int) -> CouncilReport:
    report = CouncilReport.objects.select_related("municipality").filter(pk=report_id).first()
    if report is None:
        raise Http404
    if not may_view_council_reports(actor, municipality_facts(report.municipality)):
        raise refused(actor, object_type="council_report", object_id=report.pk)
    return report


def reports_for(actor: Actor) -> QuerySet[CouncilReport]:
    visible = [
        m.pk
        for m in municipalities_for(actor)
        if may_view_council_reports(actor, municipality_facts(m))
    ]
    return CouncilReport.objects.filter(municipality_id__in=visible).select_related("municipality")


def report_facts(report: CouncilReport) -> CouncilReportFacts:
    return CouncilReportFacts(
        municipality_id=report.municipality_id,
        region_id=report.municipality.region_id,
        contributor_organisation_ids=frozenset(report.contributors.values_list("pk", flat=True)),
    )


def get_report_to_write_outline(actor: Actor, report_id: int) -> CouncilReport:
    report = get_report(actor, report_id)
    if not may_write_council_outline(actor, report_facts(report)):
        raise refused(actor, object_type="council_report", object_id=report.pk)
    return report


def get_report_to_finalise(actor: Actor, report_id: int) -> CouncilReport:
    report = get_report(actor, report_id)
    if not may_finalise_council_report(actor, report_facts(report)):
        raise refused(actor, object_type="council_report", object_id=report.pk)
    return report


def get_report_to_explain(actor: Actor, report_id: int) -> CouncilReport:
    """A partner's way to the one explanation of their organisation (not to the report)."""
    report = CouncilReport.objects.select_related("municipality").filter(pk=report_id).first()
    if report is None:
        raise Http404
    if not may_write_council_section(actor, report_facts(report)):
        raise refused(actor, object_type="council_report", object_id=report.pk)
    return report


def reports_to_explain(actor: Actor) -> QuerySet[CouncilReport]:
    """Draft reports the actor's organisation is invited to explain."""
    return (
        CouncilReport.objects.filter(council_section_scope(actor))
        .filter(status=ReportStatus.DRAFT)
        .distinct()
        .select_related("municipality")
    )


def may_actor_write_outline(actor: Actor, report: CouncilReport) -> bool:
    return may_write_council_outline(actor, report_facts(report))


def may_actor_finalise(actor: Actor, report: CouncilReport) -> bool:
    return may_finalise_council_report(actor, report_facts(report))
