"""The texts of a council report (issue 14, point 8): the lead's text in outline and one
explanation per partner organisation, and making the report final.

The texts go to the council, so like a press line they must name no one and count no
people. Each is checked (support.name_check) against the names of the persons Schakel knows
for the report's municipality — the subjects of the municipality and of its cases, and the
persons of those cases' networks — and for numbers of people. The check looks wider than the
report's period on purpose: no name of any of the municipality's persons belongs in a text
for the council. Saving a draft text is never blocked (the author is told what was found);
making the report final is, until each text with a finding is changed or carries a reason to
go ahead, recorded with who and when. A reason is cleared when its text changes.

Processing log: writing a text and making the report final are logged without subjects, as
generating the report is (reports.services): the texts are not personal data by design —
that is what the check is for — and a reason to go ahead despite the check is logged by a
name of its own, so the privacy officer can see every text that went out over a finding.
Reading the texts is not logged, like reading the report's figures. The check reads the
municipality's names in memory only and shows nothing of them but the words already written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Organisation, User
from audit.models import Operation
from lib.concurrency import StaleEdit, update_if_current
from network.models import NetworkPerson, NodeKind
from persons.models import Subject
from reports.models import CouncilReport, CouncilText, ReportStatus, TextKind
from reports.services import log_report
from support.name_check import Finding, PersonName, check_text
from support.press import describe_findings

TEXT_LIMIT = 4000
REASON_LIMIT = 1000
# The field of the reason: errors of the check are filed under it.
REASON_FIELD = "despite_check"


@dataclass(frozen=True)
class TextInput:
    text: str
    # Why the text may go out although the check found something (empty: no new reason).
    despite_check: str = ""


# --- The name-and-number check. ---


def municipality_people(report: CouncilReport) -> list[PersonName]:
    """The persons whose names a text of the report must not give: the subjects of the
    municipality and of its cases, and the persons (not places) of those cases' networks."""
    municipality = report.municipality_id
    subjects = (
        Subject.objects.filter(
            Q(municipality_id=municipality) | Q(cases__municipality=municipality)
        )
        .distinct()
        .values_list("given_names", "surname_prefix", "surname")
    )
    people = [PersonName(given, prefix, surname) for given, prefix, surname in subjects]
    names = NetworkPerson.objects.filter(
        case__municipality_id=municipality, kind=NodeKind.PERSON
    ).values_list("name", flat=True)
    people += [PersonName.from_full_name(name) for name in names]
    return people


def text_place(text: CouncilText | None, organisation: Organisation | None) -> str:
    """How the user knows where a text is: "text in outline", or the organisation's name."""
    if organisation is not None:
        return str(_("explanation of %(organisation)s") % {"organisation": organisation.name})
    if text is not None and text.organisation is not None:
        return text_place(None, text.organisation)
    return str(_("text in outline"))


def text_findings(
    report: CouncilReport,
    text: str,
    where: str,
    people: Iterable[PersonName] | None = None,
) -> list[Finding]:
    known = municipality_people(report) if people is None else people
    return check_text(text, where, known)


def stored_findings(findings: list[Finding]) -> list[dict[str, str]]:
    return [{"kind": str(f.kind), "found": f.found} for f in findings]


def findings_warning(findings: list[Finding]) -> str:
    """Said after saving: the check does not block a draft, but will block making it final."""
    return _(
        "Saved. Note: the check found %(findings)s. Before the report can be made final, "
        "change the text or record a reason."
    ) % {"findings": describe_findings(findings)}


# --- Writing a text. ---


