"""The messages page (/berichten/): read, open one (which marks it read), mark all read.

Opening is a GET: a message is a link, and a link must work as one (new tab, middle click,
screen reader link list). The GET changes nothing but the read state of the reader's own
message, so a forged cross-site request can at most mark one of your messages read; the
session cookie is SameSite=Lax, so an embedded request does not even carry it. The redirect
goes only to a path inside Schakel (never an address from the request). "Mark all read"
changes many rows at once and stays a POST with the CSRF token.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.actor import request_actor, request_user
from lib.access_rules import object_gate
from tasks.inbox import inbox_page, open_target
from tasks.services import notification_mark_read, notifications_mark_read


@object_gate
@require_GET
def notification_list_view(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first, by day, a page at a time."""
    page, days = inbox_page(request_actor(request), request.GET.get("pagina"))
    today = timezone.localdate()
    context = {"page": page, "days": days, "today": today, "yesterday": today - timedelta(days=1)}
    return render(request, "tasks/notifications.html", context)


@object_gate
@require_GET
def notification_open_view(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Marks one of the user's own messages read and follows its link; anyone else's is a 404."""
    actor = request_actor(request)
    notification = notification_mark_read(
        user=request_user(request), notification_id=notification_id
    )
    if notification is None:
        raise Http404
    target = open_target(actor, notification)
    safe = (
        target is not None
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    if not safe:
        messages.info(request, _("What this message was about can no longer be opened."))
        return redirect("tasks:notifications")
    assert target is not None
    return redirect(target)


@object_gate
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request_user(request))
    messages.success(request, _("All messages are marked as read."))
    return redirect("tasks:notifications")
