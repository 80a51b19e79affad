"""Changes the privacy officer makes: revising the register of processing activities."""

from __future__ import annotations

from django.db import transaction

from audit.models import Operation, ProcessingActivity, ProcessingActivityVersion
from audit.services import ActsFor, activity_revise, log_processing

OVERSIGHT_ACTIVITY = "audit-oversight"


@transaction.atomic
def register_entry_revise(
    *,
    activity: ProcessingActivity,
    actor: ActsFor,
    author: str,
    name: str,
    purpose: str,
    legal_basis: str,
    data_categories: str,
    retention: str,
) -> ProcessingActivityVersion:
    """Adds a new version of a register entry; older records keep their version.

    Logged first, in the same transaction: the revision is then recorded under the version
    in force when it was made (this matters when "audit-oversight" itself is revised), and a
    revision whose record cannot be written is rolled back.
    """
    log_processing(
        activity=OVERSIGHT_ACTIVITY,
        name="privacy.register.revise",
        operation=Operation.UPDATE,
        actor=actor,
        object_type="processing_activity",
        object_id=activity.code,
    )
    return activity_revise(
        code=activity.code,
        name=name,
        purpose=purpose,
        legal_basis=legal_basis,
        data_categories=data_categories,
        retention=retention,
        author=author,
    )
