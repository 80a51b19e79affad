from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.second_factor_view, name="second_factor"),
    path("inloggen/koppelen/", views.enrol_view, name="enrol"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("rol/", views.choose_membership_view, name="choose_membership"),
]
