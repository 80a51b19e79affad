from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.login_names import normalise_login_name
from accounts.models import Membership
from lib.forms import BoundedForm

CODE_PATTERN = re.compile(r"^\d{6}$")


class LoginForm(BoundedForm):
    # Named "username" because django-axes reads the attempted account from that field.
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "username",
            }
        ),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, such as name@example.nl."),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )

    def clean_username(self) -> str:
        return normalise_login_name(self.cleaned_data["username"])


class CodeForm(BoundedForm):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits, e.g. 123456."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
            }
        ),
        error_messages={
            "required": _("Enter the six-digit code."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not CODE_PATTERN.match(code):
            raise forms.ValidationError(_("The code consists of six digits only."))
        return code


class MembershipChoiceForm(BoundedForm):
    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        label=_("Work as"),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your own roles.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = user.active_memberships()
