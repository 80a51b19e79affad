"""Pages of council reports under /rapportages/ (Dutch paths, English names)."""

from django.urls import path

from reports import views, views_texts

app_name = "reports"

urlpatterns = [
    path("", views.report_list_view, name="list"),
    path("nieuw/", views.report_create_view, name="create"),
    path("toelichtingen/", views_texts.explain_list_view, name="explain_list"),
    path("<id:report_id>/", views.report_detail_view, name="detail"),
    path("<id:report_id>/pdf/", views.report_pdf_view, name="pdf"),
    path("<id:report_id>/csv/", views.report_csv_view, name="csv"),
    path("<id:report_id>/hoofdlijnen/", views_texts.outline_edit_view, name="outline"),
    path("<id:report_id>/toelichting/", views_texts.section_edit_view, name="explain"),
    path("<id:report_id>/vaststellen/", views_texts.finalise_view, name="finalise"),
]
