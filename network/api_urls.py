"""API routes under /api/v1/ for a case's network (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from network.api import (
    NetworkPeopleView,
    NetworkPersonView,
    NetworkRelationsView,
    NetworkRelationView,
    NetworkView,
)

urlpatterns: list[URLPattern] = [
    path("cases/<id:case_id>/network", NetworkView.as_view(), name="api-case-network"),
    path(
        "cases/<id:case_id>/network/people",
        NetworkPeopleView.as_view(),
        name="api-case-network-people",
    ),
    path(
        "cases/<id:case_id>/network/people/<id:person_id>",
        NetworkPersonView.as_view(),
        name="api-case-network-person",
    ),
    path(
        "cases/<id:case_id>/network/relations",
        NetworkRelationsView.as_view(),
        name="api-case-network-relations",
    ),
    path(
        "cases/<id:case_id>/network/relations/<id:relation_id>",
        NetworkRelationView.as_view(),
        name="api-case-network-relation",
    ),
]
