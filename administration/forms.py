"""Forms of the administration. They validate; the services in ``services.py`` write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Municipality, Organisation, Region, Role, User
from accounts.services import MUNICIPALITY_CODE, normalise_email
from lib.forms import BoundedForm, BoundedModelForm, required_when

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_INVALID = _("Enter a valid date, for example 2025-03-01 (year, month, day).")


class RegionForm(BoundedModelForm):
    class Meta:
        model = Region
        fields = ["name"]
        error_messages = {
            "name": {
                "required": _("Enter the name of the region."),
                "unique": _("A region with this name already exists."),
            }
        }


class MunicipalityForm(BoundedModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "code", "size", "region", "police_contact"]
        error_messages = {
            "name": {
                "required": _("Enter the name of the municipality."),
                "unique": _("A municipality with this name already exists."),
            },
            "code": {
                "required": _("Enter the municipality code, for example GM0363."),
                "unique": _("Another municipality already has this code."),
            },
            "region": {
                "required": _("Choose the region of the municipality."),
                "invalid_choice": _("Choose one of the regions in the list."),
            },
            "size": {"invalid_choice": _("Choose one of the sizes in the list.")},
            "police_contact": {
                "invalid_choice": _("Choose a police professional from the list."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = self.fields["police_contact"]
        assert isinstance(contact, forms.ModelChoiceField)
        # Only people working for the police as chain partner can be the acute contact.
        contact.queryset = (
            User.objects.filter(
                is_active=True,
                memberships__in=Membership.objects.current().filter(
                    role=Role.PARTNER, organisation__kind=Organisation.Kind.POLICE
                ),
            )
            .distinct()
            .order_by("full_name")
        )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        MUNICIPALITY_CODE(code)
        return code


class OrganisationForm(BoundedModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "region", "municipality", "professional_secrecy"]
        error_messages = {
            "name": {
                "required": _("Enter the name of the organisation."),
                "unique": _("An organisation with this name already exists."),
            },
            "kind": {
                "required": _("Choose the type of organisation."),
                "invalid_choice": _("Choose one of the types in the list."),
            },
            "region": {
                "required": _("Choose the region the organisation works in."),
                "invalid_choice": _("Choose one of the regions in the list."),
            },
            "municipality": {"invalid_choice": _("Choose one of the municipalities in the list.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Required for a municipal organisation (see clean); its hint says so.
        required_when(self.fields["municipality"])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        kind = cleaned.get("kind")
        region = cleaned.get("region")
        municipality = cleaned.get("municipality")
        if kind == Organisation.Kind.MUNICIPALITY and municipality is None:
            # The model's check constraint says the same; said here, on the field, the user
            # sees where to fix it instead of a database error.
            self.add_error(
                "municipality", _("A municipal organisation needs its municipality: choose it.")
            )
        elif municipality is not None and region is not None and municipality.region != region:
            self.add_error(
                "municipality",
                _(
                    "This municipality lies in another region; choose the region of the "
                    "municipality or another municipality."
                ),
            )
        return cleaned


EMAIL_TAKEN = _("Another account already uses this e-mail address.")


def _clean_new_email(email: str, *, except_user: User | None = None) -> str:
    normalised = normalise_email(email)
    others = User.objects.filter(email__iexact=normalised)
    if except_user is not None:
        others = others.exclude(pk=except_user.pk)
    if others.exists():
        raise ValidationError(EMAIL_TAKEN)
    return normalised


EMAIL_ERRORS = {
    "required": _("Enter the e-mail address."),
    "invalid": _("Enter a valid e-mail address, such as name@example.nl."),
}
NAME_ERRORS = {"required": _("Enter the full name.")}


class PasswordFields(BoundedForm):
    """Two password fields checked against Django's password validators."""

    password_required = True

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Type the same password again, to rule out a typing error."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            self.fields[name].required = self.password_required
        self.fields["password1"].error_messages["required"] = _("Enter a password.")
        self.fields["password2"].error_messages["required"] = _("Enter the password again.")

    def user_for_validation(self) -> User:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        first = cleaned.get("password1") or ""
        second = cleaned.get("password2") or ""
        if not first and not second:
            return cleaned
        if first != second:
            self.add_error("password2", _("The two passwords are not the same."))
            return cleaned
        try:
            validate_password(first, self.user_for_validation())
        except ValidationError as error:
            self.add_error("password1", error)
        return cleaned


class UserCreateForm(PasswordFields):
    password_required = False

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("Used to log in; one account per person."),
        error_messages=EMAIL_ERRORS,
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Name shown to colleagues and in logs."),
        error_messages=NAME_ERRORS,
    )

    field_order = ["email", "full_name", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _(
            "Optional. Leave both password fields empty to create the account without a "
            "password: the person then logs in through single sign-on, or you set a password "
            "later through the organisation's procedure. At least 12 characters."
        )

    def clean_email(self) -> str:
        return _clean_new_email(self.cleaned_data["email"])

    def user_for_validation(self) -> User:
        # Unsaved: lets the similarity validator compare the password with name and address.
        return User(
            email=self.cleaned_data.get("email", ""),
            full_name=self.cleaned_data.get("full_name", ""),
        )


class SetPasswordForm(PasswordFields):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def user_for_validation(self) -> User:
        return self.user


class UserForm(BoundedModelForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "is_active"]
        error_messages = {
            "email": {**EMAIL_ERRORS, "unique": EMAIL_TAKEN},
            "full_name": NAME_ERRORS,
        }

    def clean_email(self) -> str:
        return _clean_new_email(self.cleaned_data["email"], except_user=self.instance)


class MembershipForm(BoundedModelForm):
    """A new membership of ``user``; the user is fixed by the page, not chosen in the form."""

    class Meta:
        model = Membership
        fields = ["organisation", "role", "valid_from", "valid_until"]
        widgets = {"valid_from": DATE_WIDGET, "valid_until": DATE_WIDGET}
        error_messages = {
            "organisation": {
                "required": _("Choose the organisation."),
                "invalid_choice": _("Choose one of the organisations in the list."),
            },
            "role": {
                "required": _("Choose the role."),
                "invalid_choice": _("Choose one of the roles in the list."),
            },
            "valid_from": {
                "required": _("Enter the first day of the membership."),
                "invalid": DATE_INVALID,
            },
            "valid_until": {
                "invalid": DATE_INVALID,
            },
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs["instance"] = Membership(user=user)
        super().__init__(*args, **kwargs)
        self.user = user
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.order_by("name")
        # The model's default (today) is callable, which would add a hidden "initial-"
        # input; the form never compares against the initial value, so leave it out.
        self.fields["valid_from"].show_hidden_initial = False

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        valid_from = cleaned.get("valid_from")
        valid_until = cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error(
                "valid_until", _("The last day lies before the first day; check both dates.")
            )
        # Overlapping memberships and roles at the wrong kind of organisation are refused by
        # accounts.services.membership_create; the view shows its message on this form.
        return cleaned
