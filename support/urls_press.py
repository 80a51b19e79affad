"""The press lines of a municipality, mounted under /perslijnen/."""

from django.urls import path

from support import views_municipal_press as views

app_name = "press"

urlpatterns = [
    path("", views.municipal_press_list_view, name="list"),
    path("nieuw/", views.municipal_press_add_view, name="add"),
    path("<id:line_id>/", views.municipal_press_detail_view, name="detail"),
    path("<id:line_id>/wijzigen/", views.municipal_press_edit_view, name="edit"),
]
