from django.urls import path

from meetings import views, views_triangle

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list_view, name="list"),
    path("nieuw/", views.meeting_create_view, name="create"),
    path("<id:meeting_id>/", views.meeting_detail_view, name="detail"),
    path("<id:meeting_id>/wijzigen/", views.meeting_edit_view, name="edit"),
    path("<id:meeting_id>/agenda/", views.agenda_build_view, name="agenda_build"),
    path("<id:meeting_id>/punten/<id:item_id>/", views.item_decision_view, name="item"),
    path("<id:meeting_id>/afdrukken/", views.meeting_print_view, name="print"),
    path("driehoek/", views_triangle.triangle_list_view, name="triangle_list"),
    path("driehoek/nieuw/", views_triangle.triangle_create_view, name="triangle_create"),
    path("driehoek/agenderen/", views_triangle.triangle_schedule_view, name="triangle_schedule"),
    path("driehoek/<id:meeting_id>/", views_triangle.triangle_detail_view, name="triangle_detail"),
    path(
        "driehoek/<id:meeting_id>/agenda/",
        views_triangle.triangle_agenda_build_view,
        name="triangle_agenda_build",
    ),
    path(
        "driehoek/<id:meeting_id>/punten/<id:item_id>/",
        views_triangle.triangle_item_view,
        name="triangle_item",
    ),
]
