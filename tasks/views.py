from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from access.actor import request_user
from lib.access_rules import object_gate
from tasks.models import Notification
from tasks.services import notifications_mark_read


@object_gate
def notification_list_view(request: HttpRequest) -> HttpResponse:
    """The user's own notifications (titles hold no personal data; nothing to log)."""
    notifications = Notification.objects.filter(recipient=request_user(request))[:100]
    return render(request, "tasks/notifications.html", {"notifications": notifications})


@object_gate
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request_user(request))
    return redirect("tasks:notifications")
