"""Write functions for preparedness: keyword-only, validated, atomic, logged.

Editable rows carry a version; a change based on an outdated version is refused (StaleEdit),
never silently applied. Version 0 in a save function means "this did not exist yet when the
form was opened". Writes are logged in the same transaction (activity "preparedness").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Municipality, Organisation, User
from audit.models import Operation
from audit.services import log_processing
from lib.concurrency import StaleEdit
from preparedness.models import (
    AgreementRole,
    CotTask,
    KeyFigure,
    LocalScan,
    PartnerAgreement,
    PolicyRecord,
    ReadinessItem,
    ReadinessStatus,
    SupportOrganisation,
    Topic,
    TrainingRecord,
)
from tasks.models import NotificationKind
from tasks.services import key_figures_lapsed_text, notify

ACTIVITY = "preparedness"

ModelT = TypeVar("ModelT", bound=models.Model)


def _log(
    actor: Actor | None,
    *,
    name: str,
    operation: Operation,
    object_type: str,
    object_id: int | str,
    subjects: Sequence[str] = (),
) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=subjects,
        object_type=object_type,
        object_id=object_id,
    )


def _locked(model: type[ModelT], pk: int, version: int) -> ModelT:
    """The row, locked for this transaction; StaleEdit when someone changed it meanwhile."""
    instance = model._default_manager.select_for_update().filter(pk=pk).first()
    if instance is None or getattr(instance, "version", None) != version:
        raise StaleEdit
    return instance


def _save(instance: models.Model, *, bump: bool = True) -> None:
    # The row was locked and its version checked in this transaction (see _locked): on
    # PostgreSQL by SELECT ... FOR UPDATE, on SQLite by the IMMEDIATE write transaction.
    if bump:
        instance.version += 1  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save()


def local_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    """The organisations that work in the municipality: its own and the regional ones."""
    return Organisation.objects.filter(region_id=municipality.region_id).filter(
        Q(municipality__isnull=True) | Q(municipality=municipality)
    )


def _require_local(municipality: Municipality, organisations: Iterable[Organisation]) -> None:
    allowed = set(local_organisations(municipality).values_list("pk", flat=True))
    if any(organisation.pk not in allowed for organisation in organisations):
        raise ValidationError(
            {"organisation": _("Choose an organisation that works in this municipality.")}
        )


# --- Readiness items, policy and local scans. ---------------------------------------------


@transaction.atomic
def readiness_item_save(
    *,
    actor: Actor,
    municipality: Municipality,
    topic: Topic,
    note: str,
    version: int,
    status: ReadinessStatus | None = None,
    regional_lead: Municipality | None = None,
) -> ReadinessItem:
    """Records the lead's note on a topic; the status only for the consultation structure
    and the regional lead only for the lead topic (the rest is derived from the data)."""
    existing = ReadinessItem.objects.filter(municipality=municipality, topic=topic).first()
    if existing is None and version != 0:
        raise StaleEdit
    item = existing or ReadinessItem(municipality=municipality, topic=topic)
    if existing is not None:
        item = _locked(ReadinessItem, existing.pk, version)
    if regional_lead is not None:
        if regional_lead.pk == municipality.pk:
            raise ValidationError(
                {"regional_lead": _("Choose another municipality than this one.")}
            )
        if regional_lead.region_id != municipality.region_id:
            raise ValidationError({"regional_lead": _("Choose a municipality of the same region.")})
    item.note = note
    if topic == Topic.CONSULTATION and status is not None:
        item.status = status
    if topic == Topic.LEAD:
        item.regional_lead = regional_lead
    item.updated_by_id = actor.user_id
    _save(item, bump=existing is not None)
    _log(
        actor,
        name="preparedness.readiness.save",
        operation=Operation.UPDATE if existing else Operation.CREATE,
        object_type="readiness_item",
        object_id=item.pk,
    )
    return item


@transaction.atomic
def policy_record_save(
    *,
    actor: Actor,
    municipality: Municipality,
    adopted_on: date | None,
    reference: str,
    council_discussed_on: date | None,
    note: str,
    version: int,
) -> PolicyRecord:
    existing = PolicyRecord.objects.filter(municipality=municipality).first()
    if existing is None and version != 0:
        raise StaleEdit
    record = PolicyRecord(municipality=municipality)
    if existing is not None:
        record = _locked(PolicyRecord, existing.pk, version)
    if adopted_on and council_discussed_on and council_discussed_on < adopted_on:
        raise ValidationError(
            {
                "council_discussed_on": _(
                    "The council discusses the policy after the executive adopted it: give a "
                    "date on or after the adoption."
                )
            }
        )
    record.adopted_on = adopted_on
    record.reference = reference
    record.council_discussed_on = council_discussed_on
    record.note = note
    record.updated_by_id = actor.user_id
    _save(record, bump=existing is not None)
    _log(
        actor,
        name="preparedness.policy.save",
        operation=Operation.UPDATE if existing else Operation.CREATE,
        object_type="policy_record",
        object_id=record.pk,
    )
    return record


@transaction.atomic
def local_scan_record(
    *,
    actor: Actor,
    municipality: Municipality,
    carried_out_on: date,
    summary: str,
    partners: Sequence[Organisation],
    next_scan_on: date | None,
) -> LocalScan:
    _require_local(municipality, partners)
    if next_scan_on is not None and next_scan_on <= carried_out_on:
        raise ValidationError(
            {"next_scan_on": _("The next scan must come after the date of this scan.")}
        )
    scan = LocalScan(
        municipality=municipality,
        carried_out_on=carried_out_on,
        summary=summary,
        next_scan_on=next_scan_on,
        created_by_id=actor.user_id,
    )
    scan.full_clean()
    scan.save()
    scan.partners.set(partners)
    _log(
        actor,
        name="preparedness.local_scan.create",
        operation=Operation.CREATE,
        object_type="local_scan",
        object_id=scan.pk,
    )
    return scan


# --- Partner agreements (the seven-task matrix). -----------------------------------------


def contact_subject(agreement: PartnerAgreement) -> str:
    return f"partner_contact:{agreement.pk}"


@transaction.atomic
def partner_agreement_save(
    *,
    actor: Actor,
    municipality: Municipality,
    organisation: Organisation,
    task: CotTask,
    role: str,
    contact_person: str,
    agreed_on: date | None,
    version: int,
) -> PartnerAgreement | None:
    """Sets one cell of the matrix; an empty ``role`` removes the agreement (returns None)."""
    _require_local(municipality, [organisation])
    existing = PartnerAgreement.objects.filter(
        municipality=municipality, organisation=organisation, task=task
    ).first()
    if existing is None and version != 0:
        raise StaleEdit
    if existing is not None:
        existing = _locked(PartnerAgreement, existing.pk, version)
    if not role:
        if existing is None:
            return None
        subjects = [contact_subject(existing)] if existing.contact_person else []
        pk = existing.pk
        existing.delete()
        _log(
            actor,
            name="preparedness.agreement.delete",
            operation=Operation.DELETE,
            object_type="partner_agreement",
            object_id=pk,
            subjects=subjects,
        )
        return None
    agreement = existing or PartnerAgreement(
        municipality=municipality, organisation=organisation, task=task
    )
    agreement.role = AgreementRole(role)
    agreement.contact_person = contact_person
    agreement.agreed_on = agreed_on
    agreement.updated_by_id = actor.user_id
    _save(agreement, bump=existing is not None)
    _log(
        actor,
        name="preparedness.agreement.save",
        operation=Operation.UPDATE if existing else Operation.CREATE,
        object_type="partner_agreement",
        object_id=agreement.pk,
        subjects=[contact_subject(agreement)] if contact_person else [],
    )
    return agreement


# --- Key figures. -------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigureData:
    name: str
    contact_details: str
    community: str
    trust_notes: str
    last_contact_on: date | None
    next_contact_on: date | None


def key_figure_subject(key_figure: KeyFigure) -> str:
    return f"key_figure:{key_figure.pk}"


def _apply(instance: models.Model, data: Any) -> None:
    for name, value in vars(data).items():
        setattr(instance, name, value)


def _check_contact_dates(data: KeyFigureData) -> None:
    if (
        data.last_contact_on
        and data.next_contact_on
        and data.next_contact_on < data.last_contact_on
    ):
        raise ValidationError(
            {"next_contact_on": _("The next contact cannot come before the last contact.")}
        )


@transaction.atomic
def key_figure_create(
    *, actor: Actor, municipality: Municipality, data: KeyFigureData
) -> KeyFigure:
    _check_contact_dates(data)
    key_figure = KeyFigure(municipality=municipality)
    _apply(key_figure, data)
    _save(key_figure, bump=False)
    _log(
        actor,
        name="preparedness.key_figure.create",
        operation=Operation.CREATE,
        object_type="key_figure",
        object_id=key_figure.pk,
        subjects=[key_figure_subject(key_figure)],
    )
    return key_figure


@transaction.atomic
def key_figure_update(
    *, actor: Actor, key_figure: KeyFigure, data: KeyFigureData, version: int
) -> KeyFigure:
    _check_contact_dates(data)
    locked = _locked(KeyFigure, key_figure.pk, version)
    _apply(locked, data)
    _save(locked)
    _log(
        actor,
        name="preparedness.key_figure.update",
        operation=Operation.UPDATE,
        object_type="key_figure",
        object_id=locked.pk,
        subjects=[key_figure_subject(locked)],
    )
    return locked


@transaction.atomic
def key_figure_delete(*, actor: Actor, key_figure: KeyFigure, version: int) -> None:
    """Contact has ended: the person's data go (minimal data; the register says so)."""
    locked = _locked(KeyFigure, key_figure.pk, version)
    subject = key_figure_subject(locked)
    pk = locked.pk
    locked.delete()
    _log(
        actor,
        name="preparedness.key_figure.delete",
        operation=Operation.DELETE,
        object_type="key_figure",
        object_id=pk,
        subjects=[subject],
    )


