"""The regional view for the Zorg- en Veiligheidshuis (issue 7, point 9).

The region's process director sees the running quarter's figures of every municipality of
the region side by side, each municipality suppressed on its own exactly as in its council
report (reports.suppression), plus a column for the region.

The region column must not undo the suppression: if one municipality's cell is hidden and
the region's sum were shown, the region minus the other municipalities would give the hidden
figure back. So a region figure is shown only when the figures of *every* municipality in
that row are shown, and it is then their exact sum; otherwise the region figure is hidden
too. A region figure therefore never says more than the municipal columns already say
(docs/reports.md, "Regional view").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from access import roles as access_roles
from access.actor import request_actor
from accounts.models import Region
from lib.access_rules import roles
from reports import gates
from reports.aggregates import TABLES
from reports.suppression import (
    HIDDEN,
    SHOWN,
    PublishedAggregates,
    PublishedCell,
    min_cell_threshold,
)
from reports.views_mayor import live_aggregates, running_quarter


def region_cell(key: str, label: str, cells: list[PublishedCell], threshold: int) -> PublishedCell:
    """The region's figure for one row: the sum when every municipality's figure is shown,
    hidden otherwise (see the module's docstring for why)."""
    if cells and all(cell.state == SHOWN for cell in cells):
        total = sum(cell.value or 0 for cell in cells)
        return PublishedCell(key, label, total, SHOWN, threshold)
    return PublishedCell(key, label, None, HIDDEN, threshold)


@dataclass(frozen=True)
class RegionRow:
    label: str
    cells: tuple[PublishedCell, ...]  # one per municipality, in column order
    region: PublishedCell


@dataclass(frozen=True)
class RegionTable:
    key: str
    title: str
    rows: tuple[RegionRow, ...]
    total: RegionRow


def region_tables(published: list[PublishedAggregates], threshold: int) -> list[RegionTable]:
    """The tables of the running period, a column per municipality and one for the region."""
    tables = []
    for spec in TABLES:
        parts = [aggregates.current.table(spec.key) for aggregates in published]
        rows = []
        for index, (row_key, row_label) in enumerate(spec.rows):
            cells = [part.cells[index] for part in parts]
            rows.append(
                RegionRow(
                    label=str(row_label),
                    cells=tuple(cells),
                    region=region_cell(row_key, str(row_label), cells, threshold),
                )
            )
        totals = [part.total for part in parts]
        tables.append(
            RegionTable(
                key=spec.key,
                title=str(spec.title),
                rows=tuple(rows),
                total=RegionRow(
                    label=_("Total"),
                    cells=tuple(totals),
                    region=region_cell("total", _("Total"), totals, threshold),
                ),
            )
        )
    return tables


@roles(access_roles.PROCESS_DIRECTOR)
def region_view(request: HttpRequest) -> HttpResponse:
    """Counts only, suppressed: nothing personal is shown, so nothing is logged."""
    actor = request_actor(request)
    region = Region.objects.filter(pk=actor.region_id).first()
    if region is None:
        raise Http404
    today = timezone.localdate()
    # The same gate as the council reports: the municipalities of the director's region.
    municipalities = list(gates.municipalities_for(actor))
    # Each municipality on its own, exactly as its council report would suppress it.
    published = [live_aggregates([m.pk], today) for m in municipalities]
    threshold = min_cell_threshold()
    context = {
        "region": region,
        "quarter": running_quarter(today),
        "municipalities": municipalities,
        "threshold": threshold,
        "tables": region_tables(published, threshold) if published else [],
    }
    return render(request, "reports/region_view.html", context)
