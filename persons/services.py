"""Writing subjects: the only path views and other apps use to record or correct a person.

``Subject.save`` refreshes the matching keys, so every write through here (and any other
save) keeps the "already known?" check accurate. Each write is logged in the same
transaction under the intake activity, because a person is recorded as part of a signal.
"""

from __future__ import annotations

from django.db import transaction

from access.facts import Actor
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from lib.concurrency import StaleEdit
from persons.models import Subject

ACTIVITY = "signal-intake"


def _log(actor: Actor, subject: Subject, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"subject:{subject.pk}"],
        object_type="subject",
        object_id=subject.pk,
    )


@transaction.atomic
def subject_create(
    *,
    actor: Actor,
    municipality: Municipality,
    given_names: str,
    surname: str,
    surname_prefix: str = "",
    birth_year: int | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    bsn: str = "",
    bsn_legal_basis: str = "",
) -> Subject:
    """Records a person; raises ValidationError (BSN 11-test, partial dates) and saves nothing."""
    subject = Subject(
        municipality=municipality,
        given_names=given_names.strip(),
        surname_prefix=surname_prefix.strip(),
        surname=surname.strip(),
        birth_year=birth_year,
        birth_month=birth_month,
        birth_day=birth_day,
        bsn=bsn.strip(),
        bsn_legal_basis=bsn_legal_basis.strip(),
        created_by_id=actor.user_id,
    )
    subject.full_clean()
    subject.save()
    _log(actor, subject, name="subject.create", operation=Operation.CREATE)
    return subject


@transaction.atomic
def subject_update(
    *,
    actor: Actor,
    subject: Subject,
    expected_version: int,
    given_names: str,
    surname: str,
    surname_prefix: str,
    birth_year: int | None,
    birth_month: int | None,
    birth_day: int | None,
    bsn: str,
    bsn_legal_basis: str,
) -> Subject:
    """Corrects a person's identity; refuses when someone else changed it in the meantime."""
    locked = Subject.objects.select_for_update().get(pk=subject.pk)
    if locked.version != expected_version:
        raise StaleEdit
    locked.given_names = given_names.strip()
    locked.surname_prefix = surname_prefix.strip()
    locked.surname = surname.strip()
    locked.birth_year = birth_year
    locked.birth_month = birth_month
    locked.birth_day = birth_day
    locked.bsn = bsn.strip()
    locked.bsn_legal_basis = bsn_legal_basis.strip()
    locked.version += 1
    locked.full_clean()
    locked.save()
    _log(actor, locked, name="subject.update", operation=Operation.UPDATE)
    return locked