@dataclass(frozen=True)
class ReminderResult:
    key_figures: int
    notifications: int


def key_figure_reminders(today: date) -> ReminderResult:
    """The daily hook: tells each municipality's leads once per next-contact date that
    contact with key figures has lapsed. The notification names nobody, only a count.

    Idempotent: each key figure is claimed for its next-contact date with a conditional
    update, so a second run the same day (or a parallel one) finds nothing to send.
    """
    not_told = (
        Q(reminded_for__isnull=True)
        | Q(reminded_for__lt=F("next_contact_on"))
        | Q(reminded_for__gt=F("next_contact_on"))
    )
    due = KeyFigure.objects.lapsed(today).filter(not_told).select_related("municipality")
    per_municipality: dict[int, list[KeyFigure]] = {}
    for key_figure in due.order_by("municipality_id", "id"):
        per_municipality.setdefault(key_figure.municipality_id, []).append(key_figure)
    reminded = 0
    notifications = 0
    for key_figures in per_municipality.values():
        municipality = key_figures[0].municipality
        leads = list(User.objects.leads_of(municipality))
        if not leads:
            # Nobody to tell: leave them unclaimed so a lead appointed later still hears.
            continue
        with transaction.atomic():
            claimed = [kf for kf in key_figures if _claim(kf)]
            if not claimed:
                continue
            _log(
                None,
                name="preparedness.key_figure.remind",
                operation=Operation.UPDATE,
                object_type="key_figure",
                object_id="",
                subjects=[key_figure_subject(kf) for kf in claimed],
            )
            notify(
                recipients=leads,
                title=key_figures_lapsed_text(len(claimed)),
                kind=NotificationKind.KEY_FIGURES_LAPSED,
                params={"count": len(claimed)},
                url=reverse("preparedness:key_figures", args=[municipality.pk]),
                email=True,
            )
        reminded += len(claimed)
        notifications += len(leads)
    return ReminderResult(key_figures=reminded, notifications=notifications)


