"""The readiness checklist of one municipality, derived from the data where possible.

Each line answers one question of seed §1 with a status and, in words, what is there and
what is missing. Only the consultation structure is recorded by the lead directly; for the
other topics the lead's note is shown beside what the data say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership, Municipality, Role
from preparedness.models import (
    AgreementRole,
    CotTask,
    KeyFigure,
    LocalScan,
    PartnerAgreement,
    PolicyRecord,
    ReadinessItem,
    ReadinessStatus,
    Topic,
    TrainingRecord,
)


@dataclass
class ReadinessLine:
    topic: Topic
    status: ReadinessStatus
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    item: ReadinessItem | None = None

    @property
    def label(self) -> str:
        return str(self.topic.label)

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def note(self) -> str:
        return self.item.note if self.item is not None else ""


@dataclass
class Readiness:
    municipality: Municipality
    lines: list[ReadinessLine]
    # Staff named on the page (leads): their reads are logged by the caller.
    named_user_ids: set[int]
    lapsed_key_figures: int

    @property
    def done(self) -> int:
        return sum(1 for line in self.lines if line.status == ReadinessStatus.DONE)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _status(missing: list[str]) -> ReadinessStatus:
    return ReadinessStatus.IN_PROGRESS if missing else ReadinessStatus.DONE


def _current_leads(municipality: Municipality) -> list[Membership]:
    return list(
        Membership.objects.current()
        .filter(role=Role.LEAD, organisation__municipality=municipality)
        .select_related("user")
        .order_by("valid_from", "id")
    )


def _lead_line(municipality: Municipality, item: ReadinessItem | None) -> ReadinessLine:
    line = ReadinessLine(Topic.LEAD, ReadinessStatus.NOT_STARTED, item=item)
    leads = _current_leads(municipality)
    for membership in leads:
        line.present.append(
            _("%(name)s is lead since %(date)s.")
            % {"name": membership.user.full_name, "date": _day(membership.valid_from)}
        )
    regional = item.regional_lead if item is not None else None
    regional_leads = _current_leads(regional) if regional is not None else []
    if regional is not None:
        names = ", ".join(m.user.full_name for m in regional_leads)
        if regional_leads:
            line.present.append(
                _("The lead of %(municipality)s acts as regional lead: %(names)s.")
                % {"municipality": regional.name, "names": names}
            )
        else:
            line.missing.append(
                _("%(municipality)s, whose lead was to act regionally, has no lead at present.")
                % {"municipality": regional.name}
            )
    if leads or regional_leads:
        line.status = ReadinessStatus.DONE
        return line
    if regional is not None:
        line.status = ReadinessStatus.IN_PROGRESS
        return line
    line.missing.append(
        _(
            "No lead has been appointed. Appoint one, or record which municipality's lead "
            "acts for this municipality as regional lead."
        )
    )
    return line


def _policy_line(municipality: Municipality, item: ReadinessItem | None) -> ReadinessLine:
    line = ReadinessLine(Topic.POLICY, ReadinessStatus.NOT_STARTED, item=item)
    policy = PolicyRecord.objects.filter(municipality=municipality).first()
    if policy is None:
        line.missing.append(_("No policy has been recorded."))
        return line
    if policy.adopted_on:
        line.present.append(
            _("Adopted by the executive on %(date)s.") % {"date": _day(policy.adopted_on)}
        )
    else:
        line.missing.append(_("The policy has not yet been adopted by the whole executive."))
    if policy.reference:
        line.present.append(_("Document: %(reference)s.") % {"reference": policy.reference})
    else:
        line.missing.append(_("No document reference has been recorded."))
    if policy.council_discussed_on:
        line.present.append(
            _("Discussed in the council on %(date)s.") % {"date": _day(policy.council_discussed_on)}
        )
    else:
        line.missing.append(_("The policy has not yet been discussed in the council."))
    line.status = _status(line.missing)
    return line


def _scan_line(
    municipality: Municipality, item: ReadinessItem | None, today: date
) -> ReadinessLine:
    line = ReadinessLine(Topic.LOCAL_SCAN, ReadinessStatus.NOT_STARTED, item=item)
    scan = (
        LocalScan.objects.filter(municipality=municipality)
        .prefetch_related("partners")
        .order_by("-carried_out_on", "-id")
        .first()
    )
    if scan is None:
        line.missing.append(_("No scan of the local situation has been recorded."))
        return line
    line.present.append(_("Latest scan: %(date)s.") % {"date": _day(scan.carried_out_on)})
    partners = [organisation.name for organisation in scan.partners.all()]
    if partners:
        line.present.append(_("Made with: %(partners)s.") % {"partners": ", ".join(partners)})
    else:
        line.missing.append(_("No partners took part in the scan; make it together with them."))
    if scan.next_scan_on is None:
        line.missing.append(_("No date has been set for the next scan."))
    elif scan.next_scan_on < today:
        line.missing.append(
            _("The next scan was due on %(date)s.") % {"date": _day(scan.next_scan_on)}
        )
    else:
        line.present.append(_("Next scan: %(date)s.") % {"date": _day(scan.next_scan_on)})
    line.status = _status(line.missing)
    return line


def _partners_line(municipality: Municipality, item: ReadinessItem | None) -> ReadinessLine:
    line = ReadinessLine(Topic.PARTNERS, ReadinessStatus.NOT_STARTED, item=item)
    agreements = list(PartnerAgreement.objects.filter(municipality=municipality))
    if not agreements:
        line.missing.append(_("No agreements on the seven tasks have been recorded."))
        return line
    organisations = {agreement.organisation_id for agreement in agreements}
    line.present.append(
        ngettext(
            "%(count)d organisation has agreed on its part.",
            "%(count)d organisations have agreed on their part.",
            len(organisations),
        )
        % {"count": len(organisations)}
    )
    led = {agreement.task for agreement in agreements if agreement.role == AgreementRole.LEAD}
    unled = [str(task.label) for task in CotTask if task.value not in led]
    if unled:
        line.missing.append(
            _("No organisation leads these tasks yet: %(tasks)s.") % {"tasks": ", ".join(unled)}
        )
    line.status = _status(line.missing)
    return line


def _key_figures_line(
    municipality: Municipality, item: ReadinessItem | None, today: date
) -> tuple[ReadinessLine, int]:
    """Counts only: the readiness page is also read by people who may not see key figures."""
    line = ReadinessLine(Topic.KEY_FIGURES, ReadinessStatus.NOT_STARTED, item=item)
    key_figures = KeyFigure.objects.filter(municipality=municipality)
    total = key_figures.count()
    if not total:
        line.missing.append(_("No contacts with key figures have been recorded."))
        return line, 0
    communities = key_figures.values("community").distinct().count()
    line.present.append(
        _("%(people)s in %(communities)s.")
        % {
            "people": ngettext("%(count)d key figure", "%(count)d key figures", total)
            % {"count": total},
            "communities": ngettext("%(count)d community", "%(count)d communities", communities)
            % {"count": communities},
        }
    )
    lapsed = key_figures.lapsed(today).count()
    if lapsed:
        line.missing.append(
            ngettext(
                "Contact with %(count)d key figure has lapsed: the next contact date has passed.",
                "Contact with %(count)d key figures has lapsed: the next contact date has passed.",
                lapsed,
            )
            % {"count": lapsed}
        )
    unplanned = key_figures.filter(next_contact_on__isnull=True).count()
    if unplanned:
        line.missing.append(
            ngettext(
                "No next contact has been planned with %(count)d key figure.",
                "No next contact has been planned with %(count)d key figures.",
                unplanned,
            )
            % {"count": unplanned}
        )
    line.status = _status(line.missing)
    return line, lapsed


def _training_line(
    municipality: Municipality, item: ReadinessItem | None, today: date
) -> ReadinessLine:
    line = ReadinessLine(Topic.TRAINING, ReadinessStatus.NOT_STARTED, item=item)
    records = list(TrainingRecord.objects.filter(municipality=municipality))
    if not records:
        line.missing.append(_("No training has been recorded."))
        return line
    people = sum(record.people for record in records)
    organisations = {record.organisation_id for record in records}
    latest = max(record.held_on for record in records)
    line.present.append(
        _("%(people)s of %(organisations)s trained; latest training on %(date)s.")
        % {
            "people": ngettext("%(count)d person", "%(count)d people", people) % {"count": people},
            "organisations": ngettext(
                "%(count)d organisation", "%(count)d organisations", len(organisations)
            )
            % {"count": len(organisations)},
            "date": _day(latest),
        }
    )
    joint = {record.organisation_id for record in records if record.joint}
    if len(joint) < 2:
        line.missing.append(
            _(
                "No joint training has been recorded: train the municipality's people "
                "together with partners, so that they can make agreements during it."
            )
        )
    overdue = sorted(
        {record.training for record in records if record.refresh_on and record.refresh_on < today}
    )
    if overdue:
        line.missing.append(
            _("A refresher is overdue for: %(trainings)s.") % {"trainings": ", ".join(overdue)}
        )
    line.status = _status(line.missing)
    return line


def _consultation_line(item: ReadinessItem | None) -> ReadinessLine:
    status = ReadinessStatus(item.status) if item is not None else ReadinessStatus.NOT_STARTED
    line = ReadinessLine(Topic.CONSULTATION, status, item=item)
    if status == ReadinessStatus.NOT_STARTED:
        line.missing.append(
            _(
                "Record which consultation discusses future cases, for instance a weighing "
                "session at the safety house, alone or with other municipalities."
            )
        )
    elif status == ReadinessStatus.IN_PROGRESS:
        line.missing.append(_("The consultation structure is still being set up."))
    else:
        line.present.append(_("Recorded by the lead as in place."))
    return line


def readiness_for(municipality: Municipality, *, today: date) -> Readiness:
    items = {
        item.topic: item
        for item in ReadinessItem.objects.filter(municipality=municipality).select_related(
            "regional_lead"
        )
    }
    key_figures, lapsed = _key_figures_line(municipality, items.get(Topic.KEY_FIGURES), today)
    lines = [
        _lead_line(municipality, items.get(Topic.LEAD)),
        _policy_line(municipality, items.get(Topic.POLICY)),
        _scan_line(municipality, items.get(Topic.LOCAL_SCAN), today),
        _partners_line(municipality, items.get(Topic.PARTNERS)),
        key_figures,
        _training_line(municipality, items.get(Topic.TRAINING), today),
        _consultation_line(items.get(Topic.CONSULTATION)),
    ]
    named = {m.user_id for m in _current_leads(municipality)}
    regional = items.get(Topic.LEAD)
    if regional is not None and regional.regional_lead is not None:
        named |= {m.user_id for m in _current_leads(regional.regional_lead)}
    return Readiness(
        municipality=municipality,
        lines=lines,
        named_user_ids=named,
        lapsed_key_figures=lapsed,
    )
