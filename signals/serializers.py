"""Serializers of the signals API and the data they are built from.

Output is assembled from plain dicts by ``summary_data`` and ``detail_data``, after the
gate has decided that the caller may see the signal; an intelligence notice is masked the
same way as on the web page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from access.facts import Actor
from accounts.models import Municipality, Organisation
from lib.dates import validate_birth_year
from lib.serializers import BoundedSerializer
from signals.forms import MANUAL_TARGETS
from signals.gates import get_intelligence_notice
from signals.intake import (
    SUBJECT_FIELDS,
    Intake,
    SubjectDetails,
    intake_problems,
    region_municipalities,
    region_organisations,
    reporter_choices,
    subject_problems,
)
from signals.models import Channel, ConcernType, ReporterType, Signal, Urgency
from signals.reading import (
    RESTRICTED,
    InvalidCursor,
    decode_cursor,
    is_overdue,
    log_history_read,
    reporter_value,
)
from signals.services import NoticeDetails
from signals.workflow import Status

# --- Output. ---


class ReferenceSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id.")
    name = serializers.CharField(help_text="Name.")


class SubjectSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Id of the person (subject).")
    given_names = serializers.CharField(help_text="All given names, as known.")
    surname_prefix = serializers.CharField(help_text="Surname prefix (tussenvoegsel), or ''.")
    surname = serializers.CharField(help_text="Surname without the prefix.")
    display_name = serializers.CharField(help_text="The full name as shown.")
    birth_year = serializers.IntegerField(allow_null=True, help_text="Year of birth, or null.")
    birth_month = serializers.IntegerField(allow_null=True, help_text="Month of birth, or null.")
    birth_day = serializers.IntegerField(allow_null=True, help_text="Day of birth, or null.")


class SignalSummarySerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the signal.")
    municipality = ReferenceSerializer(help_text="The municipality whose lead handles it.")
    received_at = serializers.DateTimeField(help_text="When the signal reached the municipality.")
    concern_type = serializers.ChoiceField(
        choices=ConcernType.choices, help_text="As the reporter described it; never inferred."
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, help_text="Urgency.")
    status = serializers.ChoiceField(choices=Status.choices, help_text="Where in the workflow.")
    verification_deadline = serializers.DateField(help_text="Verify before this day.")
    overdue = serializers.BooleanField(help_text="Still to be verified after the deadline.")
    police_informed = serializers.BooleanField(
        allow_null=True, help_text="Whether the police unit was informed; null if not recorded."
    )
    police_informed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the police unit was informed, or null."
    )
    subject = SubjectSerializer(allow_null=True, help_text="The person, or null if not known.")


class EventSerializer(BoundedSerializer[object]):
    at = serializers.DateTimeField(help_text="When.")
    by = serializers.CharField(help_text="Who made the change (name at the time).")
    from_status = serializers.CharField(help_text="Status before, or '' at registration.")
    to_status = serializers.CharField(help_text="Status after.")
    reason = serializers.CharField(help_text="Why.")


class NoticeSerializer(BoundedSerializer[object]):
    reference = serializers.CharField(help_text="Reference of the intelligence notice.")
    dated = serializers.DateField(help_text="Date of the notice.")
    verification_note = serializers.CharField(help_text="How the mayor's office verified it.")


class SignalDetailSerializer(SignalSummarySerializer):
    channel = serializers.ChoiceField(choices=Channel.choices, help_text="How it came in.")
    reporter_type = serializers.CharField(
        help_text=(
            "One of professional, family, citizen, anonymous, intelligence_notice; "
            f"'{RESTRICTED}' when the reporter is an intelligence notice the caller may not see."
        )
    )
    reporting_organisation = ReferenceSerializer(
        allow_null=True, help_text="Organisation of a professional reporter, or null."
    )
    description = serializers.CharField(help_text="What was observed.")
    retention_until = serializers.DateField(
        allow_null=True, help_text="Kept until this day, then destroyed; null when not set."
    )
    merged_into = serializers.IntegerField(
        allow_null=True, help_text="The signal this one was merged into, or null."
    )
    version = serializers.IntegerField(help_text="Send it back with a change (stale → 409).")
    intelligence_notice = NoticeSerializer(
        allow_null=True, help_text="Restricted metadata; only for the lead and mayor's office."
    )
    events = EventSerializer(many=True, help_text="The history, oldest first.")


class SignalPageSerializer(BoundedSerializer[object]):
    results = SignalSummarySerializer(many=True, help_text="At most 25 signals, newest first.")
    next = serializers.URLField(allow_null=True, help_text="The next page, or null.")


class SignalReceiptSerializer(BoundedSerializer[object]):
    id = serializers.IntegerField(help_text="Number of the new signal.")
    municipality = ReferenceSerializer(help_text="The municipality it was registered for.")
    status = serializers.ChoiceField(choices=Status.choices, help_text="Always 'received'.")
    verification_deadline = serializers.DateField(help_text="Verify before this day.")


def reference_data(obj: Municipality | Organisation | None) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def summary_data(signal: Signal) -> dict[str, Any]:
    subject = signal.subject
    return {
        "id": signal.pk,
        "municipality": reference_data(signal.municipality),
        "received_at": signal.received_at,
        "concern_type": signal.concern_type,
        "urgency": signal.urgency,
        "status": signal.status,
        "verification_deadline": signal.verification_deadline,
        "overdue": is_overdue(signal),
        "police_informed": signal.police_informed,
        "police_informed_at": signal.police_informed_at,
        "subject": (
            {
                "id": subject.pk,
                "given_names": subject.given_names,
                "surname_prefix": subject.surname_prefix,
                "surname": subject.surname,
                "display_name": subject.display_name,
                "birth_year": subject.birth_year,
                "birth_month": subject.birth_month,
                "birth_day": subject.birth_day,
            }
            if subject is not None
            else None
        ),
    }


def detail_data(actor: Actor, signal: Signal) -> dict[str, Any]:
    """A signal the actor may see (the caller logged the read), with its history."""
    notice = get_intelligence_notice(actor, signal)
    events = list(signal.events.all())
    log_history_read(actor, signal, events)
    data = summary_data(signal)
    data.update(
        channel=signal.channel,
        reporter_type=reporter_value(signal, notice_visible=notice is not None),
        reporting_organisation=reference_data(signal.reporting_organisation),
        description=signal.description,
        retention_until=signal.retention_until,
        merged_into=signal.merged_into_id,
        version=signal.version,
        intelligence_notice=(
            {
                "reference": notice.reference,
                "dated": notice.dated,
                "verification_note": notice.verification_note,
            }
            if notice is not None
            else None
        ),
        events=[
            {
                "at": e.at,
                "by": e.actor_name,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "reason": e.reason,
            }
            for e in events
        ],
    )
    return SignalDetailSerializer(data).data


# --- Input. ---


class SignalQuerySerializer(BoundedSerializer[object]):
    status = serializers.ChoiceField(
        choices=Status.choices, required=False, help_text="Only signals with this status."
    )
    urgency = serializers.ChoiceField(
        choices=Urgency.choices, required=False, help_text="Only signals with this urgency."
    )
    municipality = serializers.IntegerField(
        required=False, min_value=1, help_text="Only signals of this municipality (id)."
    )
    received_from = serializers.DateField(required=False, help_text="Received on or after.")
    received_to = serializers.DateField(required=False, help_text="Received on or before.")
    cursor = serializers.CharField(
        required=False, max_length=200, help_text="Opaque position from the 'next' link."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("received_from"), attrs.get("received_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"received_to": [_("The end of the period lies before its start.")]}
            )
        if attrs.get("cursor"):
            try:
                attrs["position"] = decode_cursor(attrs["cursor"])
            except InvalidCursor:
                raise serializers.ValidationError(
                    {"cursor": [_("This cursor is not valid; start again without it.")]}
                ) from None
        return attrs


class SubjectInputSerializer(BoundedSerializer[object]):
    given_names = serializers.CharField(max_length=200, help_text="All given names, as known.")
    surname_prefix = serializers.CharField(
        max_length=30, required=False, allow_blank=True, help_text="Tussenvoegsel, if any."
    )
    surname = serializers.CharField(max_length=200, help_text="Surname without the prefix.")
    birth_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        validators=[validate_birth_year],
        help_text="If known; from 1900 to this year.",
    )
    birth_month = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=12,
        help_text="1-12, only with the year.",
    )
    birth_day = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=31,
        help_text="1-31, only with month and year.",
    )
    bsn = serializers.CharField(
        max_length=9, required=False, allow_blank=True, help_text="Only with a legal basis."
    )
    bsn_legal_basis = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Required with a BSN."
    )


class SignalInputSerializer(BoundedSerializer[object]):
    past_dates = frozenset({"received_at", "notice_dated"})
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(),
        help_text="Id of a municipality of your region: where the person lives.",
    )
    received_at = serializers.DateTimeField(
        help_text="When the signal came in (ISO 8601; without offset: Europe/Amsterdam)."
    )
    channel = serializers.ChoiceField(choices=Channel.choices, help_text="How it came in.")
    reporter_type = serializers.ChoiceField(
        choices=ReporterType.choices,
        help_text="Who reported. Only the lead may register an intelligence notice.",
    )
    reporting_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the organisation of a professional reporter (required for them).",
    )
    notice_reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Intelligence notice only: its reference.",
    )
    notice_dated = serializers.DateField(
        required=False, allow_null=True, help_text="Intelligence notice only: its date."
    )
    description = serializers.CharField(
        max_length=5000, help_text="What was observed, in facts; only what the weighing needs."
    )
    concern_type = serializers.ChoiceField(
        choices=ConcernType.choices, help_text="As described; 'unclear' when not known."
    )
    urgency = serializers.ChoiceField(
        choices=Urgency.choices, required=False, help_text="Default 'normal'."
    )
    police_informed = serializers.BooleanField(
        help_text=(
            "Whether the police unit has been informed (always inform your police unit, also "
            "of a signal that is not acute)."
        )
    )
    police_informed_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When the police unit was informed; required when it was.",
    )
    subject = SubjectInputSerializer(
        required=False, allow_null=True, help_text="The person; null when not known by name yet."
    )

    def __init__(self, *args: Any, actor: Actor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actor is not None:
            # Only what the actor's region holds, and no notice for anyone but the lead.
            municipality: Any = self.fields["municipality"]
            municipality.queryset = region_municipalities(actor)
            organisation: Any = self.fields["reporting_organisation"]
            organisation.queryset = region_organisations(actor)
            reporter: Any = self.fields["reporter_type"]
            reporter.choices = reporter_choices(actor)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {k: [v] for k, v in intake_problems(attrs).items()}
        details = self._subject_details(attrs)
        if details is not None and attrs.get("municipality") is not None:
            problems = subject_problems(attrs["municipality"], details)
            if problems:
                errors["subject"] = subject_errors(problems)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    @staticmethod
    def _subject_details(attrs: dict[str, Any]) -> SubjectDetails | None:
        subject = attrs.get("subject")
        if not subject:
            return None
        return SubjectDetails(
            given_names=subject["given_names"],
            surname=subject["surname"],
            surname_prefix=subject.get("surname_prefix", ""),
            birth_year=subject.get("birth_year"),
            birth_month=subject.get("birth_month"),
            birth_day=subject.get("birth_day"),
            bsn=subject.get("bsn", ""),
            bsn_legal_basis=subject.get("bsn_legal_basis", ""),
        )

    def intake(self) -> Intake:
        data = self.validated_data
        reporter = data["reporter_type"]
        notice = None
        if reporter == ReporterType.INTELLIGENCE_NOTICE:
            notice = NoticeDetails(reference=data["notice_reference"], dated=data["notice_dated"])
        return Intake(
            municipality=data["municipality"],
            received_at=data["received_at"],
            channel=data["channel"],
            reporter_type=reporter,
            description=data["description"],
            concern_type=data["concern_type"],
            urgency=data.get("urgency") or Urgency.NORMAL,
            reporting_organisation=data.get("reporting_organisation"),
            subject=self._subject_details(data),
            notice=notice,
            police_informed=data["police_informed"],
            police_informed_at=data.get("police_informed_at") if data["police_informed"] else None,
        )


class TransitionInputSerializer(BoundedSerializer[object]):
    to = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in Status if s in MANUAL_TARGETS or s == Status.MERGED],
        help_text=(
            "The new status. 'weighed' and 'closed' follow from a weighing decision and are "
            "not set here; 'merged' needs 'into'."
        ),
    )
    reason = serializers.CharField(max_length=2000, help_text="Why; kept in the history.")
    version = serializers.IntegerField(min_value=1, help_text="The version you last fetched.")
    into = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="For 'merged': the open signal about the same person to merge into.",
    )


def subject_errors(problems: dict[str, list[str]]) -> dict[str, list[str]]:
    return {("non_field_errors" if k == "__all__" else k): v for k, v in problems.items()}


def drf_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A service's refusal as the API's 400; a person's fields are nested under 'subject'."""
    if not hasattr(error, "error_dict"):
        return serializers.ValidationError({"non_field_errors": error.messages})
    detail: dict[str, Any] = {}
    subject: dict[str, list[str]] = {}
    for key, messages in error.message_dict.items():
        if key in SUBJECT_FIELDS:
            subject[key] = messages
        else:
            detail["non_field_errors" if key == "__all__" else key] = messages
    if subject:
        detail["subject"] = subject
    return serializers.ValidationError(detail)
