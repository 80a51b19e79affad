from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("account/", views.account_view, name="account"),
    path("toegankelijkheid/", views.accessibility_view, name="accessibility"),
]
