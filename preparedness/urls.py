"""Pages of preparedness under /voorbereiding/ (Dutch paths, English names)."""

from django.urls import path

from preparedness import views

app_name = "preparedness"

MUNICIPALITY = "gemeente/<id:municipality_id>/"

urlpatterns = [
    path("", views.index_view, name="index"),
    path(MUNICIPALITY, views.readiness_view, name="readiness"),
    path(f"{MUNICIPALITY}punt/<str:topic>/", views.item_edit_view, name="item_edit"),
    path(f"{MUNICIPALITY}beleid/", views.policy_edit_view, name="policy_edit"),
    path(f"{MUNICIPALITY}scan/", views.scan_create_view, name="scan_create"),
    path(f"{MUNICIPALITY}afspraken/", views.agreements_view, name="agreements"),
    path(
        f"{MUNICIPALITY}afspraken/<id:organisation_id>/<str:task>/",
        views.agreement_edit_view,
        name="agreement_edit",
    ),
    path(f"{MUNICIPALITY}sleutelfiguren/", views.key_figures_view, name="key_figures"),
    path(
        f"{MUNICIPALITY}sleutelfiguren/nieuw/",
        views.key_figure_create_view,
        name="key_figure_create",
    ),
    path(
        f"{MUNICIPALITY}sleutelfiguren/<id:key_figure_id>/",
        views.key_figure_edit_view,
        name="key_figure_edit",
    ),
    path(
        f"{MUNICIPALITY}sleutelfiguren/<id:key_figure_id>/verwijderen/",
        views.key_figure_delete_view,
        name="key_figure_delete",
    ),
    path(f"{MUNICIPALITY}training/", views.training_view, name="training"),
    path(f"{MUNICIPALITY}training/nieuw/", views.training_create_view, name="training_create"),
    path(
        f"{MUNICIPALITY}training/<id:record_id>/",
        views.training_edit_view,
        name="training_edit",
    ),
    path(
        f"{MUNICIPALITY}training/<id:record_id>/verwijderen/",
        views.training_delete_view,
        name="training_delete",
    ),
    path("steunpunten/", views.directory_view, name="directory"),
    path("steunpunten/nieuw/", views.directory_create_view, name="directory_create"),
    path("steunpunten/<id:organisation_id>/", views.directory_edit_view, name="directory_edit"),
    path(
        "steunpunten/<id:organisation_id>/verwijderen/",
        views.directory_delete_view,
        name="directory_delete",
    ),
]
