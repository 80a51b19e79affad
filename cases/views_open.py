"""Opening a case by hand: the lead, directly from an intelligence notice (issue 4, point 1).

An AIVD notice may call for a case without waiting for a weighing session. Only the lead of
the signal's municipality may do this, only for a signal that carries a notice and names a
person, and only once per signal.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.actor import request_actor, request_user
from access.facts import Actor
from accounts.models import Organisation
from cases.opening import region_process_director
from cases.services import case_open
from lib.access_rules import object_gate
from lib.forms import BoundedForm
from signals.gates import get_intelligence_notice, get_signal_for_user
from signals.models import Signal


class OrganisationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class OpenFromNoticeForm(BoundedForm):
    team = OrganisationsField(
        queryset=Organisation.objects.none(),
        required=False,
        label=gettext_lazy("Team"),
        help_text=gettext_lazy(
            "The organisations whose professionals may see the case from now on. "
            "You can change the team later."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=gettext_lazy("Why a case now, without a weighing session?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Kept in the case's timeline."),
        error_messages={
            "required": gettext_lazy("Give the reason for opening the case."),
            "max_length": gettext_lazy("The reason is at most 2000 characters."),
        },
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, OrganisationsField)
        team.queryset = organisations


def _notice_signal(actor: Actor, signal_id: int) -> Signal:
    """The signal, if the actor leads its municipality, it carries a notice, names a person
    and has no case yet; otherwise the same 404 as for a missing signal."""
    signal = get_signal_for_user(actor, signal_id, write=True)
    if get_intelligence_notice(actor, signal) is None:
        raise Http404
    if signal.subject is None:
        raise Http404
    if signal.cases.exists():
        raise Http404
    return signal


def _partners(signal: Signal) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(region_id=signal.municipality.region_id)
        .exclude(kind=Organisation.Kind.MUNICIPALITY)
        .order_by("name")
    )


@object_gate
def open_from_notice_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    actor = request_actor(request)
    signal = _notice_signal(actor, signal_id)
    organisations = _partners(signal)
    if request.method != "POST":
        form = OpenFromNoticeForm(organisations=organisations)
        return render(request, "cases/open_from_notice.html", {"signal": signal, "form": form})
    form = OpenFromNoticeForm(request.POST, organisations=organisations)
    if form.is_valid():
        user = request_user(request)
        assert signal.subject is not None  # _notice_signal insists
        try:
            case = case_open(
                actor=actor,
                user=user,
                subject=signal.subject,
                municipality=signal.municipality,
                lead=user,
                process_director=region_process_director(signal.municipality),
                team=list(form.cleaned_data["team"]),
                signal=signal,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case has been opened."))
            return redirect("cases:detail", case_id=case.pk)
    context = {"signal": signal, "form": form}
    return render(request, "cases/open_from_notice.html", context, status=400)
