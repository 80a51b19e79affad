"""Registering a signal (intake form) and the confirmation for those who cannot open it.

Leads, the intake desk and partner professionals of the region may register a signal
(access.signals.may_register_signal). The lead goes on to the signal; the intake desk and
partners get a confirmation with the signal's number, because what they may see afterwards
is decided by the policy, not by having written it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.facts import Actor
from access.roles import has_role
from access.signals import may_register_signal, may_view_signal
from lib.access_rules import roles
from lib.forms import add_service_errors
from signals.forms import IntakeForm
from signals.gates import signal_facts
from signals.intake import signal_intake
from signals.models import Signal, Urgency

# The confirmation shows the number and municipality of the last registered signal: no
# personal data, so it may sit in the session.
SESSION_RECEIVED = "signals.received"


def _after_registration(request: HttpRequest, actor: Actor, signal: Signal) -> HttpResponse:
    if has_role(actor, access_roles.LEAD) and may_view_signal(actor, signal_facts(signal)):
        messages.success(request, _("The signal has been registered."))
        return redirect("signals:detail", signal_id=signal.pk)
    request.session[SESSION_RECEIVED] = {
        "number": signal.pk,
        "municipality": signal.municipality.name,
        "acute": signal.urgency == Urgency.ACUTE,
        "viewable": may_view_signal(actor, signal_facts(signal)),
    }
    return redirect("signals:received")


@roles(access_roles.SIGNAL_REPORTERS)
@require_http_methods(["GET", "POST"])
def signal_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    # Every municipality offered lies in the actor's region; the policy decides the role.
    if not may_register_signal(actor, municipality_region_id=actor.region_id):
        raise Http404
    form = IntakeForm(request.POST if request.method == "POST" else None, actor=actor)
    if form.is_bound and form.is_valid():
        try:
            signal = signal_intake(actor=actor, user=request_user(request), intake=form.intake())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_registration(request, actor, signal)
    status = 400 if form.errors else 200
    return render(request, "signals/signal_form.html", {"form": form}, status=status)


@roles(access_roles.SIGNAL_REPORTERS)
@require_GET
def signal_received_view(request: HttpRequest) -> HttpResponse:
    received = request.session.get(SESSION_RECEIVED)
    if not isinstance(received, dict):
        return redirect("signals:create")
    return render(request, "signals/signal_received.html", {"received": received})
