from django.urls import path

from signals import views, views_intake, views_known, views_notices

app_name = "signals"

urlpatterns = [
    path("", views.signal_list_view, name="list"),
    path("export/", views.signal_export_view, name="export"),
    path("nieuw/", views_intake.signal_create_view, name="create"),
    path("al-bekend/", views_known.already_known_view, name="already_known"),
    path("ambtsberichten/", views_notices.notice_list_view, name="notices"),
    path("ambtsberichten/nieuw/", views_notices.notice_receive_view, name="notice_receive"),
    path(
        "ambtsberichten/<id:notice_id>/verificatie/",
        views_notices.notice_verify_view,
        name="notice_verify",
    ),
    path("ontvangen/", views_intake.signal_received_view, name="received"),
    path("te-laat/", views.signal_overdue_view, name="overdue"),
    path("<id:signal_id>/", views.signal_detail_view, name="detail"),
    path("<id:signal_id>/status/", views.signal_transition_view, name="transition"),
    path("<id:signal_id>/samenvoegen/", views.signal_merge_view, name="merge"),
]
