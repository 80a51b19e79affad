"""Pages of preparedness: the readiness checklist, the seven-task matrix, key figures,
training and the directory of support organisations.

Every municipality page fetches its municipality through preparedness.gates (404 for
"missing" and "not yours"); pages that name people log one record per person. Changes are
POST-redirect-GET; bad input re-renders with 400, a stale edit with 409.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.municipality import (
    may_edit_key_figures,
    may_edit_readiness,
    may_edit_support_directory,
    may_view_key_figures,
)
from access.roles import has_role
from accounts.models import Municipality
from lib.access_rules import authenticated, object_gate, roles
from lib.concurrency import StaleEdit
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, current_state, version_now, versioned_edit
from preparedness import gates, services
from preparedness.forms import (
    AgreementForm,
    DeleteForm,
    KeyFigureForm,
    LocalScanForm,
    PolicyForm,
    ReadinessItemForm,
    SupportOrganisationForm,
    TrainingForm,
)
from preparedness.models import (
    CotTask,
    KeyFigure,
    LocalScan,
    PartnerAgreement,
    PolicyRecord,
    ReadinessItem,
    ReadinessStatus,
    SupportOrganisation,
    Topic,
    TrainingRecord,
)
from preparedness.readiness import readiness_for


def _conflict_message() -> str:
    return _(
        "Someone else changed this in the meantime. The form now shows the current values; "
        "check them and save again."
    )


def _form_page(
    request: HttpRequest,
    *,
    title: str,
    form: Any,
    back_url: str,
    status: int | None = None,
    intro: str = "",
    delete_url: str = "",
    version: int | None = None,
    conflict: bool = False,
) -> HttpResponse:
    context = {
        "title": title,
        "intro": intro,
        "form": form,
        "back_url": back_url,
        "delete_url": delete_url,
        "version": version,
        "conflict": _conflict_message() if conflict else "",
    }
    code = status or (400 if form.errors else 200)
    return render(request, "preparedness/form.html", context, status=code)


def _version_of(record: Any) -> int:
    """The version of a record now (0 when it does not exist yet: the first save creates it)."""
    return record.version if record is not None else 0


def _done(request: HttpRequest, message: str, back: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(back)


def _readiness_url(municipality: Municipality) -> str:
    return reverse("preparedness:readiness", args=[municipality.pk])


# --- The readiness checklist. ------------------------------------------------------------


@roles(access_roles.COUNCIL_INFORMERS)
def index_view(request: HttpRequest) -> HttpResponse:
    """A lead or mayor's office goes to their own municipality; a process director chooses
    among the region's. Counts only: nothing personal to log."""
    actor = request_actor(request)
    municipalities = list(gates.municipalities_for(actor))
    if not has_role(actor, access_roles.PROCESS_DIRECTOR) and len(municipalities) == 1:
        return redirect("preparedness:readiness", municipality_id=municipalities[0].pk)
    today = timezone.localdate()
    rows = [readiness_for(municipality, today=today) for municipality in municipalities]
    return render(request, "preparedness/index.html", {"rows": rows, "topics": len(Topic)})


@object_gate
def readiness_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id)
    readiness = readiness_for(municipality, today=timezone.localdate())
    gates.log_named_reads(
        actor,
        [f"user:{user_id}" for user_id in readiness.named_user_ids],
        name="preparedness.readiness.read",
        object_type="municipality",
        object_id=municipality.pk,
    )
    context = {
        "municipality": municipality,
        "readiness": readiness,
        "may_record": may_edit_readiness(actor, gates.facts(municipality)),
        "may_see_key_figures": may_view_key_figures(actor, gates.facts(municipality)),
        "scans": list(
            LocalScan.objects.filter(municipality=municipality).prefetch_related("partners")
        ),
    }
    return render(request, "preparedness/readiness.html", context)


def _topic(value: str) -> Topic:
    try:
        return Topic(value)
    except ValueError:
        raise Http404 from None


