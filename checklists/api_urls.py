"""API routes under /api/v1/ for a case's checklists (included by schakel/urls.py)."""

from django.urls import URLPattern, path

from checklists.api import CaseChecklistCollectionView, CaseChecklistItemView

urlpatterns: list[URLPattern] = [
    path(
        "cases/<id:case_id>/checklists",
        CaseChecklistCollectionView.as_view(),
        name="api-case-checklists",
    ),
    path(
        "cases/<id:case_id>/checklists/<id:checklist_id>/items/<id:item_id>",
        CaseChecklistItemView.as_view(),
        name="api-case-checklist-item",
    ),
]
