"""API routes under /api/v1/ for council reports (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from reports.api import CouncilAggregatesView

urlpatterns: list[URLPattern] = [
    path("reports/council", CouncilAggregatesView.as_view(), name="api-reports-council"),
]
