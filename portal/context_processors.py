from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accounts.session import active_membership, is_fully_authenticated
from portal.menu import menu_for
from tasks.models import Notification


def site(request: HttpRequest) -> dict[str, Any]:
    fully = is_fully_authenticated(request) if hasattr(request, "user") else False
    membership = active_membership(request) if fully else None
    unread = (
        Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True).count()
        if fully
        else 0
    )
    return {
        "unread_notifications": unread,
        "demo_mode": settings.DEMO_MODE,
        "fully_authenticated": fully,
        "active_membership": membership,
        "menu": menu_for(membership.role) if membership is not None else [],
    }
