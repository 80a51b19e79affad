"""Intelligence notices (ambtsberichten): restricted metadata for the lead and the mayor's
office, the mayor's verification note, and the mayor's office's registration of a notice it
received (issue 14). Never the notice's content or the signal's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor, request_user
from access.facts import Actor
from access.roles import has_role
from access.signals import may_register_received_notice, may_view_intelligence_notice
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from lib.access_rules import roles
from lib.forms import BoundedForm, add_service_errors
from signals.gates import get_notice_for_verification, signals_facts
from signals.intake import ReceivedNotice, SubjectDetails, notice_receive
from signals.models import ConcernType, IntelligenceNotice, Urgency
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


class ReceivedNoticeForm(BoundedForm):
    """What the mayor's office records of a notice it received: its reference and dates, a
    summary the lead can weigh, and the person when the notice names one."""

    past_dates = frozenset({"received_at", "dated"})
    reference = forms.CharField(
        label=gettext_lazy("Reference of the intelligence notice"),
        max_length=100,
        help_text=gettext_lazy("The notice itself stays in the mayor's secured archive."),
        error_messages={
            "required": gettext_lazy("Give the reference of the intelligence notice."),
            "max_length": gettext_lazy("The reference is at most 100 characters."),
        },
    )
    dated = forms.DateField(
        label=gettext_lazy("Date of the intelligence notice"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Give the date of the intelligence notice."),
            "invalid": gettext_lazy("Give an existing date."),
        },
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received at"),
        help_text=gettext_lazy(
            "When the mayor's office received it, for example 2027-01-14 10:00."
        ),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": gettext_lazy("Give the date and time the notice came in."),
            "invalid": gettext_lazy(
                "Give an existing date and a time, as day, month, year and hours."
            ),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("What the lead needs to know"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Only what the notice allows to be shared for the weighing; facts, no guesses."
        ),
        error_messages={
            "required": gettext_lazy("Describe what the lead needs to know."),
            "max_length": gettext_lazy("The description is at most 5000 characters."),
        },
    )
    concern_type = forms.ChoiceField(
        label=gettext_lazy("Type of concern"),
        choices=ConcernType.choices,
        initial=ConcernType.UNCLEAR,
        help_text=gettext_lazy("As the notice describes it; “unclear” when it does not say."),
        error_messages={
            "required": gettext_lazy("Choose the type of concern, or “unclear”."),
            "invalid_choice": gettext_lazy("Choose the type of concern from the list."),
        },
    )
    urgency = forms.ChoiceField(
        label=gettext_lazy("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        error_messages={
            "required": gettext_lazy("Choose the urgency."),
            "invalid_choice": gettext_lazy("Choose the urgency from the list."),
        },
    )
    given_names = forms.CharField(
        label=gettext_lazy("Given names"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Only when the notice names the person."),
    )
    surname_prefix = forms.CharField(
        label=gettext_lazy("Surname prefix"), max_length=20, required=False
    )
    surname = forms.CharField(label=gettext_lazy("Surname"), max_length=200, required=False)
    birth_year = forms.IntegerField(
        label=gettext_lazy("Year of birth"),
        required=False,
        min_value=1900,
        error_messages={"min_value": gettext_lazy("Give a year of birth after 1900.")},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        named = bool((data.get("given_names") or "").strip()) or bool(
            (data.get("surname") or "").strip()
        )
        if named and not (data.get("surname") or "").strip():
            self.add_error("surname", _("Give the person's surname, or leave the name empty."))
        if named and not (data.get("given_names") or "").strip():
            self.add_error(
                "given_names", _("Give the person's given names, or leave the name empty.")
            )
        return data

    def received_notice(self, municipality: Municipality) -> ReceivedNotice:
        data = self.cleaned_data
        subject = None
        if data["surname"].strip():
            subject = SubjectDetails(
                given_names=data["given_names"].strip(),
                surname_prefix=data["surname_prefix"].strip(),
                surname=data["surname"].strip(),
                birth_year=data["birth_year"],
            )
        return ReceivedNotice(
            municipality=municipality,
            received_at=data["received_at"],
            reference=data["reference"],
            dated=data["dated"],
            description=data["description"],
            concern_type=data["concern_type"],
            urgency=data["urgency"],
            subject=subject,
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
        "may_register": _may_register(actor),
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
        context = {
            "notices": notices,
            "may_verify": True,
            "may_register": _may_register(actor),
            "form": form,
            "invalid": notice.pk,
        }
        return render(request, "signals/notices.html", context, status=400)
    messages.success(request, _("The verification note has been saved."))
    return redirect("signals:notices")


def _may_register(actor: Actor) -> bool:
    if actor.municipality_id is None:
        return False
    return may_register_received_notice(actor, municipality_id=actor.municipality_id)


@roles(access_roles.MAYOR_OFFICE)
@require_http_methods(["GET", "POST"])
def notice_receive_view(request: HttpRequest) -> HttpResponse:
    """The mayor's office registers an intelligence notice it received (its own
    municipality's); the lead verifies and weighs the signal it starts."""
    actor = request_actor(request)
    municipality = Municipality.objects.filter(pk=actor.municipality_id or 0).first()
    if municipality is None or not _may_register(actor):
        raise Http404
    form = ReceivedNoticeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            notice_receive(
                actor=actor,
                user=request_user(request),
                notice=form.received_notice(municipality),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The intelligence notice has been registered. The lead verifies it and "
                    "brings it to the weighing session."
                ),
            )
            return redirect("signals:notices")
    status = 400 if form.errors else 200
    return render(request, "signals/notice_receive.html", {"form": form}, status=status)
