from django.urls import path

from mytasks import views

app_name = "mytasks"

urlpatterns = [
    path("", views.my_tasks_view, name="list"),
    path("<id:task_id>/gedaan/", views.review_task_done_view, name="done"),
]
