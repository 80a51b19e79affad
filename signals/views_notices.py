"""Intelligence notices (ambtsberichten): restricted metadata for the lead and the mayor's
office, and the mayor's verification note. Never the notice's content or the signal's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.roles import has_role
from access.signals import may_view_intelligence_notice
from audit.models import Operation
from audit.services import log_processing
from lib.access_rules import roles
from lib.forms import BoundedForm
from signals.gates import get_notice_for_verification, signals_facts
from signals.models import IntelligenceNotice
from signals.services import notice_verify

ACTIVITY = "signal-intake"


class VerificationForm(BoundedForm):
    verification_note = forms.CharField(
        label=gettext_lazy("How the notice was verified"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Who verified it, how and when — never the notice's content."),
        error_messages={
            "required": gettext_lazy("Describe how the notice was verified."),
            "max_length": gettext_lazy("Keep this under %(limit_value)d characters."),
        },
    )


def _notices_for(actor: Actor) -> list[IntelligenceNotice]:
    if actor.municipality_id is None:
        return []
    notices = list(
        IntelligenceNotice.objects.select_related("signal__municipality")
        .filter(signal__municipality_id=actor.municipality_id)
        .order_by("-dated", "-id")
    )
    facts = signals_facts([notice.signal for notice in notices])
    return [n for n in notices if may_view_intelligence_notice(actor, facts[n.signal_id])]


def _log(actor: Actor, notices: list[IntelligenceNotice], *, name: str, op: Operation) -> None:
    if not notices:
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=op,
        actor=actor,
        subjects=sorted({f"subject:{n.signal.subject_id}" for n in notices if n.signal.subject_id}),
        object_type="intelligence_notice",
        object_id=notices[0].pk if len(notices) == 1 else "",
    )


@roles(access_roles.NOTICE_READERS)
def notice_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    notices = _notices_for(actor)
    _log(actor, notices, name="signals.notices.read", op=Operation.READ)
    context = {
        "notices": notices,
        "may_verify": has_role(actor, access_roles.MAYOR_OFFICE),
        "form": VerificationForm(),
    }
    return render(request, "signals/notices.html", context)


@roles(access_roles.MAYOR_OFFICE)
@require_POST
def notice_verify_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    actor = request_actor(request)
    notice = get_notice_for_verification(actor, notice_id)
    form = VerificationForm(request.POST)
    if form.is_valid():
        try:
            notice_verify(actor=actor, notice=notice, note=form.cleaned_data["verification_note"])
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        notices = _notices_for(actor)
        context = {"notices": notices, "may_verify": True, "form": form, "invalid": notice.pk}
        return render(request, "signals/notices.html", context, status=400)
    messages.success(request, _("The verification note has been saved."))
    return redirect("signals:notices")
