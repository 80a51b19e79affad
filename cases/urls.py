from django.urls import path

from cases import urls_entries, urls_plan, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("<int:case_id>/", views.case_detail_view, name="detail"),
    *urls_entries.urlpatterns,
    *urls_plan.urlpatterns,
]
