"""The life of an intervention (a measure taken in a case) as an explicit transition table.

proposed → requested → intent_notified → decided → active → extended → ended, with withdrawn
(before or during) and annulled (by objection, appeal or the court) as the other endings.
Not every measure passes every step: care measures with consent skip the notice of intent,
so the table allows the shortcuts a real file takes, each with a reason on the history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regime(models.TextChoices):
    CRIMINAL = "criminal", _("criminal law")
    ADMINISTRATIVE = "administrative", _("administrative law")
    CARE = "care", _("care")
    OTHER = "other", _("other")


class InterventionState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    REQUESTED = "requested", _("requested")
    INTENT_NOTIFIED = "intent_notified", _("intent notified")
    DECIDED = "decided", _("decided")
    ACTIVE = "active", _("active")
    EXTENDED = "extended", _("extended")
    ENDED = "ended", _("ended")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ANNULLED = "annulled", _("annulled")


S = InterventionState
TRANSITIONS: dict[InterventionState, frozenset[InterventionState]] = {
    # The conference proposes; the competent authority is asked, or (care) it is decided at once.
    S.PROPOSED: frozenset({S.REQUESTED, S.DECIDED, S.WITHDRAWN}),
    # An administrative measure needs a notice of intent (zienswijze) before the decision.
    S.REQUESTED: frozenset({S.INTENT_NOTIFIED, S.DECIDED, S.WITHDRAWN}),
    S.INTENT_NOTIFIED: frozenset({S.DECIDED, S.WITHDRAWN}),
    S.DECIDED: frozenset({S.ACTIVE, S.WITHDRAWN, S.ANNULLED}),
    S.ACTIVE: frozenset({S.EXTENDED, S.ENDED, S.WITHDRAWN, S.ANNULLED}),
    # Renewal is a new decision within the maximum total duration; it may happen again.
    S.EXTENDED: frozenset({S.EXTENDED, S.ENDED, S.WITHDRAWN, S.ANNULLED}),
    S.ENDED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.ANNULLED: frozenset(),
}

# States in which the measure binds the person (its clocks run, it shows as current).
IN_FORCE = frozenset({S.ACTIVE, S.EXTENDED})
FINAL = frozenset({S.ENDED, S.WITHDRAWN, S.ANNULLED})


def transition_allowed(current: str, target: str) -> bool:
    return InterventionState(target) in TRANSITIONS[InterventionState(current)]
