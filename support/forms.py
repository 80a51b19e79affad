"""Forms of the support pages. They check the shape of the input; the services check the
rules (and are the ones the API uses too). Every error is a sentence a user can act on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from lib.forms import BoundedForm, required_when
from network.models import NetworkPerson
from support.aftercare import PartInput
from support.models import Domain, Instrument, PressLead
from support.press import QA_LIMIT, PressInput
from support.services import AssessmentInput, ContactInput

DATE_ERRORS = {
    "required": _("Give the date."),
    "invalid": _("Give the date as day, month and year."),
}
VERSION_ERRORS = {
    "required": _("The form was incomplete; open the page again."),
    "invalid": _("The form was incomplete; open the page again."),
}
# Empty question-and-answer rows the press line form offers beyond the filled ones.
QA_SPARE = 2
QA_MINIMUM = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages=DATE_ERRORS,
    )


def text_field(
    label: Any, limit: int, *, required: bool = True, rows: int = 0, help_text: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": _("Fill in this field."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )


def version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


QUESTION_KIND_CHOICES = [
    ("practical", _("practical")),
    ("emotional", _("emotional")),
    ("care", _("care")),
]


class ContactForm(BoundedForm):
    relative = NamedChoiceField(
        label=_("Relative"),
        queryset=NetworkPerson.objects.none(),
        help_text=_("A person in the network of this case. Add them there first if needed."),
        error_messages={
            "required": _("Choose the relative the contact was with."),
            "invalid_choice": _("Choose a relative from the network of this case."),
        },
    )
    contact_on = date_field(_("Date of the contact"))
    question_kinds = forms.MultipleChoiceField(
        label=_("The question was"),
        choices=QUESTION_KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every kind that applies."),
        error_messages={
            "required": _("Choose what the question was about: practical, emotional or care."),
            "invalid_choice": _(
                "Choose what the question was about: practical, emotional or care."
            ),
        },
    )
    summary = text_field(_("Summary"), 300, help_text=_("What the contact was about."))
    agreements = text_field(_("Agreements"), 2000, required=False, rows=4)
    referred = forms.BooleanField(
        label=_("Referred to the Familiesteunpunt of the LSE"), required=False
    )
    referred_on = required_when(
        date_field(
            _("Date of the referral"),
            required=False,
            help_text=_("Required when the contact was referred to the Familiesteunpunt."),
        )
    )

    def __init__(
        self, *args: Any, relatives: QuerySet[NetworkPerson], editing: bool = False, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        field = self.fields["relative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = relatives
        if editing:
            self.fields["version"] = version_field()

    def clean(self) -> dict[str, Any]:
        # Also checked by the service; here too, so every mistake shows at once.
        data = super().clean() or {}
        if (
            data.get("referred")
            and not data.get("referred_on")
            and "referred_on" not in self.errors
        ):
            self.add_error(
                "referred_on", _("Give the date of the referral to the Familiesteunpunt.")
            )
        return data

    def to_input(self) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(
            relative=data["relative"],
            contact_on=data["contact_on"],
            question_kinds=frozenset(data["question_kinds"]),
            summary=data["summary"],
            agreements=data["agreements"],
            referred=data["referred"],
            referred_on=data["referred_on"],
        )

    @staticmethod
    def initial_for(contact: Any) -> dict[str, Any]:
        return {
            "relative": contact.relative_id,
            "contact_on": contact.contact_on,
            "question_kinds": [
                k for k in ("practical", "emotional", "care") if getattr(contact, k)
            ],
            "summary": contact.summary,
            "agreements": contact.agreements,
            "referred": contact.referred,
            "referred_on": contact.referred_on,
            "version": contact.version,
        }


class AssessmentForm(BoundedForm):
    instrument = forms.ChoiceField(
        label=_("Instrument"),
        choices=Instrument.choices,
        error_messages={
            "required": _("Choose the instrument."),
            "invalid_choice": _(
                "Choose the instrument from the list: VERA-2R, ERG, IR-46, other or unstructured."
            ),
        },
    )
    instrument_name = text_field(
        _("Name of the instrument"), 100, required=False, help_text=_("Only for another one.")
    )
    assessor = text_field(_("Assessor"), 200, help_text=_("Name or role, and where they work."))
    assessor_organisation = NamedChoiceField(
        label=_("Assessor's organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    assessed_on = date_field(_("Date of the assessment"))
    narrative = text_field(
        _("Narrative"),
        4000,
        rows=6,
        help_text=_("The conclusion in words. No scores: refer to the report for its details."),
    )
    document_reference = text_field(
        _("Document reference"),
        200,
        required=False,
        help_text=_("Where the report is kept, e.g. the reference of the source organisation."),
    )
    next_on = date_field(_("Next assessment"), required=False)

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        editing: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        field = self.fields["assessor_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        if editing:
            self.fields["version"] = version_field()

    def to_input(self) -> AssessmentInput:
        data = self.cleaned_data
        return AssessmentInput(
            instrument=data["instrument"],
            instrument_name=data["instrument_name"],
            assessor=data["assessor"],
            assessor_organisation=data["assessor_organisation"],
            assessed_on=data["assessed_on"],
            narrative=data["narrative"],
            document_reference=data["document_reference"],
            next_on=data["next_on"],
        )

    @staticmethod
    def initial_for(assessment: Any) -> dict[str, Any]:
        return {
            "instrument": assessment.instrument,
            "instrument_name": assessment.instrument_name,
            "assessor": assessment.assessor,
            "assessor_organisation": assessment.assessor_organisation_id,
            "assessed_on": assessment.assessed_on,
            "narrative": assessment.narrative,
            "document_reference": assessment.document_reference,
            "next_on": assessment.next_on,
            "version": assessment.version,
        }


def qa_rows(filled: int = 0, data: Mapping[str, Any] | None = None) -> int:
    """How many question-and-answer rows the form shows: the filled ones, a few spare, and
    as many as were posted (within the limit)."""
    posted = 0
    if data is not None:
        for index in range(1, QA_LIMIT + 1):
            if f"question_{index}" in data or f"answer_{index}" in data:
                posted = index
    return min(QA_LIMIT, max(QA_MINIMUM, filled + QA_SPARE, posted))


class PressForm(BoundedForm):
    lead = forms.ChoiceField(
        label=_("Lead of the press contacts"),
        choices=PressLead.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who leads: the public prosecutor or the municipality."),
            "invalid_choice": _("Choose who leads: the public prosecutor or the municipality."),
        },
    )
    core_messages = text_field(
        _("Core messages"),
        4000,
        rows=6,
        help_text=_("What may be said. Never names or numbers of individual cases."),
    )
    agreed_by = text_field(
        _("Agreed in the local triangle by"),
        300,
        required=False,
        help_text=_("Names or roles, e.g. mayor, chief of police, public prosecutor."),
    )
    agreed_on = date_field(
        _("Agreed on"), required=False, help_text=_("Leave empty while the line is a draft.")
    )
    valid_until = date_field(_("Valid until"), help_text=_("The last day the line may be used."))
    agreed_despite_check = text_field(
        _("Reason to agree despite the check"),
        1000,
        required=False,
        rows=3,
        help_text=_(
            "Only when the check finds names or numbers of people and the local triangle "
            "agrees to the text anyway: say why. It is kept with the agreement."
        ),
    )

    def __init__(self, *args: Any, rows: int = QA_MINIMUM, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.qa_count = rows
        for index in range(1, rows + 1):
            self.fields[f"question_{index}"] = text_field(
                _("Question %(number)d") % {"number": index}, 1000, required=False, rows=2
            )
            self.fields[f"answer_{index}"] = text_field(
                _("Answer %(number)d") % {"number": index}, 1000, required=False, rows=2
            )
        if editing:
            self.fields["version"] = version_field()

    def qa_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"question_{index}"], self[f"answer_{index}"])
            for index in range(1, self.qa_count + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(1, self.qa_count + 1):
            question = (data.get(f"question_{index}") or "").strip()
            answer = (data.get(f"answer_{index}") or "").strip()
            if question and not answer:
                self.add_error(f"answer_{index}", _("Give this question its answer."))
            if answer and not question:
                self.add_error(f"question_{index}", _("Give the question this answer belongs to."))
        return data

    def to_input(self) -> PressInput:
        data = self.cleaned_data
        pairs = []
        for index in range(1, self.qa_count + 1):
            question = (data.get(f"question_{index}") or "").strip()
            answer = (data.get(f"answer_{index}") or "").strip()
            if question or answer:
                pairs.append((question, answer))
        return PressInput(
            lead=data["lead"],
            core_messages=data["core_messages"],
            questions_and_answers=tuple(pairs),
            agreed_by=data["agreed_by"],
            agreed_on=data["agreed_on"],
            valid_until=data["valid_until"],
            agreed_despite_check=data.get("agreed_despite_check") or "",
        )

    @staticmethod
    def initial_for(line: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "lead": line.lead,
            "core_messages": line.core_messages,
            "agreed_by": line.agreed_by,
            "agreed_on": line.agreed_on,
            "valid_until": line.valid_until,
            "agreed_despite_check": line.agreed_despite_check,
            "version": line.version,
        }
        for index, pair in enumerate(line.questions_and_answers, start=1):
            initial[f"question_{index}"] = pair.get("question", "")
            initial[f"answer_{index}"] = pair.get("answer", "")
        return initial


class PlanForm(BoundedForm):
    """Every part of the reintegration plan: an arrangement, its owner and a review date."""

    def __init__(
        self, *args: Any, owners: Iterable[Organisation], editing: bool = False, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        owner_ids = [o.pk for o in owners]
        for domain in Domain:
            part = {"part": domain.label}
            self.fields[f"{domain.value}_text"] = text_field(
                _("Arrangement for %(part)s") % part, 500, required=False, rows=2
            )
            self.fields[f"{domain.value}_owner"] = NamedChoiceField(
                label=_("Owner of %(part)s") % part,
                queryset=Organisation.objects.filter(pk__in=owner_ids).order_by("name"),
                required=False,
                error_messages={
                    "invalid_choice": _(
                        "Choose an organisation of the case team or the municipality."
                    )
                },
            )
            self.fields[f"{domain.value}_review_on"] = date_field(
                _("Review date of %(part)s") % part, required=False
            )
        if editing:
            self.fields["version"] = version_field()

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (
                domain.value,
                str(domain.label),
                [
                    self[f"{domain.value}_text"],
                    self[f"{domain.value}_owner"],
                    self[f"{domain.value}_review_on"],
                ],
            )
            for domain in Domain
        ]

    def to_parts(self) -> list[PartInput]:
        data = self.cleaned_data
        return [
            PartInput(
                domain=domain.value,
                text=data.get(f"{domain.value}_text") or "",
                owner=data.get(f"{domain.value}_owner"),
                review_on=data.get(f"{domain.value}_review_on"),
            )
            for domain in Domain
        ]

    @staticmethod
    def initial_for(plan: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": plan.version}
        for part in plan.parts.all():
            initial[f"{part.domain}_text"] = part.text
            initial[f"{part.domain}_owner"] = part.owner_id
            initial[f"{part.domain}_review_on"] = part.review_on
        return initial


class ReviewForm(BoundedForm):
    reviewed_on = date_field(_("Date of the review"))
    note = text_field(_("Note"), 2000, rows=4, help_text=_("How the plan is going."))
