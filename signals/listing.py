"""The signal list's sortable columns and its export (the mechanics are lib.listing; the
filters are signals.forms.SignalFilterForm, which names nobody)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.listing import ListSpec, SortColumn
from lib.spreadsheet import Sheet
from signals.models import Signal

SIGNAL_LIST = ListSpec(
    name="signals",
    columns=(
        SortColumn("nummer", _("Signal"), "id"),
        SortColumn("ontvangen", _("Received"), "received_at"),
        SortColumn("gemeente", _("Municipality"), "municipality__name"),
        SortColumn("verifieren", _("Verify before"), "verification_deadline"),
    ),
    default_key="ontvangen",
    default_descending=True,
    filter_fields=("status", "urgency", "municipality", "received_from", "received_to"),
)


def signal_sheet(signals: Sequence[Signal]) -> Sheet:
    """What the list shows, one row per signal (the reporter is left out: an intelligence
    notice's origin is for fewer eyes than the list)."""
    not_identified = gettext("not yet identified")
    return Sheet(
        title=gettext("Signals"),
        headers=[
            gettext("Signal"),
            gettext("Received"),
            gettext("Municipality"),
            gettext("Person"),
            gettext("Type of concern"),
            gettext("Urgency"),
            gettext("Status"),
            gettext("Verify before"),
        ],
        rows=[
            [
                signal.pk,
                signal.received_at,
                signal.municipality.name,
                signal.subject.display_name if signal.subject else not_identified,
                str(signal.get_concern_type_display()),
                str(signal.get_urgency_display()),
                str(signal.get_status_display()),
                signal.verification_deadline,
            ]
            for signal in signals
        ],
    )
