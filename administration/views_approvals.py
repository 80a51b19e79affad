"""Approval of grants: the second person (docs/access.md, "Separation of duties").

A role the administrator grants gives no access until the privacy officer (or, where
MEMBERSHIP_APPROVERS says so, the lead of the municipality) approves it. The approver sees the
grants awaiting them and approves or refuses each, with a reason for a refusal. A grant is
decided once: a second POST (a double click, a second approver) is told it was decided.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from accounts.models import MembershipStatus
from administration import gates, services
from lib.access_rules import roles
from lib.forms import BoundedForm, add_service_errors, required_when

APPROVE = "approve"
REFUSE = "refuse"


class DecisionForm(BoundedForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (APPROVE, gettext_lazy("Approve: the role gives access from its first day")),
            (REFUSE, gettext_lazy("Refuse: the role never gives access")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether to approve or refuse the grant."),
            "invalid_choice": gettext_lazy("Choose approve or refuse."),
        },
    )
    reason = required_when(
        forms.CharField(
            label=gettext_lazy("Reason"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=gettext_lazy("Required when you refuse; the administrator sees it."),
            error_messages={"max_length": gettext_lazy("The reason is at most 2000 characters.")},
        )
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == REFUSE and not str(cleaned.get("reason", "")).strip():
            self.add_error("reason", _("Give the reason for refusing."))
        return cleaned


@roles(access_roles.GRANT_APPROVERS)
@require_GET
def approval_list_view(request: HttpRequest) -> HttpResponse:
    actor = gates.approver_actor(request)
    grants = gates.grants_awaiting_approval(actor)
    holds = gates.holds_awaiting_confirmation(actor)
    return render(request, "administration/approval_list.html", {"grants": grants, "holds": holds})


@roles(access_roles.GRANT_APPROVERS)
@require_http_methods(["GET", "POST"])
def approval_decide_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = gates.approver_actor(request)
    membership, grant = gates.get_grant_for_approver(actor, membership_id)
    if membership.status != MembershipStatus.PENDING:
        if request.method == "POST":
            messages.info(request, _("This grant has already been decided."))
            return redirect("administration:approval_list")
        return render(request, "administration/approval_decide.html", {"grant": membership})
    form = DecisionForm(request.POST if request.method == "POST" else None)
    context = {"grant": membership, "form": form}
    if not form.is_bound:
        return render(request, "administration/approval_decide.html", context)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == APPROVE:
                services.membership_approve(actor=actor, membership=membership, grant=grant)
                messages.success(request, _("The grant has been approved; the role now counts."))
            else:
                services.membership_refuse(
                    actor=actor,
                    membership=membership,
                    grant=grant,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The grant has been refused."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("administration:approval_list")
    return render(request, "administration/approval_decide.html", context, status=400)


# --- Holds: a login the administrator changed waits for a second person. ---


class HoldConfirmForm(BoundedForm):
    note = forms.CharField(
        label=gettext_lazy("How did you check this with the person?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: called back on the phone number known to us, or spoke to them in "
            "person. Confirm only when the person asked for the change themselves."
        ),
        error_messages={
            "required": gettext_lazy("Say how you checked this with the person."),
            "max_length": gettext_lazy("The note is at most 2000 characters."),
        },
    )


@roles(access_roles.GRANT_APPROVERS)
@require_http_methods(["GET", "POST"])
def hold_confirm_view(request: HttpRequest, hold_id: int) -> HttpResponse:
    actor = gates.approver_actor(request)
    hold, facts = gates.get_hold_for_approver(actor, hold_id)
    if hold.released_at is not None:
        if request.method == "POST":
            messages.info(request, _("This change has already been confirmed."))
            return redirect("administration:approval_list")
        return render(request, "administration/hold_confirm.html", {"hold": hold})
    form = HoldConfirmForm(request.POST if request.method == "POST" else None)
    context = {"hold": hold, "form": form}
    if not form.is_bound:
        return render(request, "administration/hold_confirm.html", context)
    if form.is_valid():
        try:
            services.account_hold_release(
                actor=actor, hold=hold, facts=facts, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The change is confirmed; the account's roles count again.")
            )
            return redirect("administration:approval_list")
    return render(request, "administration/hold_confirm.html", context, status=400)
