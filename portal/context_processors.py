from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from access.actor import actor_for_membership
from accounts.models import Membership
from accounts.session import active_membership, is_fully_authenticated
from portal.menu import current_section, menu_for
from tasks.gates import own_overdue_count
from tasks.models import Notification

# The menu item that carries the count of the user's overdue tasks.
TASKS_ITEM = "mytasks:list"


def overdue_badge(membership: Membership) -> str:
    """ "2 overdue" for the menu item of "Mijn taken", or "" when nothing is overdue: one
    query, whatever the number of tasks."""
    count = own_overdue_count(actor_for_membership(membership), today=timezone.localdate())
    if not count:
        return ""
    return ngettext("%(count)d overdue", "%(count)d overdue", count) % {"count": count}


def _menu(membership: Membership | None) -> list[dict[str, object]]:
    if membership is None:
        return []
    menu = menu_for(membership.role)
    for item in menu:
        if item["name"] == TASKS_ITEM:
            item["badge"] = overdue_badge(membership)
    return menu


# The links of the header beside the menu's, which can be the current page as well.
FIXED_LINKS = ("portal:start", "tasks:notifications", "portal:account")


def nav_current(path: str, menu: list[dict[str, object]]) -> dict[str, str]:
    """Which header link is the current page ("page") or holds it ("true"), by URL.

    The NL Design System keeps aria-current="page" for the page itself; a page below a menu
    item (a case under "Cases") marks that item as the current section with "true".
    """
    urls = [reverse(name) for name in FIXED_LINKS] + [str(item["url"]) for item in menu]
    found = current_section(path, urls)
    if found is None:
        return {}
    url, exact = found
    return {"url": url, "value": "page" if exact else "true"}


def site(request: HttpRequest) -> dict[str, Any]:
    fully = is_fully_authenticated(request) if hasattr(request, "user") else False
    membership = active_membership(request) if fully else None
    unread = (
        Notification.objects.current().unread().filter(recipient_id=request.user.pk).count()
        if fully
        else 0
    )
    menu = _menu(membership)
    return {
        "unread_notifications": unread,
        "demo_mode": settings.DEMO_MODE,
        "fully_authenticated": fully,
        "active_membership": membership,
        "menu": menu,
        "nav_current": nav_current(request.path, menu) if fully else {},
    }