def _claim(key_figure: KeyFigure) -> bool:
    return (
        KeyFigure.objects.filter(pk=key_figure.pk, next_contact_on=key_figure.next_contact_on)
        .exclude(reminded_for=key_figure.next_contact_on)
        .update(reminded_for=key_figure.next_contact_on)
        == 1
    )


# --- Training records. --------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingData:
    organisation: Organisation
    participant_name: str
    participant_count: int | None
    training: str
    held_on: date
    refresh_on: date | None
    joint: bool


def trainee_subject(record: TrainingRecord) -> str:
    return f"trainee:{record.pk}"


def _check_training(municipality: Municipality, data: TrainingData) -> None:
    _require_local(municipality, [data.organisation])
    if not data.participant_name and not data.participant_count:
        raise ValidationError(
            {"participant_count": _("Give a name or the number of people trained.")}
        )
    if data.refresh_on and data.refresh_on <= data.held_on:
        raise ValidationError(
            {"refresh_on": _("The refresher must come after the training itself.")}
        )


@transaction.atomic
def training_record_create(
    *, actor: Actor, municipality: Municipality, data: TrainingData
) -> TrainingRecord:
    _check_training(municipality, data)
    record = TrainingRecord(municipality=municipality)
    _apply(record, data)
    _save(record, bump=False)
    _log(
        actor,
        name="preparedness.training.create",
        operation=Operation.CREATE,
        object_type="training_record",
        object_id=record.pk,
        subjects=[trainee_subject(record)] if record.participant_name else [],
    )
    return record


