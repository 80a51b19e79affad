"""Forms of the preparedness pages. They only parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Municipality
from lib.forms import BoundedForm, BoundedModelForm
from preparedness.models import (
    AgreementRole,
    KeyFigure,
    LocalScan,
    PolicyRecord,
    ReadinessItem,
    SupportOrganisation,
    Topic,
    TrainingRecord,
)
from preparedness.services import local_organisations


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ClearErrorsMixin:
    """Every error a user can see is a sentence that names the field."""

    fields: dict[str, forms.Field]
    # Fields shown as a group of checkboxes (rendered as a fieldset).
    choice_groups: frozenset[str] = frozenset()

    def _clear_errors(self) -> None:
        for field in self.fields.values():
            label = str(field.label or "")
            field.error_messages["required"] = _("Fill in “%(label)s”.") % {"label": label}
            field.error_messages["invalid_choice"] = _("Choose “%(label)s” from the list.") % {
                "label": label
            }
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _(
                    "Give “%(label)s” as a date: day, month and year."
                ) % {"label": label}
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = _("Give “%(label)s” as a whole number.") % {
                    "label": label
                }
            if isinstance(field, forms.URLField):
                field.error_messages["invalid"] = _(
                    "Give “%(label)s” as a web address starting with https://."
                ) % {"label": label}


class VersionMixin(BoundedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)


class ReadinessItemForm(ClearErrorsMixin, VersionMixin, BoundedModelForm):
    class Meta:
        model = ReadinessItem
        fields = ["status", "regional_lead", "note"]

    def __init__(self, *args: Any, topic: Topic, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if topic != Topic.CONSULTATION:
            del self.fields["status"]
        else:
            self.fields["status"].help_text = gettext_lazy(
                "Is there a multidisciplinary consultation in which future cases can be discussed?"
            )
        if topic != Topic.LEAD:
            del self.fields["regional_lead"]
        else:
            self.fields["regional_lead"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
                region_id=municipality.region_id
            ).exclude(pk=municipality.pk)
        self._clear_errors()


class PolicyForm(ClearErrorsMixin, VersionMixin, BoundedModelForm):
    class Meta:
        model = PolicyRecord
        fields = ["adopted_on", "reference", "council_discussed_on", "note"]
        widgets = {"adopted_on": DateInput, "council_discussed_on": DateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clear_errors()


class LocalScanForm(ClearErrorsMixin, BoundedModelForm):
    choice_groups = frozenset({"partners"})

    class Meta:
        model = LocalScan
        fields = ["carried_out_on", "summary", "partners", "next_scan_on"]
        widgets = {
            "carried_out_on": DateInput,
            "next_scan_on": DateInput,
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = local_organisations(municipality)  # type: ignore[attr-defined]
        self._clear_errors()


class AgreementForm(ClearErrorsMixin, VersionMixin, BoundedForm):
    role = forms.ChoiceField(
        label=gettext_lazy("Part in this task"),
        required=False,
        choices=[("", gettext_lazy("no part")), *AgreementRole.choices],
        help_text=gettext_lazy("Choose “no part” to remove the agreement."),
    )
    contact_person = forms.CharField(
        label=gettext_lazy("Contact person"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("A function, such as community police officer, is enough."),
    )
    agreed_on = forms.DateField(
        label=gettext_lazy("Agreed on"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("When the agreement was made."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clear_errors()


class KeyFigureForm(ClearErrorsMixin, VersionMixin, BoundedModelForm):
    class Meta:
        model = KeyFigure
        fields = [
            "name",
            "contact_details",
            "community",
            "trust_notes",
            "last_contact_on",
            "next_contact_on",
        ]
        widgets = {"last_contact_on": DateInput, "next_contact_on": DateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clear_errors()


class TrainingForm(ClearErrorsMixin, VersionMixin, BoundedModelForm):
    class Meta:
        model = TrainingRecord
        fields = [
            "organisation",
            "training",
            "participant_name",
            "participant_count",
            "held_on",
            "refresh_on",
            "joint",
        ]
        widgets = {"held_on": DateInput, "refresh_on": DateInput}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = local_organisations(municipality).order_by("name")
        self.fields["organisation"].queryset = queryset  # type: ignore[attr-defined]
        self._clear_errors()

    def _post_clean(self) -> None:
        # The service validates the record as a whole (name or number, dates in order);
        # the form only parses the fields.
        pass


class SupportOrganisationForm(ClearErrorsMixin, VersionMixin, BoundedModelForm):
    class Meta:
        model = SupportOrganisation
        # The website is declared below: Django 6 assumes https for a bare domain, and the
        # form says so now instead of warning.
        fields = ["name", "scope", "helps_with", "how_to_reach", "phone", "email", "position"]

    field_order = [
        "name",
        "scope",
        "helps_with",
        "website",
        "how_to_reach",
        "phone",
        "email",
        "position",
    ]
    website = forms.URLField(
        label=SupportOrganisation._meta.get_field("website").verbose_name,
        help_text=SupportOrganisation._meta.get_field("website").help_text,
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clear_errors()

    def _post_clean(self) -> None:
        # Uniqueness of the name is checked by the service, which knows which row is edited.
        pass


class DeleteForm(VersionMixin, BoundedForm):
    pass
