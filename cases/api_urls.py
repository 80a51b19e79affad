"""API routes under /api/v1/ for cases (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from cases.api import CaseCollectionView, CaseDetailView, CaseSituationView, CaseStatusView

urlpatterns: list[URLPattern] = [
    path("cases", CaseCollectionView.as_view(), name="api-cases"),
    path("cases/<int:case_id>", CaseDetailView.as_view(), name="api-case"),
    path("cases/<int:case_id>/situation", CaseSituationView.as_view(), name="api-case-situation"),
    path("cases/<int:case_id>/status", CaseStatusView.as_view(), name="api-case-status"),
]
