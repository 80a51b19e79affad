from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("logboek/", views.log_view, name="log"),
    path("logboek/wissen/", views.log_clear_view, name="log_clear"),
    path("logboek/verifieren/", views.log_verify_view, name="log_verify"),
    path("register/", views.register_view, name="register"),
    path("register/<slug:code>/herzien/", views.register_revise_view, name="register_revise"),
]
