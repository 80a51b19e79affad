"""The main navigation: which links a role sees. Read from the same role sets as the doors.

A link is shown to exactly the roles its door admits (the view's declared ``@roles`` rule),
unless the item names a narrower audience from ``access.roles`` — never a wider one:
tests/test_menu.py checks that no link leads a role to a 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from access import roles as access_roles
from lib.access_rules import Kind, rule_for_view


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: str | Promise
    # None: whoever the door admits. Otherwise a narrower set of access.roles.
    audience: frozenset[str] | None = None


MENU = (
    # The signal list is gated per object; it is offered to those who report signals.
    MenuItem("signals:list", _("Signals"), access_roles.SIGNAL_REPORTERS),
    MenuItem("cases:list", _("Cases")),
    MenuItem("conferences:list", _("Case conferences")),
    MenuItem("mytasks:list", _("My tasks")),
    MenuItem("meetings:list", _("Weighing sessions")),
    MenuItem("preparedness:index", _("Preparedness")),
    # The lead may open the mayor's dashboard, but it is the mayor's office's page.
    MenuItem("dashboards:mayor", _("Mayor"), access_roles.MAYOR_OFFICE),
    # The lead prepares the triangle and the police and OM attend: they reach it from the
    # mayor's dashboard and the meeting's own link; in the menu it is the mayor's office's.
    MenuItem("meetings:triangle_list", _("Triangle meetings"), access_roles.MAYOR_OFFICE),
    MenuItem("press:list", _("Press lines")),
    MenuItem("dashboards:region", _("Region")),
    MenuItem("reports:list", _("Council reports")),
    # Partners do not read reports; they write their organisation's explanation in one.
    MenuItem("reports:explain_list", _("Council explanations"), access_roles.PARTNERS),
    # Separation of duties: the second person approves grants of roles. Who that is follows
    # the setting MEMBERSHIP_APPROVERS, a narrower set than the door's.
    MenuItem(
        "administration:approval_list",
        _("Approvals"),
        access_roles.configured_grant_approvers(),
    ),
    MenuItem("privacy:grants", _("Grants of roles")),
)


@cache
def door_roles(url_name: str) -> frozenset[str] | None:
    """The roles the view behind ``url_name`` admits; None when its rule is not by role."""
    match = resolve(reverse(url_name))
    rule = rule_for_view(match.func, url_name)
    if rule is None or rule.kind is not Kind.ROLES:
        return None
    return rule.roles


def audience(item: MenuItem) -> frozenset[str]:
    if item.audience is not None:
        return item.audience
    roles = door_roles(item.url_name)
    if roles is None:
        raise ValueError(f"{item.url_name}: a door without roles needs a named audience")
    return roles


def menu_for(role: str) -> list[dict[str, object]]:
    """The links of the main navigation for the active role, in menu order."""
    return [
        {"url": reverse(item.url_name), "label": item.label, "name": item.url_name}
        for item in MENU
        if role in audience(item)
    ]


# Pages that are not in the menu but stand in a breadcrumb trail above others.
TRAIL_PAGES: dict[str, str | Promise] = {
    "administration:index": _("Administration"),
    "administration:user_list": _("Users"),
    "administration:region_list": _("Regions"),
    "administration:municipality_list": _("Municipalities"),
    "administration:organisation_list": _("Organisations"),
    "privacy:break_glass": _("Emergency access to review"),
}


def may_open(url_name: str, role: str | None) -> bool:
    """Whether a link to the page ``url_name`` (one without an object in its path) leads the
    role somewhere: the menu's audience for a menu page, else the door's roles. A door that
    decides per object admits no link from here."""
    if role is None:
        return False
    for item in MENU:
        if item.url_name == url_name:
            return role in audience(item)
    roles = door_roles(url_name)
    return roles is not None and role in roles


def page_label(url_name: str) -> str | Promise:
    for item in MENU:
        if item.url_name == url_name:
            return item.label
    return TRAIL_PAGES[url_name]


def current_section(path: str, urls: Iterable[str]) -> tuple[str, bool] | None:
    """The link of the navigation the page at ``path`` belongs to, and whether it is that page
    itself: the exact URL, else the longest URL the path starts with. The start page "/" only
    counts exactly, or every page would sit under it."""
    best = ""
    for url in urls:
        if path == url:
            return url, True
        if url != "/" and path.startswith(url) and len(url) > len(best):
            best = url
    return (best, False) if best else None
