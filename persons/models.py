"""Subjects (betrokkenen): the minimal identity of a person a signal or case is about.

Deliberately minimal (AVG art. 5(1)(c)): names, a date of birth that may be partial, a BSN
only with a legal basis, and the municipality. There are no fields for ethnicity, religion or
nationality, and nothing that scores or ranks a person.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as bsn_number

from accounts.models import Municipality
from persons.names import match_keys

ADULT_AGE = 18
MATCH_KEY_FIELDS = ("match_surname", "match_given", "match_birth_year")


def validate_bsn(value: str) -> None:
    if not bsn_number.is_valid(value):
        raise ValidationError(
            _("This is not a valid BSN: it needs nine digits that pass the eleven test."),
            code="invalid_bsn",
        )


class Subject(models.Model):
    """A person as Schakel knows them: only what the approach needs."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="subjects",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose approach this person falls under."),
    )
    given_names = models.CharField(
        _("given names"), max_length=200, help_text=_("All given names, as known.")
    )
    surname_prefix = models.CharField(
        _("surname prefix"),
        max_length=30,
        blank=True,
        help_text=_("Tussenvoegsel such as 'van der' or 'el', kept apart from the surname."),
    )
    surname = models.CharField(
        _("surname"), max_length=200, help_text=_("Surname without the prefix.")
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, help_text=_("Year of birth, if known.")
    )
    birth_month = models.PositiveSmallIntegerField(
        _("month of birth"),
        null=True,
        blank=True,
        help_text=_("Month of birth (1-12), only together with the year."),
    )
    birth_day = models.PositiveSmallIntegerField(
        _("day of birth"),
        null=True,
        blank=True,
        help_text=_("Day of birth, only together with month and year."),
    )
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[validate_bsn],
        help_text=_("Citizen service number; only with a legal basis for recording it."),
    )
    bsn_legal_basis = models.CharField(
        _("legal basis for the BSN"),
        max_length=300,
        blank=True,
        help_text=_("Why the BSN may be recorded here; required when a BSN is given."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
        help_text=_("Who recorded the person."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised at every change, to refuse stale edits.")
    )
    # Blocking keys for the "already known?" check (persons/matching.py): derived from the
    # fields above by persons.names.match_keys at every save, never entered by hand.
    match_surname = models.CharField(
        _("surname search key"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_(
            "The surname without prefix, in lower case, without diacritics or spaces; "
            "derived, used to find the person again."
        ),
    )
    match_given = models.CharField(
        _("given name search key"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_(
            "The first given name in its canonical spelling (Mohamed becomes mohammed); "
            "derived, used to find the person again."
        ),
    )
    match_birth_year = models.PositiveSmallIntegerField(
        _("year of birth search key"),
        default=0,
        editable=False,
        help_text=_(
            "The year of birth, or 0 when it is unknown, so that one lookup also finds "
            "people whose year is unknown; derived."
        ),
    )

    class Meta:
        ordering = ["surname", "given_names"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | Q(birth_year__isnull=False),
                name="subject_month_needs_year",
            ),
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | Q(birth_month__isnull=False),
                name="subject_day_needs_month",
            ),
            models.CheckConstraint(
                condition=Q(bsn="") | ~Q(bsn_legal_basis=""),
                name="subject_bsn_needs_legal_basis",
            ),
            models.UniqueConstraint(
                fields=["bsn"],
                condition=~Q(bsn=""),
                name="subject_unique_bsn",
                violation_error_message=_("A person with this BSN is already registered."),
            ),
        ]
        indexes = [
            # The blocks of the "already known?" check: surname or first given name, each
            # with the year of birth (an IN list of neighbouring years and 0 for unknown).
            models.Index(
                fields=["match_surname", "match_birth_year"], name="subject_match_surname"
            ),
            models.Index(fields=["match_given", "match_birth_year"], name="subject_match_given"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The keys are refreshed here rather than in one service, so that no write path
        # (services, demo data, data migrations through the model) can leave them stale.
        # bulk_create and QuerySet.update bypass save(): callers of those call
        # refresh_match_keys() themselves.
        self.refresh_match_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *MATCH_KEY_FIELDS}
        super().save(*args, **kwargs)

    def refresh_match_keys(self) -> None:
        keys = match_keys(
            given_names=self.given_names,
            surname_prefix=self.surname_prefix,
            surname=self.surname,
            birth_year=self.birth_year,
        )
        self.match_surname = keys.surname
        self.match_given = keys.given
        self.match_birth_year = keys.birth_year

    @property
    def display_name(self) -> str:
        return " ".join(
            part for part in (self.given_names, self.surname_prefix, self.surname) if part
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        today = timezone.localdate()
        if self.birth_month is not None and self.birth_year is None:
            errors["birth_year"] = _("A month of birth needs the year as well.")
        if self.birth_day is not None and self.birth_month is None:
            errors["birth_month"] = _("A day of birth needs the month as well.")
        if self.birth_year is not None and not 1900 <= self.birth_year <= today.year:
            errors["birth_year"] = _("The year of birth must lie between 1900 and this year.")
        if self.birth_month is not None and not 1 <= self.birth_month <= 12:
            errors["birth_month"] = _("The month of birth is a number from 1 to 12.")
        if not errors and self.birth_day is not None:
            assert self.birth_year is not None
            assert self.birth_month is not None
            last_day = calendar.monthrange(self.birth_year, self.birth_month)[1]
            if not 1 <= self.birth_day <= last_day:
                errors["birth_day"] = _("This date does not exist.")
            elif date(self.birth_year, self.birth_month, self.birth_day) > today:
                errors["birth_day"] = _("The date of birth lies in the future.")
        if self.bsn and not self.bsn_legal_basis.strip():
            errors["bsn_legal_basis"] = _("Give the legal basis for recording the BSN.")
        if errors:
            raise ValidationError(errors)

    def age_range(self, on: date | None = None) -> tuple[int, int] | None:
        """The youngest and oldest age the person can have on a day, given what is known."""
        if self.birth_year is None:
            return None
        day = on or timezone.localdate()
        earliest = date(self.birth_year, self.birth_month or 1, self.birth_day or 1)
        latest_month = self.birth_month or 12
        latest_day = self.birth_day or calendar.monthrange(self.birth_year, latest_month)[1]
        latest = date(self.birth_year, latest_month, latest_day)
        return _age(latest, day), _age(earliest, day)

    def is_minor(self, on: date | None = None) -> bool | None:
        """True or False when certain from the known date of birth; None when unknown."""
        ages = self.age_range(on)
        if ages is None:
            return None
        youngest, oldest = ages
        if oldest < ADULT_AGE:
            return True
        if youngest >= ADULT_AGE:
            return False
        return None


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
