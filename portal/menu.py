"""The main navigation: which links a role sees. Read from the same role sets as the doors.

A link is shown to exactly the roles its door admits (the view's declared ``@roles`` rule),
unless the item names a narrower audience from ``access.roles`` — never a wider one:
tests/test_menu.py checks that no link leads a role to a 404.
"""

from __future__ import annotations

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
    MenuItem("dashboards:region", _("Region")),
    MenuItem("reports:list", _("Council reports")),
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
