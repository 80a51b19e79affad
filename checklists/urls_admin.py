"""The administrator's checklist template pages, mounted under /beheer/checklijsten/."""

from django.urls import path

from checklists import views_admin

app_name = "checklist_admin"

urlpatterns = [
    path("", views_admin.template_list_view, name="list"),
    path("nieuw/", views_admin.template_create_view, name="create"),
    path("<id:template_id>/", views_admin.template_edit_view, name="edit"),
    path("<id:template_id>/punten/nieuw/", views_admin.item_create_view, name="item_create"),
    path(
        "<id:template_id>/punten/<id:item_id>/",
        views_admin.item_edit_view,
        name="item_edit",
    ),
]
