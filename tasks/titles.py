"""What a task is called: a key and its parameters, put into words when shown.

A task outlives the request that created it, and its owner may read Schakel in another
language than the person whose change created the task. So a title made by code is stored as
a key with parameters and translated at display time; only words a person wrote themselves
(an action's description, a checklist item's text) are stored as they are, as the parameter
of the ``text`` key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# A title is a line in a table, not the whole description: the source page has the rest.
TEXT_LENGTH = 200


class TitleKey(models.TextChoices):
    # The label of each key is the msgid of its title; parameters in %(name)s form.
    TEXT = "text", "%(text)s"
    REVIEW_CASE = "review_case", _("Review the case")
    MEASURE_RENEWAL = "measure_renewal", _("Decide on renewal: %(measure)s")
    MEASURE_ENDS = "measure_ends", _("Measure ends soon: %(measure)s")
    MEASURE_REVIEW = "measure_review", _("Review the measure: %(measure)s")
    REMEDY_TERM = "remedy_term", _("Term for a legal remedy ends: %(measure)s")
    NEXT_ASSESSMENT = "next_assessment", _("Plan the next risk assessment")


@dataclass(frozen=True)
class Title:
    """A task title as stored: ``Title.text(...)`` for a person's words, else a key."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def text(cls, words: str) -> Title:
        return cls(TitleKey.TEXT, {"text": Truncator(words.strip()).chars(TEXT_LENGTH)})

    def __str__(self) -> str:
        return render_title(self.key, self.params)


def render_title(key: str, params: Mapping[str, Any] | None) -> str:
    """The title in the active language. An unknown key or a missing parameter shows the
    text parameter (or nothing) rather than breaking the page."""
    params = dict(params or {})
    if key == TitleKey.TEXT:
        return str(params.get("text", ""))
    try:
        msgid = TitleKey(key).label
    except ValueError:
        return str(params.get("text", ""))
    try:
        # The label is lazy: str() translates it into the language active now.
        return str(msgid) % params
    except (KeyError, TypeError, ValueError):
        return str(params.get("text", ""))
