"""The breadcrumb trail of a page: ``{% breadcrumbs "cases:list" case _("Plan") %}``.

Each step but the last is either the URL name of a page without an object in its path (its
label from the menu, shown only when the active role may open it: the menu's door check) or
an object the page's own gate has already let the reader see (its case, its meeting). The
last step is the page itself. The trail starts at the start page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from portal.menu import may_open, page_label

register = template.Library()

# Objects in a trail: how to reach their page. A meeting's page depends on its kind.
OBJECT_PAGES = {
    "cases.case": "cases:detail",
    "signals.signal": "signals:detail",
    "meetings.meeting": "meetings:detail",
}
MEETING_PAGES = {
    "case_conference": "conferences:detail",
    "triangle": "meetings:triangle_detail",
}


def object_url(obj: Model) -> str:
    url_name = OBJECT_PAGES[obj._meta.label_lower]
    url_name = MEETING_PAGES.get(getattr(obj, "kind", ""), url_name)
    return reverse(url_name, args=[obj.pk])


def object_label(obj: Model) -> str:
    held_at = getattr(obj, "held_at", None)
    if held_at is not None:
        # A meeting: "Weighing session 3 December 2026", not its database name.
        kind = capfirst(obj.get_kind_display())  # type: ignore[attr-defined]
        return f"{kind} {date_format(timezone.localtime(held_at), 'DATE_FORMAT')}"
    return str(obj)


def trail_for(steps: tuple[Any, ...], role: str | None) -> list[tuple[str, str]]:
    trail = [(_("Start"), reverse("portal:start"))]
    for step in steps:
        if isinstance(step, Model):
            trail.append((object_label(step), object_url(step)))
        elif may_open(step, role):
            trail.append((str(page_label(step)), reverse(step)))
    return trail


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context, *steps: Any) -> dict[str, Any]:
    membership = context.get("active_membership")
    request = context["request"]
    *above, here = steps
    return {
        "trail": trail_for(tuple(above), membership.role if membership else None),
        "current": object_label(here) if isinstance(here, Model) else str(here),
        "here": request.get_full_path(),
    }