@object_gate
@require_http_methods(["GET", "POST"])
def item_edit_view(request: HttpRequest, municipality_id: int, topic: str) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id, edit=True)
    chosen = _topic(topic)

    def current() -> ReadinessItem | None:
        return ReadinessItem.objects.filter(municipality=municipality, topic=chosen).first()

    def form(data: QueryDict | None) -> ReadinessItemForm:
        if data is not None:
            return ReadinessItemForm(data, topic=chosen, municipality=municipality)
        initial: dict[str, Any] = {"version": 0}
        now = current()
        if now is not None:
            initial = {**model_to_dict(now, fields=["status", "regional_lead", "note"])}
            initial["version"] = now.version
        return ReadinessItemForm(initial=initial, topic=chosen, municipality=municipality)

    def save(form: ReadinessItemForm) -> None:
        data = form.cleaned_data
        services.readiness_item_save(
            actor=actor,
            municipality=municipality,
            topic=chosen,
            note=data["note"],
            status=ReadinessStatus(data["status"]) if data.get("status") else None,
            regional_lead=data.get("regional_lead"),
            version=data["version"],
        )

    title = str(chosen.label)
    back = _readiness_url(municipality)
    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _version_of(current()),
            save=save,
            page=lambda form, status, conflict: _form_page(
                request, title=title, form=form, back_url=back, status=status, conflict=conflict
            ),
            done=lambda _result: _done(request, _("The checklist has been updated."), back),
        ),
    )


@object_gate
@require_http_methods(["GET", "POST"])
def policy_edit_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id, edit=True)
    title = _("Policy on radicalisation")
    back = _readiness_url(municipality)
    intro = _(
        "Make the policy together with local partners, have it adopted by the whole executive "
        "and discuss it in the council."
    )

    def current() -> PolicyRecord | None:
        return PolicyRecord.objects.filter(municipality=municipality).first()

    def form(data: QueryDict | None) -> PolicyForm:
        if data is not None:
            return PolicyForm(data)
        record = current()
        if record is None:
            return PolicyForm(initial={"version": 0})
        return PolicyForm(initial={**model_to_dict(record), "version": record.version})

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _version_of(current()),
            save=lambda form: services.policy_record_save(
                actor=actor, municipality=municipality, **form.cleaned_data
            ),
            page=lambda form, status, conflict: _form_page(
                request,
                title=title,
                form=form,
                back_url=back,
                intro=intro,
                status=status,
                conflict=conflict,
            ),
            done=lambda _result: _done(request, _("The policy has been saved."), back),
        ),
    )


@object_gate
@require_http_methods(["GET", "POST"])
def scan_create_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id, edit=True)
    title = _("Record a scan of the local situation")
    back = _readiness_url(municipality)
    intro = _(
        "What plays locally in terms of social tensions and radicalisation? Describe it in "
        "general terms, without names of people."
    )
    form = LocalScanForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.local_scan_record(
                actor=actor,
                municipality=municipality,
                carried_out_on=data["carried_out_on"],
                summary=data["summary"],
                partners=list(data["partners"]),
                next_scan_on=data["next_scan_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scan has been recorded."))
            return redirect(back)
    return _form_page(request, title=title, form=form, back_url=back, intro=intro)


# --- Partner agreements: the seven-task matrix. ------------------------------------------


@object_gate
def agreements_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id)
    organisations = list(services.local_organisations(municipality).order_by("name"))
    agreements = {
        (a.organisation_id, a.task): a
        for a in PartnerAgreement.objects.filter(municipality=municipality)
    }
    rows = [
        {
            "organisation": organisation,
            "cells": [
                {"task": task, "agreement": agreements.get((organisation.pk, task.value))}
                for task in CotTask
            ],
        }
        for organisation in organisations
    ]
    gates.log_named_reads(
        actor,
        [services.contact_subject(a) for a in agreements.values() if a.contact_person],
        name="preparedness.agreements.read",
        object_type="municipality",
        object_id=municipality.pk,
    )
    context = {
        "municipality": municipality,
        "tasks": list(CotTask),
        "rows": rows,
        "may_record": may_edit_readiness(actor, gates.facts(municipality)),
        "may_see_key_figures": may_view_key_figures(actor, gates.facts(municipality)),
    }
    return render(request, "preparedness/agreements.html", context)


def _task(value: str) -> CotTask:
    try:
        return CotTask(value)
    except ValueError:
        raise Http404 from None


