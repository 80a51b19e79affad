from django.urls import path

from cases import urls_entries, urls_plan, views, views_open

app_name = "cases"

urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("export/", views.case_export_view, name="export"),
    path("<id:case_id>/", views.case_detail_view, name="detail"),
    path(
        "uit-ambtsbericht/<id:signal_id>/",
        views_open.open_from_notice_view,
        name="open_from_notice",
    ),
    *urls_entries.urlpatterns,
    *urls_plan.urlpatterns,
]
