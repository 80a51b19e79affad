"""The privacy officer's review of emergency access (noodtoegang) to cases.

The officer sees who opened which case, for which organisation, why and for how long — never
the case's content. An officer of a municipality reviews the accesses to that municipality's
cases; an officer of a regional organisation those of the region. Every look at the list and
every finding is logged under "audit-oversight", with the reviewed users as subjects.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import User
from audit.models import Operation
from audit.services import log_processing
from cases.models import BreakGlassAccess
from privacy.services import OVERSIGHT_ACTIVITY

FINDINGS = ("justified", "unjustified")


def accesses_in_scope(actor: Actor) -> QuerySet[BreakGlassAccess]:
    accesses = BreakGlassAccess.objects.select_related("user", "organisation", "reviewed_by")
    if actor.municipality_id is not None:
        return accesses.filter(case__municipality_id=actor.municipality_id)
    return accesses.filter(case__municipality__region_id=actor.region_id)


def _subjects(accesses: list[BreakGlassAccess]) -> list[str]:
    return sorted({f"user:{access.user_id}" for access in accesses})


def get_review_lists(
    actor: Actor,
) -> tuple[list[BreakGlassAccess], list[BreakGlassAccess]]:
    """The unreviewed accesses (oldest first: they wait longest) and the reviewed ones
    (newest review first). The read is logged with the users shown as subjects."""
    scope = accesses_in_scope(actor)
    open_accesses = list(scope.filter(reviewed_at__isnull=True).order_by("started_at", "id"))
    reviewed = list(scope.filter(reviewed_at__isnull=False).order_by("-reviewed_at", "-id")[:100])
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.break_glass.list",
        operation=Operation.READ,
        actor=actor,
        subjects=_subjects(open_accesses + reviewed),
        object_type="break_glass_access",
    )
    return open_accesses, reviewed


def get_access_for_review(actor: Actor, access_id: int) -> BreakGlassAccess:
    """One access in the officer's scope; 404 otherwise. The read is logged."""
    access = accesses_in_scope(actor).filter(pk=access_id).first()
    if access is None:
        raise Http404
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.break_glass.read",
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{access.user_id}"],
        object_type="break_glass_access",
        object_id=access.pk,
    )
    return access


@transaction.atomic
def break_glass_review(
    *, actor: Actor, user: User, access: BreakGlassAccess, finding: str, note: str
) -> BreakGlassAccess:
    """Records the officer's finding once; a second review of the same access is refused."""
    if finding not in FINDINGS:
        raise ValidationError({"finding": _("Choose whether the access was justified.")})
    if finding == "unjustified" and not note.strip():
        raise ValidationError(
            {"note": _("Write down what was not justified and what follows from it.")}
        )
    reviewed = BreakGlassAccess.objects.filter(pk=access.pk, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(),
        reviewed_by=user,
        review_finding=finding,
        review_note=note.strip(),
    )
    if not reviewed:
        raise ValidationError(_("This emergency access has already been reviewed."))
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.break_glass.review",
        operation=Operation.UPDATE,
        actor=actor,
        subjects=[f"user:{access.user_id}"],
        object_type="break_glass_access",
        object_id=access.pk,
    )
    access.refresh_from_db()
    return access
