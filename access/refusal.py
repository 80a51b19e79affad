"""Refused object access: a 404 for the requester, a security event in the processing log.

A gate that finds an object the actor may not see answers exactly as for an object that does
not exist, so probing ids tells the requester nothing. The log, however, must tell: a school
account that walks case numbers is a fact the privacy officer has to be able to see
(privacy "usage" page). The event is about the account's use of Schakel, so its data subject is
the acting user, never the person in the refused object: the log learns nothing about the
object beyond its kind and id, which the requester typed anyway.
"""

from __future__ import annotations

from django.http import Http404

from access.facts import Actor
from audit.models import Operation, Result
from audit.services import log_processing

SECURITY_ACTIVITY = "security"
OBJECT_REFUSED = "access.object_refused"
ROLE_DENIED = "access.role_denied"
# The log names the usage page counts as refusals.
REFUSAL_NAMES = (OBJECT_REFUSED, ROLE_DENIED)


class Refused(Http404):
    """An existing object the actor may not use. Django and REST framework answer it as 404."""


def refused(actor: Actor | None, *, object_type: str, object_id: int | str) -> Refused:
    """Writes the security event and returns the 404 to raise: ``raise refused(...)``.

    The record is written in its own transaction; when the log cannot be written,
    AuditUnavailable propagates and the request is refused with 503 instead of 404.
    """
    log_processing(
        activity=SECURITY_ACTIVITY,
        name=OBJECT_REFUSED,
        operation=Operation.DENIED,
        result=Result.REFUSED,
        actor=actor,
        subjects=[f"user:{actor.user_id}"] if actor is not None else [],
        object_type=object_type,
        object_id=str(object_id)[:64],
    )
    return Refused()
