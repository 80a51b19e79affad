from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("logboek/", views.log_view, name="log"),
    path("register/", views.register_view, name="register"),
]
