"""Pages of council reports under /rapportages/ (Dutch paths, English names)."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list_view, name="list"),
    path("nieuw/", views.report_create_view, name="create"),
    path("<id:report_id>/", views.report_detail_view, name="detail"),
    path("<id:report_id>/pdf/", views.report_pdf_view, name="pdf"),
    path("<id:report_id>/csv/", views.report_csv_view, name="csv"),
]
