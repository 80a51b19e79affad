"""The profile a person keeps for the teams of their cases: function, work phone number and
whether their e-mail address is shown (issue 13). A file of its own beside services.py, so
the account administration and a person's own choices stay apart."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User

PROFILE_FIELDS = ("job_title", "work_phone", "share_email")


@transaction.atomic
def user_profile_update(*, user: User, job_title: str, work_phone: str, share_email: bool) -> User:
    """Saves what the person chooses to show; the model's validators judge it first, so bad
    input changes nothing."""
    user.job_title = job_title.strip()
    user.work_phone = " ".join(work_phone.split())
    user.share_email = share_email
    user.full_clean(validate_unique=False, exclude=["password"])
    user.save(update_fields=list(PROFILE_FIELDS))
    return user
