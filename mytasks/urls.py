from django.urls import path

from mytasks import views

app_name = "mytasks"

urlpatterns = [
    path("", views.my_tasks_view, name="list"),
    path("export/", views.my_tasks_export_view, name="export"),
    path("<id:task_id>/gedaan/", views.review_task_done_view, name="done"),
]
