from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list_view, name="list"),
    path("nieuw/", views.meeting_create_view, name="create"),
    path("<int:meeting_id>/", views.meeting_detail_view, name="detail"),
    path("<int:meeting_id>/wijzigen/", views.meeting_edit_view, name="edit"),
    path("<int:meeting_id>/agenda/", views.agenda_build_view, name="agenda_build"),
    path("<int:meeting_id>/punten/<int:item_id>/", views.item_decision_view, name="item"),
    path("<int:meeting_id>/afdrukken/", views.meeting_print_view, name="print"),
]
