from django.urls import path

from cases import views_tasks

app_name = "mytasks"

urlpatterns = [
    path("", views_tasks.my_tasks_view, name="list"),
    path("<int:task_id>/gedaan/", views_tasks.review_task_done_view, name="done"),
]
