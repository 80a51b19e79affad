"""The privacy officer's review list of emergency access (noodtoegang) to cases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from access.actor import request_user
from lib.access_rules import roles
from lib.forms import BoundedForm
from privacy.break_glass import break_glass_review, get_access_for_review, get_review_lists
from privacy.gates import get_privacy_officer


class ReviewForm(BoundedForm):
    finding = forms.ChoiceField(
        label=gettext_lazy("Finding"),
        choices=[
            ("justified", gettext_lazy("justified")),
            ("unjustified", gettext_lazy("not justified")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether the access was justified."),
            "invalid_choice": gettext_lazy("Choose justified or not justified."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required when the access was not justified."),
        error_messages={"max_length": gettext_lazy("The note is at most 2000 characters.")},
    )


@roles(access_roles.PRIVACY_OFFICER)
@require_GET
def break_glass_list_view(request: HttpRequest) -> HttpResponse:
    actor = get_privacy_officer(request)
    open_accesses, reviewed = get_review_lists(actor)
    context = {"open_accesses": open_accesses, "reviewed": reviewed}
    return render(request, "privacy/break_glass_list.html", context)


@roles(access_roles.PRIVACY_OFFICER)
@require_http_methods(["GET", "POST"])
def break_glass_review_view(request: HttpRequest, access_id: int) -> HttpResponse:
    actor = get_privacy_officer(request)
    access = get_access_for_review(actor, access_id)
    if access.reviewed_at is not None:
        if request.method == "POST":
            messages.info(request, _("This emergency access has already been reviewed."))
            return redirect("privacy:break_glass")
        return render(request, "privacy/break_glass_review.html", {"access": access})
    form = ReviewForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"access": access, "form": form}
    if not form.is_bound:
        return render(request, "privacy/break_glass_review.html", context)
    if form.is_valid():
        try:
            break_glass_review(
                actor=actor,
                user=request_user(request),
                access=access,
                finding=form.cleaned_data["finding"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your finding has been recorded."))
            return redirect("privacy:break_glass")
    return render(request, "privacy/break_glass_review.html", context, status=400)