def _check_input(report: CouncilReport, data: TextInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if report.status != ReportStatus.DRAFT:
        errors["__all__"] = [_("This council report is final: its texts can no longer change.")]
    text = data.text.strip()
    if not text:
        errors["text"] = [_("Write the text.")]
    elif len(text) > TEXT_LIMIT:
        errors["text"] = [_("Write at most %(limit)d characters.") % {"limit": TEXT_LIMIT}]
    if len(data.despite_check.strip()) > REASON_LIMIT:
        errors[REASON_FIELD] = [_("Write at most %(limit)d characters.") % {"limit": REASON_LIMIT}]
    return errors


def current_text(
    report: CouncilReport, *, organisation: Organisation | None = None
) -> CouncilText | None:
    if organisation is None:
        return report.texts.filter(kind=TextKind.OUTLINE).first()
    return report.texts.filter(kind=TextKind.PARTNER, organisation=organisation).first()


def text_version(report: CouncilReport, *, organisation: Organisation | None = None) -> int:
    """The version a form starts from: 0 while the text does not exist yet."""
    existing = current_text(report, organisation=organisation)
    return existing.version if existing is not None else 0


@transaction.atomic
def _write(
    *,
    actor: Actor,
    user: User,
    report: CouncilReport,
    organisation: Organisation | None,
    data: TextInput,
    version: int,
) -> tuple[CouncilText, list[Finding]]:
    # Lock the report, so that a text cannot change while the report is being made final.
    report = CouncilReport.objects.select_for_update().get(pk=report.pk)
    existing = current_text(report, organisation=organisation)
    if (existing.version if existing is not None else 0) != version:
        raise StaleEdit
    errors = _check_input(report, data)
    if errors:
        raise ValidationError(errors)
    text = data.text.strip()
    now = timezone.now()
    findings = text_findings(report, text, text_place(None, organisation))
    reason = data.despite_check.strip()
    changes: dict[str, object] = {
        "text": text,
        "written_by": user,
        "written_by_name": user.full_name,
        "written_at": now,
        "findings": stored_findings(findings),
    }
    if not findings:
        # Nothing to go ahead over: a reason is kept only where it overrides a finding.
        changes.update(despite_check="", despite_check_by_name="", despite_check_at=None)
    elif reason:
        changes.update(
            despite_check=reason, despite_check_by_name=user.full_name, despite_check_at=now
        )
    elif existing is None or existing.text != text:
        # The reason was given for other words.
        changes.update(despite_check="", despite_check_by_name="", despite_check_at=None)
    if existing is None:
        saved = CouncilText(
            report=report,
            kind=TextKind.PARTNER if organisation is not None else TextKind.OUTLINE,
            organisation=organisation,
            **changes,
        )
        saved.full_clean()
        saved.save()
    else:
        update_if_current(CouncilText, existing.pk, version, **changes)
        saved = CouncilText.objects.get(pk=existing.pk)
    log_report(
        actor=actor,
        name="reports.council.section.write"
        if organisation is not None
        else "reports.council.outline.write",
        operation=Operation.CREATE if existing is None else Operation.UPDATE,
        object_id=report.pk,
    )
    if findings and reason:
        log_report(
            actor=actor,
            name="reports.council.text.despite_check",
            operation=Operation.UPDATE,
            object_id=report.pk,
        )
    return saved, findings


def council_outline_write(
    *, actor: Actor, user: User, report: CouncilReport, data: TextInput, version: int
) -> tuple[CouncilText, list[Finding]]:
    """The lead writes (or rewrites) the text in outline. Returns the text and what the check
    found in it (which does not block a draft)."""
    return _write(
        actor=actor, user=user, report=report, organisation=None, data=data, version=version
    )


def council_section_write(
    *,
    actor: Actor,
    user: User,
    report: CouncilReport,
    organisation: Organisation,
    data: TextInput,
    version: int,
) -> tuple[CouncilText, list[Finding]]:
    """A partner writes (or rewrites) their organisation's explanation."""
    return _write(
        actor=actor, user=user, report=report, organisation=organisation, data=data, version=version
    )


# --- Making the report final. ---


def blocking_findings(report: CouncilReport) -> list[Finding]:
    """What the check finds now in the texts that carry no reason to go ahead."""
    people = municipality_people(report)
    blocking: list[Finding] = []
    for text in report.texts.select_related("organisation"):
        if text.despite_check:
            continue
        blocking += text_findings(report, text.text, text_place(text, None), people)
    return blocking


def finalise_refusal(findings: list[Finding]) -> str:
    return _(
        "The report cannot be made final yet: the check found %(findings)s. Change the text, "
        "or record why it may go to the council anyway."
    ) % {"findings": describe_findings(findings)}


@transaction.atomic
def council_report_finalise(*, actor: Actor, user: User, report: CouncilReport) -> CouncilReport:
    report = (
        CouncilReport.objects.select_for_update().select_related("municipality").get(pk=report.pk)
    )
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("This council report is already final."))
    findings = blocking_findings(report)
    if findings:
        raise ValidationError(finalise_refusal(findings))
    report.status = ReportStatus.FINAL
    report.finalised_at = timezone.now()
    report.finalised_by_name = user.full_name
    report.save(update_fields=["status", "finalised_at", "finalised_by_name"])
    log_report(
        actor=actor,
        name="reports.council.finalise",
        operation=Operation.UPDATE,
        object_id=report.pk,
    )
    if report.texts.exclude(despite_check="").exists():
        log_report(
            actor=actor,
            name="reports.council.finalise.despite_check",
            operation=Operation.UPDATE,
            object_id=report.pk,
        )
    return report
