"""The administrator keeps the checklist templates (/beheer/checklijsten/).

Only the admin role reaches these pages. Templates hold no personal data, so nothing here is
a read of a person. A change carries the version the administrator saw: a stale one is
refused with 409 and the typed values kept. Started checklists keep their copy of the items.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from checklists.forms import TemplateForm, TemplateItemForm
from checklists.models import ChecklistTemplate, TemplateItem
from checklists.services import ItemInput, template_item_save, template_save
from lib.access_rules import roles
from lib.concurrency import StaleEdit
from lib.forms import add_service_errors

FORM_TEMPLATE = "checklists/admin_form.html"


def _template(template_id: int) -> ChecklistTemplate:
    template = ChecklistTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404
    return template


def _item(template: ChecklistTemplate, item_id: int) -> TemplateItem:
    item = TemplateItem.objects.filter(pk=item_id, template=template).first()
    if item is None:
        raise Http404
    return item


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    heading: str,
    back_url: str,
    status: int | None = None,
    conflict: bool = False,
) -> HttpResponse:
    context = {"form": form, "heading": heading, "back_url": back_url, "conflict": conflict}
    code = status or (400 if form.errors else 200)
    return render(request, FORM_TEMPLATE, context, status=code)


@roles(access_roles.ADMIN)
@require_GET
def template_list_view(request: HttpRequest) -> HttpResponse:
    templates = ChecklistTemplate.objects.prefetch_related("items").order_by("scenario", "name")
    return render(request, "checklists/admin_list.html", {"templates": templates})


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def template_create_view(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None, initial={"active": False})
    heading = _("New checklist")
    back = reverse("checklist_admin:list")
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form, heading=heading, back_url=back)
    data = form.cleaned_data
    try:
        template = template_save(
            template=None,
            version=None,
            code=data["code"],
            name=data["name"],
            scenario=data["scenario"],
            description=data["description"],
            event_label=data["event_label"],
            active=data["active"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, form, heading=heading, back_url=back)
    messages.success(request, _("The checklist has been saved."))
    return redirect("checklist_admin:edit", template_id=template.pk)


def _edit_page(
    request: HttpRequest,
    template: ChecklistTemplate,
    form: TemplateForm,
    *,
    status: int | None = None,
    conflict: bool = False,
) -> HttpResponse:
    context = {
        "template": template,
        "items": template.items.order_by("position", "id"),
        "form": form,
        "conflict": conflict,
    }
    code = status or (400 if form.errors else 200)
    return render(request, "checklists/admin_template.html", context, status=code)


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def template_edit_view(request: HttpRequest, template_id: int) -> HttpResponse:
    template = _template(template_id)
    if request.method != "POST":
        initial = {
            "name": template.name,
            "scenario": template.scenario,
            "event_label": template.event_label,
            "description": template.description,
            "active": template.active,
            "version": template.version,
        }
        return _edit_page(request, template, TemplateForm(initial=initial, editing=True))
    form = TemplateForm(request.POST, editing=True)
    if not form.is_valid():
        return _edit_page(request, template, form)
    data = form.cleaned_data
    try:
        template_save(
            template=template,
            version=data["version"],
            name=data["name"],
            scenario=data["scenario"],
            description=data["description"],
            event_label=data["event_label"],
            active=data["active"],
        )
    except StaleEdit:
        template.refresh_from_db()
        fresh = request.POST.copy()
        fresh["version"] = str(template.version)
        return _edit_page(
            request, template, TemplateForm(fresh, editing=True), status=409, conflict=True
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _edit_page(request, template, form)
    messages.success(request, _("The checklist has been saved."))
    return redirect("checklist_admin:edit", template_id=template.pk)


def _item_input(data: dict[str, Any]) -> ItemInput:
    return ItemInput(
        position=data["position"],
        text=data["text"],
        help_text=data["help_text"],
        applies_to=data["applies_to"],
        creates_task=data["creates_task"],
        task_offset_days=data["task_offset_days"],
        task_owner=data["task_owner"],
        source_note=data["source_note"],
        active=data["active"],
    )


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def item_create_view(request: HttpRequest, template_id: int) -> HttpResponse:
    template = _template(template_id)
    next_position = (template.items.count() or 0) + 1
    form = TemplateItemForm(
        request.POST or None, initial={"position": next_position, "active": True}
    )
    heading = _("New item of %(name)s") % {"name": template.name}
    back = reverse("checklist_admin:edit", kwargs={"template_id": template.pk})
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form, heading=heading, back_url=back)
    try:
        template_item_save(
            template=template, item=None, version=None, data=_item_input(form.cleaned_data)
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, form, heading=heading, back_url=back)
    messages.success(request, _("The item has been saved."))
    return redirect("checklist_admin:edit", template_id=template.pk)


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def item_edit_view(request: HttpRequest, template_id: int, item_id: int) -> HttpResponse:
    template = _template(template_id)
    item = _item(template, item_id)
    heading = _("Item of %(name)s") % {"name": template.name}
    back = reverse("checklist_admin:edit", kwargs={"template_id": template.pk})
    if request.method != "POST":
        initial = {
            field: getattr(item, field)
            for field in (
                "position",
                "text",
                "help_text",
                "applies_to",
                "creates_task",
                "task_offset_days",
                "task_owner",
                "source_note",
                "active",
                "version",
            )
        }
        return _form_page(
            request, TemplateItemForm(initial=initial), heading=heading, back_url=back
        )
    form = TemplateItemForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, heading=heading, back_url=back)
    try:
        template_item_save(
            template=template,
            item=item,
            version=form.cleaned_data["version"],
            data=_item_input(form.cleaned_data),
        )
    except StaleEdit:
        item.refresh_from_db()
        fresh = request.POST.copy()
        fresh["version"] = str(item.version)
        return _form_page(
            request,
            TemplateItemForm(fresh),
            heading=heading,
            back_url=back,
            status=409,
            conflict=True,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, form, heading=heading, back_url=back)
    messages.success(request, _("The item has been saved."))
    return redirect("checklist_admin:edit", template_id=template.pk)
