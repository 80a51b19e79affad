"""The form of "Wat ik deel met casusteams": what a person shows the teams of their cases."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from lib.forms import BoundedModelForm


class ProfileForm(BoundedModelForm):
    class Meta:
        model = User
        fields = ("job_title", "work_phone", "share_email")
        labels = {
            "job_title": _("Function"),
            "work_phone": _("Work phone number"),
            "share_email": _("Show my e-mail address to the teams of my cases"),
        }
        widgets = {
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "work_phone": forms.TextInput(attrs={"autocomplete": "work tel", "inputmode": "tel"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["job_title"].error_messages["max_length"] = _(
            "Keep the function to at most %(limit_value)d characters."
        )
