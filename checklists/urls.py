"""Checklist pages of a case, mounted under /casussen/<case_id>/checklijsten/."""

from django.urls import path

from checklists import views

app_name = "checklists"

urlpatterns = [
    path("", views.checklist_list_view, name="list"),
    path("starten/", views.checklist_start_view, name="start"),
    path("<id:checklist_id>/", views.checklist_detail_view, name="detail"),
    path("<id:checklist_id>/afsluiten/", views.checklist_settle_view, name="settle"),
    path(
        "<id:checklist_id>/punten/<id:item_id>/",
        views.checklist_item_view,
        name="item",
    ),
    path(
        "<id:checklist_id>/punten/<id:item_id>/toewijzen/",
        views.checklist_item_assign_view,
        name="item_assign",
    ),
    path(
        "<id:checklist_id>/punten/<id:item_id>/terugmelden/",
        views.checklist_item_report_view,
        name="item_report",
    ),
]
