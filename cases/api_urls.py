"""API routes under /api/v1/ for cases (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from cases.api import CaseCollectionView, CaseDetailView, CaseSituationView, CaseStatusView
from cases.api_actions import (
    CaseActionCollectionView,
    CaseActionDetailView,
    CaseActionReportView,
    CasePlanView,
)
from cases.api_entries import (
    CaseEntryCollectionView,
    CaseEntryCorrectionView,
    CaseEntryDetailView,
)

urlpatterns: list[URLPattern] = [
    path("cases", CaseCollectionView.as_view(), name="api-cases"),
    path("cases/<id:case_id>", CaseDetailView.as_view(), name="api-case"),
    path("cases/<id:case_id>/situation", CaseSituationView.as_view(), name="api-case-situation"),
    path("cases/<id:case_id>/status", CaseStatusView.as_view(), name="api-case-status"),
    # Entries: the entry gate decides per information category what the caller reads.
    path("cases/<id:case_id>/entries", CaseEntryCollectionView.as_view(), name="api-case-entries"),
    path(
        "cases/<id:case_id>/entries/<id:entry_id>",
        CaseEntryDetailView.as_view(),
        name="api-case-entry",
    ),
    path(
        "cases/<id:case_id>/entries/<id:entry_id>/corrections",
        CaseEntryCorrectionView.as_view(),
        name="api-case-entry-corrections",
    ),
    # The plan of approach and its actions.
    path("cases/<id:case_id>/plan", CasePlanView.as_view(), name="api-case-plan"),
    path("cases/<id:case_id>/actions", CaseActionCollectionView.as_view(), name="api-case-actions"),
    path(
        "cases/<id:case_id>/actions/<id:action_id>",
        CaseActionDetailView.as_view(),
        name="api-case-action",
    ),
    path(
        "cases/<id:case_id>/actions/<id:action_id>/reports",
        CaseActionReportView.as_view(),
        name="api-case-action-reports",
    ),
]
