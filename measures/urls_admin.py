"""The catalogue of measure types, for the functional administrator: /beheer/maatregelen/."""

from django.urls import path

from measures import views_admin

app_name = "measures_admin"

urlpatterns = [
    path("", views_admin.measure_type_list_view, name="list"),
    path("nieuw/", views_admin.measure_type_create_view, name="create"),
    path("<id:measure_type_id>/", views_admin.measure_type_edit_view, name="edit"),
]
