"""The administrator keeps the checklist templates (/beheer/checklijsten/).

Only the admin role reaches these pages. Templates hold no personal data, so nothing here is
a read of a person. A change carries the version the administrator saw: a stale one is
refused with 409 and the typed values kept. Started checklists keep their copy of the items.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access import roles as access_roles
from checklists.forms import TemplateForm, TemplateItemForm
from checklists.models import ChecklistTemplate, TemplateItem
from checklists.services import ItemInput, template_item_save, template_save
from lib.access_rules import roles
from lib.forms import add_service_errors
from lib.versioned_edit import VersionedEdit, versioned_edit

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


def _template_initial(template: ChecklistTemplate) -> dict[str, Any]:
    fields = ("name", "scenario", "event_label", "description", "active", "version")
    return {field: getattr(template, field) for field in fields}


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def template_edit_view(request: HttpRequest, template_id: int) -> HttpResponse:
    template = _template(template_id)

    def form(data: QueryDict | None) -> TemplateForm:
        if data is not None:
            return TemplateForm(data, editing=True)
        return TemplateForm(initial=_template_initial(_template(template.pk)), editing=True)

    def save(form: TemplateForm) -> ChecklistTemplate:
        data = form.cleaned_data
        return template_save(
            template=template,
            version=data["version"],
            name=data["name"],
            scenario=data["scenario"],
            description=data["description"],
            event_label=data["event_label"],
            active=data["active"],
        )

    def page(form: TemplateForm, status: int, conflict: bool) -> HttpResponse:
        # A conflict shows the template (its name, its items) as it is now.
        shown = _template(template.pk) if conflict else template
        return _edit_page(request, shown, form, status=status, conflict=conflict)

    def done(_saved: ChecklistTemplate) -> HttpResponse:
        messages.success(request, _("The checklist has been saved."))
        return redirect("checklist_admin:edit", template_id=template.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _template(template.pk).version,
            save=save,
            page=page,
            done=done,
        ),
    )


def _item_input(data: dict[str, Any]) -> ItemInput:
    return ItemInput(
        position=data["position"],
        text=data["text"],
        help_text=data["help_text"],
        applies_to=data["applies_to"],
        creates_task=data["creates_task"],
        task_offset_days=data["task_offset_days"],
        task_owner=data["task_owner"],
        usual_holder=data["usual_holder"],
        source_note=data["source_note"],
        active=data["active"],
        fulfilled_by=data["fulfilled_by"],
        fact_parameter=data["fact_parameter"],
        irreversible=data["irreversible"],
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


# The fields of a template item its edit form shows.
ITEM_FIELDS = (
    "position",
    "text",
    "help_text",
    "applies_to",
    "creates_task",
    "task_offset_days",
    "task_owner",
    "usual_holder",
    "source_note",
    "fulfilled_by",
    "fact_parameter",
    "irreversible",
    "active",
    "version",
)


@roles(access_roles.ADMIN)
@require_http_methods(["GET", "POST"])
def item_edit_view(request: HttpRequest, template_id: int, item_id: int) -> HttpResponse:
    template = _template(template_id)
    item = _item(template, item_id)
    heading = _("Item of %(name)s") % {"name": template.name}
    back = reverse("checklist_admin:edit", kwargs={"template_id": template.pk})

    def form(data: QueryDict | None) -> TemplateItemForm:
        if data is not None:
            return TemplateItemForm(data)
        now = _item(template, item.pk)
        return TemplateItemForm(initial={field: getattr(now, field) for field in ITEM_FIELDS})

    def save(form: TemplateItemForm) -> TemplateItem:
        return template_item_save(
            template=template,
            item=item,
            version=form.cleaned_data["version"],
            data=_item_input(form.cleaned_data),
        )

    def done(_saved: TemplateItem) -> HttpResponse:
        messages.success(request, _("The item has been saved."))
        return redirect("checklist_admin:edit", template_id=template.pk)

    return versioned_edit(
        request,
        VersionedEdit(
            form=form,
            current_version=lambda: _item(template, item.pk).version,
            save=save,
            page=lambda form, status, conflict: _form_page(
                request, form, heading=heading, back_url=back, status=status, conflict=conflict
            ),
            done=done,
        ),
    )
