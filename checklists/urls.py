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
]
