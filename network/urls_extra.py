"""Follow-ups, links to other cases and export of a case's network (issue 6, points 4-6).

Relative to the network pages (/casussen/<case_id>/netwerk/), like network/urls.py; the names
belong to the "network" namespace (the lead adds ``*urls_extra.urlpatterns`` there).
"""

from django.urls import URLPattern, path

from network import views_extra

urlpatterns: list[URLPattern] = [
    path(
        "personen/<id:person_id>/aandacht/",
        views_extra.followup_create_view,
        name="followup_create",
    ),
    path(
        "opvolging/<id:followup_id>/",
        views_extra.followup_decide_view,
        name="followup_decide",
    ),
    path("verbanden/", views_extra.crosslinks_view, name="crosslinks"),
    path("export.graphml", views_extra.export_graphml_view, name="export_graphml"),
    path("export.csv", views_extra.export_csv_view, name="export_csv"),
]
