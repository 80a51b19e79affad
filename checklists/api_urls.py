"""API routes under /api/v1/ for a case's checklists (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from checklists.api import CaseChecklistCollectionView, CaseChecklistItemView

urlpatterns: list[URLPattern] = [
    path(
        "cases/<int:case_id>/checklists",
        CaseChecklistCollectionView.as_view(),
        name="api-case-checklists",
    ),
    path(
        "cases/<int:case_id>/checklists/<int:checklist_id>/items/<int:item_id>",
        CaseChecklistItemView.as_view(),
        name="api-case-checklist-item",
    ),
]
