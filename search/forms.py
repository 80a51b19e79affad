"""The search box's one field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import BoundedForm
from search.terms import MAX_WORDS, word_count

# Longer than any name with its prefix and given names; a pasted text is not a search.
MAX_LENGTH = 200


class SearchForm(BoundedForm):
    q = forms.CharField(
        label=_("Search for a person, signal number or case number"),
        max_length=MAX_LENGTH,
        help_text=_(
            "A surname, with given names if you like (typing errors are found), or a number."
        ),
        error_messages={
            "required": _("Type a name, a signal number or a case number."),
            "max_length": _(
                "Type at most %(limit_value)d characters (this text has %(show_value)d)."
            ),
        },
    )

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if word_count(text) > MAX_WORDS:
            raise ValidationError(
                _("Type at most %(count)d words: a name, or a number."),
                code="too_many_words",
                params={"count": MAX_WORDS},
            )
        return text
