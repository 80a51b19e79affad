"""Forms of the privacy officer: searching the processing log and revising the register."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from audit.models import Operation, ProcessingActivityVersion, Result
from audit.services import pseudonymise
from lib.forms import BoundedForm
from privacy.gates import LogFilters

if TYPE_CHECKING:
    # Typing only: django-stubs-ext is a development dependency.
    from django_stubs_ext import StrOrPromise

# A subject reference as the services write them: "user:12", "subject:40",
# "login-name:someone@example.nl". Checked before the e-mail form, since it may contain "@".
SUBJECT_REFERENCE = re.compile(r"^[a-z][a-z0-9_-]*:\S+$")
# A removed account can only be found by its number, as the results show it ("#12").
ACCOUNT_NUMBER = re.compile(r"^#?(\d{1,18})$")
# Bounds keep the conversion of a local day to UTC within what datetime can hold.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2999, 12, 31)
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _account_id(email: str) -> int | None:
    return User.objects.filter(email__iexact=email).values_list("pk", flat=True).first()


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _date_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2025-03-31 (year-month-day).")},
    )


class LogSearchForm(BoundedForm):
    subject = forms.CharField(
        label=_("Data subject"),
        help_text=_(
            "The e-mail address of an account, or a reference such as subject:40. Only its "
            "pseudonym is searched for; what you enter here is not stored."
        ),
        required=False,
        max_length=254,
        error_messages={"max_length": _("A reference has at most %(limit_value)d characters.")},
    )
    keep_subject = forms.BooleanField(
        label=_("Keep searching for the same data subject"),
        help_text=_("Leave the data subject empty to keep it; enter another one to replace it."),
        required=False,
    )
    actor = forms.CharField(
        label=_("Actor"),
        help_text=_(
            "The e-mail address of the account that acted, or its number such as #12 when the "
            "account no longer exists."
        ),
        required=False,
        max_length=254,
        error_messages={
            "max_length": _("An e-mail address has at most %(limit_value)d characters.")
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All organisations"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    date_from = _date_field(_("From"), _("First day of the period (inclusive)."))
    date_to = _date_field(_("Up to and including"), _("Last day of the period (inclusive)."))
    operation = forms.ChoiceField(
        label=_("Operation"),
        choices=[("", _("All operations")), *Operation.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose an operation from the list.")},
    )
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[("", _("All results")), *Result.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a result from the list.")},
    )

    def __init__(self, *args: Any, kept_subject_pseudonym: str = "", **kwargs: Any) -> None:
        """``kept_subject_pseudonym``: the pseudonym of the stored search, if it has one.

        The reference itself is not kept anywhere, so a refined search can only reuse its
        pseudonym; without one the "keep" box is not offered.
        """
        super().__init__(*args, **kwargs)
        self.kept_subject_pseudonym = kept_subject_pseudonym

    def clean_subject(self) -> str:
        """The subject reference; stays in memory only, the search uses its pseudonym."""
        value: str = self.cleaned_data["subject"].strip()
        if not value:
            return ""
        if SUBJECT_REFERENCE.match(value):
            return value
        if not _is_email(value):
            raise ValidationError(
                _("Enter the e-mail address of an account or a reference such as subject:40.")
            )
        account_id = _account_id(value)
        if account_id is None:
            raise ValidationError(
                _(
                    "No account has this e-mail address. For a removed account, enter its "
                    "reference, such as user:12."
                )
            )
        return f"user:{account_id}"

    def clean_actor(self) -> int | None:
        value: str = self.cleaned_data["actor"].strip()
        if not value:
            return None
        number = ACCOUNT_NUMBER.match(value)
        if number:
            return int(number.group(1))
        if not _is_email(value):
            raise ValidationError(
                _("Enter the e-mail address of an account or its number, such as #12.")
            )
        account_id = _account_id(value)
        if account_id is None:
            raise ValidationError(
                _(
                    "No account has this e-mail address. For a removed account, enter its "
                    "number, such as #12."
                )
            )
        return account_id

    def _clean_day(self, name: str) -> date | None:
        day: date | None = self.cleaned_data[name]
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(_("Enter a date between the years 2000 and 2999."))
        return day

    def clean_date_from(self) -> date | None:
        return self._clean_day("date_from")

    def clean_date_to(self) -> date | None:
        return self._clean_day("date_to")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first is not None and last is not None and last < first:
            self.add_error(
                "date_to",
                _("The end date lies before the start date. Choose a day on or after it."),
            )
        wants_kept = cleaned.get("keep_subject") and not cleaned.get("subject")
        if wants_kept and not self.kept_subject_pseudonym and "subject" not in self.errors:
            # The stored search was cleared meanwhile (another tab, a new login); searching
            # without the subject would silently show far more than was asked for.
            self.add_error(
                "subject",
                _(
                    "The earlier search was cleared, so its data subject is no longer known. "
                    "Enter the data subject again."
                ),
            )
        return cleaned

    def _subject_pseudonym(self) -> str:
        reference: str = self.cleaned_data["subject"]
        if reference:
            return pseudonymise(reference)
        if self.cleaned_data.get("keep_subject"):
            return self.kept_subject_pseudonym
        return ""

    def filters(self) -> LogFilters:
        """The validated filters; call only after is_valid()."""
        data = self.cleaned_data
        organisation: Organisation | None = data["organisation"]
        return LogFilters(
            subject_pseudonym=self._subject_pseudonym(),
            actor_id=data["actor"],
            organisation_id=organisation.pk if organisation is not None else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            operation=data["operation"],
            result=data["result"],
        )


def log_search_initial(filters: LogFilters) -> dict[str, Any]:
    """The form's values for a stored search. The subject stays empty: only its pseudonym
    was kept, so the form offers to keep searching for it instead."""
    actor = ""
    if filters.actor_id is not None:
        email = User.objects.filter(pk=filters.actor_id).values_list("email", flat=True).first()
        # A removed account is searched for by its number, as the form accepts it.
        actor = email or f"#{filters.actor_id}"
    return {
        "keep_subject": bool(filters.subject_pseudonym),
        "actor": actor,
        "organisation": filters.organisation_id,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "operation": filters.operation,
        "result": filters.result,
    }


REVISED_FIELDS = ("name", "purpose", "legal_basis", "data_categories", "retention")


def _text_field(label: StrOrPromise, required_message: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": required_message,
            "max_length": _("This text has at most %(limit_value)d characters."),
        },
    )


class ActivityRevisionForm(BoundedForm):
    """A new version of one register entry; starts from the current version's text."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={
            "required": _("Enter the name of the processing."),
            "max_length": _("The name has at most %(limit_value)d characters."),
        },
    )
    purpose = _text_field(_("Purpose"), _("Describe why the data are processed."))
    legal_basis = _text_field(
        _("Legal basis"), _("Enter the AVG ground and the law that allow the processing.")
    )
    data_categories = _text_field(
        _("Categories of personal data"), _("Enter which kinds of data are processed.")
    )
    retention = forms.CharField(
        label=_("Retention"),
        max_length=300,
        error_messages={
            "required": _("Enter how long the data are kept, and why."),
            "max_length": _("The retention has at most %(limit_value)d characters."),
        },
    )

    def __init__(self, *args: Any, current: ProcessingActivityVersion, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(current, name) for name in REVISED_FIELDS})
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in REVISED_FIELDS:
            if isinstance(cleaned.get(name), str):
                # Browsers send textarea lines with CRLF; store them as the register does.
                cleaned[name] = cleaned[name].replace("\r\n", "\n")
        unchanged = all(cleaned.get(name) == getattr(self.current, name) for name in REVISED_FIELDS)
        if unchanged:
            # A version identical to the one in force would only blur the register's history.
            raise ValidationError(
                _("Nothing was changed. Change at least one field to make a new version.")
            )
        return cleaned
