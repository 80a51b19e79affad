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
    path("cases/<int:case_id>/network", NetworkView.as_view(), name="api-case-network"),
    path(
        "cases/<int:case_id>/network/people",
        NetworkPeopleView.as_view(),
        name="api-case-network-people",
    ),
    path(
        "cases/<int:case_id>/network/people/<int:person_id>",
        NetworkPersonView.as_view(),
        name="api-case-network-person",
    ),
    path(
        "cases/<int:case_id>/network/relations",
        NetworkRelationsView.as_view(),
        name="api-case-network-relations",
    ),
    path(
        "cases/<int:case_id>/network/relations/<int:relation_id>",
        NetworkRelationView.as_view(),
        name="api-case-network-relation",
    ),
]
