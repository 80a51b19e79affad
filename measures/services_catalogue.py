"""Write functions for the catalogue of measure types, kept by the functional administrator.

The figures (durations, terms, legal source) change when the law changes; the administrator
records that they were compared with the law text, and when.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from access.municipality import may_administer
from audit.models import Operation
from audit.services import log_processing
from lib.concurrency import update_if_current
from measures.models import MeasureType

# --- The catalogue, kept by the functional administrator. ---

# The catalogue holds no personal data; its changes are logged with the administration's
# other changes (regions, organisations), without a data subject.
CATALOGUE_ACTIVITY = "user-administration"
# Changing one of these asks for a new check against the law text.
FIGURE_FIELDS = (
    "regime",
    "competent_authority",
    "default_duration_months",
    "renewal_step_months",
    "maximum_total_months",
    "consent_required",
    "appeal_route",
    "appeal_term_days",
    "objection_phase",
    "legal_source",
    "law_expires_on",
)
EDITABLE_FIELDS = (
    "name",
    "description",
    "mayor_decides",
    "active",
    *FIGURE_FIELDS,
)


def _validate_figures(fields: dict[str, object]) -> None:
    default = fields.get("default_duration_months")
    maximum = fields.get("maximum_total_months")
    if isinstance(default, int) and isinstance(maximum, int) and maximum < default:
        raise ValidationError(
            {
                "maximum_total_months": _(
                    "The maximum total duration (%(maximum)s months) cannot be shorter than the "
                    "default duration (%(default)s months)."
                )
                % {"maximum": maximum, "default": default}
            }
        )


def _log_catalogue(
    actor: Actor, measure_type: MeasureType, *, name: str, operation: Operation
) -> None:
    log_processing(
        activity=CATALOGUE_ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        object_type="measure_type",
        object_id=measure_type.pk,
    )


@transaction.atomic
def measure_type_create(
    *, actor: Actor, code: str, figures_checked: bool, **fields: object
) -> MeasureType:
    if not may_administer(actor):
        raise ValidationError(_("Only the functional administrator keeps the catalogue."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _validate_figures(fields)
    measure_type = MeasureType(
        code=code,
        figures_checked=figures_checked,
        figures_checked_on=timezone.localdate() if figures_checked else None,
        **fields,
    )
    measure_type.full_clean()
    measure_type.save()
    _log_catalogue(
        actor, measure_type, name="measures.catalogue.create", operation=Operation.CREATE
    )
    return measure_type


@transaction.atomic
def measure_type_update(
    *,
    actor: Actor,
    measure_type: MeasureType,
    version: int,
    figures_checked: bool,
    **fields: object,
) -> MeasureType:
    """Changes a type; its interventions keep their dates. Ticking "figures checked" records
    today as the day of the check — also when a figure changes and the tick stays."""
    if not may_administer(actor):
        raise ValidationError(_("Only the functional administrator keeps the catalogue."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _validate_figures(fields)
    # Compared with the stored row: the caller's copy may already hold the new values.
    candidate = MeasureType.objects.get(pk=measure_type.pk)
    figures_changed = any(
        name in fields and fields[name] != getattr(candidate, name) for name in FIGURE_FIELDS
    )
    checked_on = candidate.figures_checked_on
    if not figures_checked:
        checked_on = None
    elif figures_changed or not candidate.figures_checked or checked_on is None:
        checked_on = timezone.localdate()
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.figures_checked, candidate.figures_checked_on = figures_checked, checked_on
    candidate.full_clean()
    update_if_current(
        MeasureType,
        measure_type.pk,
        version,
        figures_checked=figures_checked,
        figures_checked_on=checked_on,
        **fields,
    )
    measure_type.refresh_from_db()
    _log_catalogue(
        actor, measure_type, name="measures.catalogue.update", operation=Operation.UPDATE
    )
    return measure_type