@object_gate
@require_http_methods(["GET", "POST"])
def agreement_edit_view(
    request: HttpRequest, municipality_id: int, organisation_id: int, task: str
) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id, edit=True)
    organisation = services.local_organisations(municipality).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    chosen = _task(task)
    title = _("%(organisation)s: %(task)s") % {
        "organisation": organisation.name,
        "task": chosen.label,
    }
    back = reverse("preparedness:agreements", args=[municipality.pk])

    def current() -> PartnerAgreement | None:
        return PartnerAgreement.objects.filter(
            municipality=municipality, organisation=organisation, task=chosen
        ).first()

    def form(data: QueryDict | None) -> AgreementForm:
        if data is not None:
            return AgreementForm(data)
        agreement = current()
        if agreement is None:
            return AgreementForm(initial={"version": 0})
        gates.log_named_reads(
            actor,
            [services.contact_subject(agreement)] if agreement.contact_person else [],
            name="preparedness.agreement.read",
            object_type="partner_agreement",
            object_id=agreement.pk,
        )
        return AgreementForm(initial={**model_to_dict(agreement), "version": agreement.version})

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _version_of(current()),
            save=lambda form: services.partner_agreement_save(
                actor=actor,
                municipality=municipality,
                organisation=organisation,
                task=chosen,
                **form.cleaned_data,
            ),
            page=lambda form, status, conflict: _form_page(
                request, title=title, form=form, back_url=back, status=status, conflict=conflict
            ),
            done=lambda _result: _done(request, _("The agreement has been saved."), back),
        ),
    )


# --- Key figures. -------------------------------------------------------------------------


@object_gate
def key_figures_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_key_figures_municipality(actor, municipality_id)
    key_figures = list(KeyFigure.objects.filter(municipality=municipality))
    gates.log_key_figure_reads(actor, key_figures, name="preparedness.key_figures.read")
    today = timezone.localdate()
    context = {
        "municipality": municipality,
        "key_figures": key_figures,
        "lapsed_ids": {
            kf.pk for kf in key_figures if kf.next_contact_on and kf.next_contact_on < today
        },
        "may_edit": may_edit_key_figures(actor, gates.facts(municipality)),
    }
    return render(request, "preparedness/key_figures.html", context)


def _key_figure_data(form: KeyFigureForm) -> services.KeyFigureData:
    data = form.cleaned_data
    return services.KeyFigureData(
        name=data["name"],
        contact_details=data["contact_details"],
        community=data["community"],
        trust_notes=data["trust_notes"],
        last_contact_on=data["last_contact_on"],
        next_contact_on=data["next_contact_on"],
    )


KEY_FIGURE_INTRO = gettext_lazy(
    "A key figure is a trusted, credible person in a community. Keep only what you need to "
    "stay in touch: no opinions about beliefs or origin."
)


