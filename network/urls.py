"""The network pages, mounted under a case: /casussen/<case_id>/netwerk/."""

from django.urls import path

from network import urls_extra, views

app_name = "network"

urlpatterns = [
    path("", views.network_view, name="page"),
    path("personen/nieuw/", views.person_add_view, name="person_add"),
    path("personen/<id:person_id>/", views.person_edit_view, name="person_edit"),
    path("personen/<id:person_id>/koppelen/", views.person_link_view, name="person_link"),
    path("relaties/nieuw/", views.relation_add_view, name="relation_add"),
    path("relaties/<id:relation_id>/", views.relation_edit_view, name="relation_edit"),
    path(
        "relaties/<id:relation_id>/verwijderen/",
        views.relation_remove_view,
        name="relation_remove",
    ),
    *urls_extra.urlpatterns,
]
