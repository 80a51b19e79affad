"""Forms for signals: intake, the list's filters, and the lead's status change and merge.

The intake's rules across fields and its write path are in signals.intake, shared with the
API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from access import roles as access_roles
from access.facts import Actor
from access.roles import has_role
from access.signals import may_register_intelligence_notice
from accounts.list_filters import choice_filter, limit_municipalities, municipality_filter
from accounts.models import Municipality, Organisation
from lib.dates import validate_birth_year
from lib.forms import BoundedForm, required_when
from signals.intake import (
    SOMEONE_ELSE_MESSAGE,
    SUBJECT_FIELDS,
    Intake,
    SubjectDetails,
    intake_problems,
    region_municipalities,
    region_organisations,
    reporter_choices,
    strong_candidate_known,
    subject_problems,
)
from signals.models import Channel, ConcernType, ReporterType, Signal, Urgency
from signals.reading import Filters
from signals.services import NoticeDetails
from signals.workflow import ALLOWED_TRANSITIONS, Status

# The lead moves a signal by hand only towards the weighing. "Weighed" and "closed" follow
# from a decision recorded in the weighing session (signals.weighing), which also sets the
# retention date; "merged" needs the other signal, so it has a form of its own.
MANUAL_TARGETS = frozenset({Status.VERIFYING, Status.AWAITING_WEIGHING})
# A signal can be merged into another one that has not been weighed yet.
MERGE_INTO_STATUSES = (Status.RECEIVED, Status.VERIFYING, Status.AWAITING_WEIGHING)


def manual_targets(status: str) -> list[Status]:
    allowed = ALLOWED_TRANSITIONS[Status(status)]
    return [target for target in Status if target in allowed and target in MANUAL_TARGETS]


def can_be_merged(signal: Signal) -> bool:
    return Status.MERGED in ALLOWED_TRANSITIONS[Status(signal.status)]


def merge_candidates(signal: Signal) -> Any:
    """Other open signals about the same person in the same municipality."""
    if signal.subject_id is None:
        return Signal.objects.none()
    return (
        Signal.objects.filter(
            subject_id=signal.subject_id,
            municipality_id=signal.municipality_id,
            status__in=MERGE_INTO_STATUSES,
        )
        .exclude(pk=signal.pk)
        .order_by("-received_at", "-id")
    )


# --- Forms. ---


def _choose(choices: Any) -> list[tuple[str, str]]:
    return [("", _("Choose…")), *choices]


def someone_else_reason_field() -> forms.CharField:
    """Why a person is not the one "already known?" reports: asked wherever a person is
    registered (the signal intake, a follow-up signal from the network)."""
    return required_when(
        forms.CharField(
            label=_("This is someone else"),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "Only when Schakel reports that a person with very similar details is already "
                "known: say why this is a different person."
            ),
            error_messages={"max_length": _("Keep this under %(limit_value)d characters.")},
        )
    )


class IntakeForm(BoundedForm):
    past_dates = frozenset({"received_at", "notice_dated", "police_informed_at"})
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("The municipality whose lead handles the signal: where the person lives."),
        error_messages={
            "required": _("Choose the municipality."),
            "invalid_choice": _("Choose a municipality of your region from the list."),
        },
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        help_text=_("Date and time the signal came in, for example 2027-01-14 10:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Give the date and time the signal came in."),
            "invalid": _("Give an existing date and a time, as day, month, year and hours."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=_choose(Channel.choices),
        help_text=_("How the signal came in."),
        error_messages={
            "required": _("Choose how the signal came in."),
            "invalid_choice": _("Choose the channel from the list."),
        },
    )
    reporter_type = forms.ChoiceField(
        label=_("Reporter"),
        choices=[],
        help_text=_("Who reported the signal."),
        error_messages={
            "required": _("Choose who reported the signal."),
            "invalid_choice": _("Choose who reported the signal from the list."),
        },
    )
    reporting_organisation = required_when(
        forms.ModelChoiceField(
            label=_("Reporting organisation"),
            queryset=Organisation.objects.none(),
            required=False,
            empty_label=_("Choose…"),
            help_text=_("Required when a professional reported; otherwise left out."),
            error_messages={"invalid_choice": _("Choose an organisation of your region.")},
        )
    )
    notice_reference = required_when(
        forms.CharField(
            label=_("Reference of the intelligence notice"),
            max_length=100,
            required=False,
            help_text=_(
                "Required for an intelligence notice. The notice itself stays with the mayor."
            ),
            error_messages={"max_length": _("The reference is at most 100 characters.")},
        )
    )
    notice_dated = required_when(
        forms.DateField(
            label=_("Date of the intelligence notice"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Required for an intelligence notice."),
            error_messages={"invalid": _("Give an existing date.")},
        )
    )
    description = forms.CharField(
        label=_("What was observed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Facts only: what was seen or heard, when and by whom. No guesses, and nothing "
            "about family members beyond what the weighing needs."
        ),
        error_messages={
            "required": _("Describe what was observed."),
            "max_length": _("The description is at most 5000 characters."),
        },
    )
    concern_type = forms.ChoiceField(
        label=_("Type of concern"),
        choices=_choose(ConcernType.choices),
        help_text=_("As the reporter describes it; choose “unclear” when it is not known."),
        error_messages={
            "required": _("Choose the type of concern, or “unclear”."),
            "invalid_choice": _("Choose the type of concern from the list."),
        },
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        help_text=_(
            "Acute: a threat of violence or imminent travel. An acute signal alerts the lead "
            "and the police at once."
        ),
        error_messages={
            "required": _("Choose the urgency."),
            "invalid_choice": _("Choose the urgency from the list."),
        },
    )
    police_informed = forms.TypedChoiceField(
        label=_("Has the police unit been informed?"),
        choices=[("yes", _("Yes")), ("no", _("No, not yet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "Always inform your police unit of suspected or concrete signs of "
            "radicalisation, also when the signal is not acute."
        ),
        error_messages={
            "required": _("Say whether the police unit has been informed."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
    police_informed_at = required_when(
        forms.DateTimeField(
            label=_("Police unit informed at"),
            required=False,
            help_text=_("Required when the police unit was informed: date and time."),
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            error_messages={
                "invalid": _("Give an existing date and a time, as day, month, year and hours."),
            },
        )
    )
    subject_unknown = forms.BooleanField(
        label=_("The person is not known by name yet"),
        required=False,
        help_text=_("Leave the person's details empty; the lead identifies the person."),
    )
    # Required, unless the person is not known by name yet (see __init__).
    given_names = required_when(
        forms.CharField(
            label=_("Given names"),
            max_length=200,
            error_messages={
                "required": _("Give the person's given names."),
                "max_length": _("Given names are at most 200 characters."),
            },
        )
    )
    surname_prefix = forms.CharField(
        label=_("Surname prefix"),
        max_length=30,
        required=False,
        help_text=_("For example “van der” or “el”."),
        error_messages={"max_length": _("The surname prefix is at most 30 characters.")},
    )
    surname = required_when(
        forms.CharField(
            label=_("Surname"),
            max_length=200,
            help_text=_("Without the prefix."),
            error_messages={
                "required": _("Give the person's surname."),
                "max_length": _("The surname is at most 200 characters."),
            },
        )
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        validators=[validate_birth_year],
        error_messages={"invalid": _("Give the year of birth as a number.")},
    )
    birth_month = forms.IntegerField(
        label=_("Month of birth"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("A number from 1 to 12, if known."),
        error_messages={
            "invalid": _("Give the month of birth as a number."),
            "min_value": _("The month of birth is a number from 1 to 12."),
            "max_value": _("The month of birth is a number from 1 to 12."),
        },
    )
    birth_day = forms.IntegerField(
        label=_("Day of birth"),
        required=False,
        min_value=1,
        max_value=31,
        error_messages={
            "invalid": _("Give the day of birth as a number."),
            "min_value": _("The day of birth is a number from 1 to 31."),
            "max_value": _("The day of birth is a number from 1 to 31."),
        },
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        required=False,
        help_text=_("Only with a legal basis for recording it."),
        error_messages={"max_length": _("A BSN has nine digits.")},
    )
    bsn_legal_basis = required_when(
        forms.CharField(
            label=_("Legal basis for the BSN"),
            max_length=300,
            required=False,
            help_text=_("Required when a BSN is given."),
            error_messages={"max_length": _("The legal basis is at most 300 characters.")},
        )
    )

    someone_else_reason = someone_else_reason_field()

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = region_municipalities(actor)  # type: ignore[attr-defined]
        self.fields["reporting_organisation"].queryset = region_organisations(actor)  # type: ignore[attr-defined]
        self.fields["reporter_type"].choices = _choose(reporter_choices(actor))  # type: ignore[attr-defined]
        self.offers_notice = may_register_intelligence_notice(actor)
        if not self.offers_notice:
            del self.fields["notice_reference"]
            del self.fields["notice_dated"]
        if self.is_bound and self._subject_unknown():
            self.fields["given_names"].required = False
            self.fields["surname"].required = False
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            if has_role(actor, access_roles.LEAD) and actor.municipality_id is not None:
                self.initial.setdefault("municipality", actor.municipality_id)
            if has_role(actor, access_roles.PARTNERS):
                self.initial.setdefault("reporter_type", ReporterType.PROFESSIONAL)
                self.initial.setdefault("reporting_organisation", actor.organisation_id)

    def _subject_unknown(self) -> bool:
        widget = self.fields["subject_unknown"].widget
        name = self.add_prefix("subject_unknown")
        return bool(widget.value_from_datadict(self.data, self.files, name))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, message in intake_problems(data).items():
            self.add_error(name, message)
        if data.get("subject_unknown"):
            if any(data.get(name) not in (None, "") for name in SUBJECT_FIELDS):
                self.add_error(
                    "subject_unknown",
                    _(
                        "You ticked that the person is not known by name: leave their "
                        "details empty."
                    ),
                )
            return data
        details = self.subject_details()
        municipality = data.get("municipality")
        if details is not None and municipality is not None:
            for name, messages in subject_problems(municipality, details).items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        reason = (data.get("someone_else_reason") or "").strip()
        if details is not None and not reason and strong_candidate_known(details):
            self.add_error("someone_else_reason", SOMEONE_ELSE_MESSAGE)
        return data

    def subject_details(self) -> SubjectDetails | None:
        data = self.cleaned_data
        if data.get("subject_unknown") or not data.get("given_names") or not data.get("surname"):
            return None
        values: dict[str, Any] = {name: data.get(name) for name in SUBJECT_FIELDS}
        for name in ("surname_prefix", "bsn", "bsn_legal_basis"):
            values[name] = values[name] or ""
        return SubjectDetails(**values)

    def intake(self) -> Intake:
        data = self.cleaned_data
        notice = None
        if data["reporter_type"] == ReporterType.INTELLIGENCE_NOTICE:
            notice = NoticeDetails(reference=data["notice_reference"], dated=data["notice_dated"])
        return Intake(
            municipality=data["municipality"],
            received_at=data["received_at"],
            channel=data["channel"],
            reporter_type=data["reporter_type"],
            description=data["description"],
            concern_type=data["concern_type"],
            urgency=data["urgency"],
            reporting_organisation=data.get("reporting_organisation"),
            subject=self.subject_details(),
            someone_else_reason=data.get("someone_else_reason") or "",
            notice=notice,
            police_informed=data["police_informed"],
            police_informed_at=data.get("police_informed_at") if data["police_informed"] else None,
        )


class SignalFilterForm(BoundedForm):
    """Filters of the signal list (GET: they hold no personal data)."""

    status = choice_filter(_("Status"), Status.choices, _("Choose a status from the list."))
    urgency = choice_filter(_("Urgency"), Urgency.choices, _("Choose an urgency from the list."))
    municipality = municipality_filter()
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give an existing date.")},
    )
    received_to = forms.DateField(
        label=_("Received up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give an existing date.")},
    )

    def __init__(self, *args: Any, signals: QuerySet[Signal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_municipalities(self, signals)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end of the period lies before its start."))
        return data

    def filters(self) -> Filters:
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        municipality = data.get("municipality")
        return Filters(
            status=data.get("status") or "",
            urgency=data.get("urgency") or "",
            municipality_id=municipality.pk if municipality else None,
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
        )


_REASON_ERRORS = {
    "required": _("Give the reason for this change."),
    "max_length": _("The reason is at most 2000 characters."),
}
_VERSION_ERRORS = {
    "required": _("The form was incomplete; open the signal again."),
    "invalid": _("The form was incomplete; open the signal again."),
}


class TransitionForm(BoundedForm):
    to = forms.ChoiceField(
        label=_("New status"),
        choices=[],
        error_messages={
            "required": _("Choose the new status."),
            "invalid_choice": _("This status cannot follow the current one."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the signal's history."),
        error_messages=_REASON_ERRORS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=_VERSION_ERRORS)

    def __init__(self, *args: Any, signal: Signal, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "transition")
        kwargs.setdefault("initial", {"version": signal.version})
        super().__init__(*args, **kwargs)
        choices = [(target.value, target.label) for target in manual_targets(signal.status)]
        self.fields["to"].choices = choices  # type: ignore[attr-defined]


class SignalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("Signal %(number)s, received %(day)s (%(status)s)")
            % {
                "number": obj.pk,
                "day": date_format(timezone.localtime(obj.received_at), "SHORT_DATE_FORMAT"),
                "status": obj.get_status_display(),
            }
        )


class MergeForm(BoundedForm):
    into = SignalChoiceField(
        label=_("Merge into"),
        queryset=Signal.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("Another open signal about the same person. Both histories are kept."),
        error_messages={
            "required": _("Choose the signal to merge into."),
            "invalid_choice": _("Choose an open signal about the same person from the list."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history of both signals."),
        error_messages=_REASON_ERRORS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=_VERSION_ERRORS)

    def __init__(self, *args: Any, signal: Signal, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "merge")
        kwargs.setdefault("initial", {"version": signal.version})
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = merge_candidates(signal)  # type: ignore[attr-defined]