@object_gate
@require_http_methods(["GET", "POST"])
def key_figure_create_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_key_figures_municipality(actor, municipality_id, edit=True)
    title = _("Add a key figure")
    back = reverse("preparedness:key_figures", args=[municipality.pk])
    form = KeyFigureForm(request.POST or None, initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        try:
            services.key_figure_create(
                actor=actor, municipality=municipality, data=_key_figure_data(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The key figure has been added."))
            return redirect(back)
    return _form_page(request, title=title, form=form, back_url=back, intro=str(KEY_FIGURE_INTRO))


@object_gate
@require_http_methods(["GET", "POST"])
def key_figure_edit_view(
    request: HttpRequest, municipality_id: int, key_figure_id: int
) -> HttpResponse:
    actor = request_actor(request)
    key_figure = gates.get_key_figure(
        actor, municipality_id, key_figure_id, edit=True, name="preparedness.key_figure.read"
    )
    title = _("Change key figure")
    back = reverse("preparedness:key_figures", args=[municipality_id])
    delete_url = reverse("preparedness:key_figure_delete", args=[municipality_id, key_figure.pk])

    def page(form: KeyFigureForm, **extra: Any) -> HttpResponse:
        return _form_page(
            request,
            title=title,
            form=form,
            back_url=back,
            intro=str(KEY_FIGURE_INTRO),
            delete_url=delete_url,
            version=key_figure.version,
            **extra,
        )

    def form(data: QueryDict | None) -> KeyFigureForm:
        if data is not None:
            return KeyFigureForm(data)
        current_state(request, key_figure)
        return KeyFigureForm(initial={**model_to_dict(key_figure), "version": key_figure.version})

    def save(form: KeyFigureForm) -> None:
        services.key_figure_update(
            actor=actor,
            key_figure=key_figure,
            data=_key_figure_data(form),
            version=form.cleaned_data["version"],
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(key_figure),
            save=save,
            page=lambda form, status, conflict: page(form, status=status, conflict=conflict),
            done=lambda _result: _done(request, _("The key figure has been saved."), back),
        ),
    )


def _delete(
    request: HttpRequest,
    *,
    remove: Callable[[int], None],
    done: str,
    back: str,
    stale_back: str,
) -> HttpResponse:
    form = DeleteForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        remove(form.cleaned_data["version"])
    except StaleEdit:
        messages.error(request, _conflict_message())
        return redirect(stale_back)
    messages.success(request, done)
    return redirect(back)


@object_gate
@require_POST
def key_figure_delete_view(
    request: HttpRequest, municipality_id: int, key_figure_id: int
) -> HttpResponse:
    actor = request_actor(request)
    key_figure = gates.get_key_figure(
        actor, municipality_id, key_figure_id, edit=True, name="preparedness.key_figure.read"
    )
    return _delete(
        request,
        remove=lambda version: services.key_figure_delete(
            actor=actor, key_figure=key_figure, version=version
        ),
        done=_("The key figure has been removed, with their contact details."),
        back=reverse("preparedness:key_figures", args=[municipality_id]),
        stale_back=reverse("preparedness:key_figure_edit", args=[municipality_id, key_figure.pk]),
    )


# --- Training records. --------------------------------------------------------------------


@object_gate
def training_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id)
    records = list(
        TrainingRecord.objects.filter(municipality=municipality).select_related("organisation")
    )
    gates.log_named_reads(
        actor,
        [services.trainee_subject(r) for r in records if r.participant_name],
        name="preparedness.training.read",
        object_type="municipality",
        object_id=municipality.pk,
    )
    today = timezone.localdate()
    context = {
        "municipality": municipality,
        "records": records,
        "overdue_ids": {r.pk for r in records if r.refresh_on and r.refresh_on < today},
        "may_record": may_edit_readiness(actor, gates.facts(municipality)),
        "may_see_key_figures": may_view_key_figures(actor, gates.facts(municipality)),
    }
    return render(request, "preparedness/training.html", context)


def _training_data(form: TrainingForm) -> services.TrainingData:
    data = form.cleaned_data
    return services.TrainingData(
        organisation=data["organisation"],
        participant_name=data["participant_name"],
        participant_count=data["participant_count"],
        training=data["training"],
        held_on=data["held_on"],
        refresh_on=data["refresh_on"],
        joint=data["joint"],
    )


def _training_record(actor: Actor, municipality_id: int, record_id: int) -> TrainingRecord:
    municipality = gates.get_municipality(actor, municipality_id, edit=True)
    record = (
        TrainingRecord.objects.filter(pk=record_id, municipality=municipality)
        .select_related("municipality", "organisation")
        .first()
    )
    if record is None:
        raise Http404
    return record


@object_gate
@require_http_methods(["GET", "POST"])
def training_create_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = request_actor(request)
    municipality = gates.get_municipality(actor, municipality_id, edit=True)
    title = _("Record training")
    back = reverse("preparedness:training", args=[municipality.pk])
    form = TrainingForm(request.POST or None, municipality=municipality, initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record_create(
                actor=actor, municipality=municipality, data=_training_data(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The training has been recorded."))
            return redirect(back)
    return _form_page(request, title=title, form=form, back_url=back)


@object_gate
@require_http_methods(["GET", "POST"])
def training_edit_view(request: HttpRequest, municipality_id: int, record_id: int) -> HttpResponse:
    actor = request_actor(request)
    record = _training_record(actor, municipality_id, record_id)
    municipality = record.municipality
    title = _("Change training record")
    back = reverse("preparedness:training", args=[municipality.pk])
    delete_url = reverse("preparedness:training_delete", args=[municipality.pk, record.pk])
    if record.participant_name:
        gates.log_named_reads(
            actor,
            [services.trainee_subject(record)],
            name="preparedness.training.read",
            object_type="training_record",
            object_id=record.pk,
        )

    def page(form: TrainingForm, **extra: Any) -> HttpResponse:
        return _form_page(
            request,
            title=title,
            form=form,
            back_url=back,
            delete_url=delete_url,
            version=record.version,
            **extra,
        )

    def form(data: QueryDict | None) -> TrainingForm:
        if data is not None:
            return TrainingForm(data, municipality=municipality)
        current_state(request, record)
        initial = {**model_to_dict(record), "version": record.version}
        return TrainingForm(initial=initial, municipality=municipality)

    def save(form: TrainingForm) -> None:
        services.training_record_update(
            actor=actor,
            record=record,
            data=_training_data(form),
            version=form.cleaned_data["version"],
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(record),
            save=save,
            page=lambda form, status, conflict: page(form, status=status, conflict=conflict),
            done=lambda _result: _done(request, _("The training record has been saved."), back),
        ),
    )


@object_gate
@require_POST
def training_delete_view(
    request: HttpRequest, municipality_id: int, record_id: int
) -> HttpResponse:
    actor = request_actor(request)
    record = _training_record(actor, municipality_id, record_id)
    return _delete(
        request,
        remove=lambda version: services.training_record_delete(
            actor=actor, record=record, version=version
        ),
        done=_("The training record has been removed."),
        back=reverse("preparedness:training", args=[municipality_id]),
        stale_back=reverse("preparedness:training_edit", args=[municipality_id, record.pk]),
    )


# --- The directory of support organisations. ---------------------------------------------


@authenticated
def directory_view(request: HttpRequest) -> HttpResponse:
    """Public catalogue data (organisations, no people): everyone logged in reads it."""
    actor = request_actor(request)
    context = {
        "organisations": list(SupportOrganisation.objects.all()),
        "may_edit": may_edit_support_directory(actor),
    }
    return render(request, "preparedness/directory.html", context)


def _support_data(form: SupportOrganisationForm) -> services.SupportData:
    data = form.cleaned_data
    return services.SupportData(
        name=data["name"],
        scope=data["scope"],
        helps_with=data["helps_with"],
        website=data["website"],
        how_to_reach=data["how_to_reach"],
        position=data["position"],
        phone=data["phone"],
        email=data["email"],
    )


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def directory_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    gates.require_directory_editor(actor)
    back = reverse("preparedness:directory")
    form = SupportOrganisationForm(request.POST or None, initial={"version": 0, "position": 100})
    if request.method == "POST" and form.is_valid():
        try:
            services.support_organisation_create(actor=actor, data=_support_data(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation has been added to the directory."))
            return redirect(back)
    return _form_page(request, title=_("Add a support organisation"), form=form, back_url=back)


def _support_organisation(organisation_id: int) -> SupportOrganisation:
    organisation = SupportOrganisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def directory_edit_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = request_actor(request)
    gates.require_directory_editor(actor)
    organisation = _support_organisation(organisation_id)
    back = reverse("preparedness:directory")
    delete_url = reverse("preparedness:directory_delete", args=[organisation.pk])
    title = _("Change support organisation")

    def page(form: SupportOrganisationForm, **extra: Any) -> HttpResponse:
        return _form_page(
            request,
            title=title,
            form=form,
            back_url=back,
            delete_url=delete_url,
            version=organisation.version,
            **extra,
        )

    def form(data: QueryDict | None) -> SupportOrganisationForm:
        if data is not None:
            return SupportOrganisationForm(data)
        current_state(request, organisation)
        initial = {**model_to_dict(organisation), "version": organisation.version}
        return SupportOrganisationForm(initial=initial)

    def save(form: SupportOrganisationForm) -> None:
        services.support_organisation_update(
            actor=actor,
            organisation=organisation,
            data=_support_data(form),
            version=form.cleaned_data["version"],
        )

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: version_now(organisation),
            save=save,
            page=lambda form, status, conflict: page(form, status=status, conflict=conflict),
            done=lambda _result: _done(request, _("The directory has been updated."), back),
        ),
    )


@roles(access_roles.ADMIN)
@require_POST
def directory_delete_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = request_actor(request)
    gates.require_directory_editor(actor)
    organisation = _support_organisation(organisation_id)
    return _delete(
        request,
        remove=lambda version: services.support_organisation_delete(
            actor=actor, organisation=organisation, version=version
        ),
        done=_("The organisation has been removed from the directory."),
        back=reverse("preparedness:directory"),
        stale_back=reverse("preparedness:directory_edit", args=[organisation.pk]),
    )
