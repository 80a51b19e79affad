from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.services import MAX_TOKEN_DAYS
from lib.forms import BoundedForm


class TokenForm(BoundedForm):
    name = forms.CharField(
        label=_("What is the token for?"),
        help_text=_("For example the name of the system that will use it."),
        max_length=100,
        error_messages={"required": _("Say what the token is for.")},
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        help_text=_("At most %(days)s days.") % {"days": MAX_TOKEN_DAYS},
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        initial=30,
        error_messages={
            "required": _("Enter how many days the token stays valid."),
            "invalid": _("Enter a whole number of days."),
            "min_value": _("A token is valid for at least one day."),
            "max_value": _("A token is valid for at most %(limit_value)s days."),
        },
    )


class OwnPasswordForm(PasswordChangeForm):
    """Django's password change (current password, validators) with Schakel's wording."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not correct."),
        "password_mismatch": _("The two new passwords are not the same."),
    }
