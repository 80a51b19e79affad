from django.urls import path

from tasks import views

app_name = "tasks"

urlpatterns = [
    path("", views.notification_list_view, name="notifications"),
    path("gelezen/", views.notifications_read_view, name="notifications_read"),
    path("<id:notification_id>/openen/", views.notification_open_view, name="open"),
]
