"""What a person shares with the teams of their cases (issue 13, point 5): function, work
phone number and whether their e-mail address is shown. The case page shows these on its
team; only the person changes them, here."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.actor import actor_for_request, request_user
from accounts.models import User
from accounts.services_profile import user_profile_update
from audit.models import Operation
from audit.services import log_processing
from lib.access_rules import authenticated
from portal.forms_profile import ProfileForm


def _log(request: HttpRequest, user: User, *, name: str, operation: Operation) -> None:
    log_processing(
        activity="account",
        name=name,
        operation=operation,
        actor=actor_for_request(request),
        actor_user_id=user.pk,
        subjects=[f"user:{user.pk}"],
        object_type="user",
        object_id=user.pk,
    )


@authenticated
@require_http_methods(["GET", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    """The person's own choices; bad input answers 400 and changes nothing."""
    # A fresh copy: a refused form must not leave its values on the session's user object.
    user = User.objects.get(pk=request_user(request).pk)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            with transaction.atomic():
                user_profile_update(
                    user=User.objects.get(pk=user.pk),
                    job_title=form.cleaned_data["job_title"],
                    work_phone=form.cleaned_data["work_phone"],
                    share_email=form.cleaned_data["share_email"],
                )
                _log(request, user, name="portal.profile.update", operation=Operation.UPDATE)
            messages.success(request, _("What you share with case teams has been saved."))
            return redirect("portal:account")
        status = 400
    else:
        form = ProfileForm(instance=user)
        _log(request, user, name="portal.profile.read", operation=Operation.READ)
        status = 200
    return render(request, "portal/profile.html", {"form": form, "account": user}, status=status)
