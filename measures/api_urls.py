"""API routes under /api/v1/ for measures (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from measures.api import (
    InterventionCollectionView,
    InterventionDetailView,
    InterventionTransitionView,
    MeasureTypeCollectionView,
)

urlpatterns: list[URLPattern] = [
    path(
        "cases/<id:case_id>/interventions",
        InterventionCollectionView.as_view(),
        name="api-case-interventions",
    ),
    path(
        "cases/<id:case_id>/interventions/<id:intervention_id>",
        InterventionDetailView.as_view(),
        name="api-case-intervention",
    ),
    path(
        "cases/<id:case_id>/interventions/<id:intervention_id>/transitions",
        InterventionTransitionView.as_view(),
        name="api-case-intervention-transitions",
    ),
    path("measure-types", MeasureTypeCollectionView.as_view(), name="api-measure-types"),
]
