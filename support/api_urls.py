"""API routes under /api/v1/ for a case's support records (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from support.api import (
    AssessmentCollectionView,
    FamilyContactCollectionView,
    PressLineCollectionView,
    ReintegrationPlanView,
)

urlpatterns: list[URLPattern] = [
    path(
        "cases/<id:case_id>/family-contacts",
        FamilyContactCollectionView.as_view(),
        name="api-case-family-contacts",
    ),
    path(
        "cases/<id:case_id>/press-lines",
        PressLineCollectionView.as_view(),
        name="api-case-press-lines",
    ),
    path(
        "cases/<id:case_id>/assessments",
        AssessmentCollectionView.as_view(),
        name="api-case-assessments",
    ),
    path(
        "cases/<id:case_id>/reintegration-plan",
        ReintegrationPlanView.as_view(),
        name="api-case-reintegration-plan",
    ),
]
