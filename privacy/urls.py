from django.urls import path

from privacy import views, views_break_glass, views_grants, views_usage

app_name = "privacy"

urlpatterns = [
    path("logboek/", views.log_view, name="log"),
    path("logboek/wissen/", views.log_clear_view, name="log_clear"),
    path("logboek/exporteren/", views.log_export_view, name="log_export"),
    path("logboek/verifieren/", views.log_verify_view, name="log_verify"),
    path("gebruik/", views_usage.usage_view, name="usage"),
    path("toekenningen/", views_grants.grant_list_view, name="grants"),
    path("register/", views.register_view, name="register"),
    path("register/<slug:code>/herzien/", views.register_revise_view, name="register_revise"),
    path("noodtoegang/", views_break_glass.break_glass_list_view, name="break_glass"),
    path(
        "noodtoegang/<id:access_id>/",
        views_break_glass.break_glass_review_view,
        name="break_glass_review",
    ),
]