@transaction.atomic
def training_record_update(
    *, actor: Actor, record: TrainingRecord, data: TrainingData, version: int
) -> TrainingRecord:
    _check_training(record.municipality, data)
    locked = _locked(TrainingRecord, record.pk, version)
    named = bool(locked.participant_name or data.participant_name)
    _apply(locked, data)
    _save(locked)
    _log(
        actor,
        name="preparedness.training.update",
        operation=Operation.UPDATE,
        object_type="training_record",
        object_id=locked.pk,
        subjects=[trainee_subject(locked)] if named else [],
    )
    return locked


@transaction.atomic
def training_record_delete(*, actor: Actor, record: TrainingRecord, version: int) -> None:
    locked = _locked(TrainingRecord, record.pk, version)
    subjects = [trainee_subject(locked)] if locked.participant_name else []
    pk = locked.pk
    locked.delete()
    _log(
        actor,
        name="preparedness.training.delete",
        operation=Operation.DELETE,
        object_type="training_record",
        object_id=pk,
        subjects=subjects,
    )


# --- The directory of support organisations (catalogue data). ----------------------------


@dataclass(frozen=True)
class SupportData:
    name: str
    scope: str
    helps_with: str
    website: str
    how_to_reach: str
    position: int
    phone: str = ""
    email: str = ""


@transaction.atomic
def support_organisation_create(*, actor: Actor, data: SupportData) -> SupportOrganisation:
    organisation = SupportOrganisation()
    _apply(organisation, data)
    _save(organisation, bump=False)
    _log(
        actor,
        name="preparedness.directory.create",
        operation=Operation.CREATE,
        object_type="support_organisation",
        object_id=organisation.pk,
    )
    return organisation


@transaction.atomic
def support_organisation_update(
    *, actor: Actor, organisation: SupportOrganisation, data: SupportData, version: int
) -> SupportOrganisation:
    locked = _locked(SupportOrganisation, organisation.pk, version)
    _apply(locked, data)
    _save(locked)
    _log(
        actor,
        name="preparedness.directory.update",
        operation=Operation.UPDATE,
        object_type="support_organisation",
        object_id=locked.pk,
    )
    return locked


@transaction.atomic
def support_organisation_delete(
    *, actor: Actor, organisation: SupportOrganisation, version: int
) -> None:
    locked = _locked(SupportOrganisation, organisation.pk, version)
    pk = locked.pk
    locked.delete()
    _log(
        actor,
        name="preparedness.directory.delete",
        operation=Operation.DELETE,
        object_type="support_organisation",
        object_id=pk,
    )
