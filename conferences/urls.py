"""Case conference pages (casusoverleg), mounted at /casusoverleggen/."""

from django.urls import path

from conferences import minutes, views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list_view, name="list"),
    path("export/", views.conference_export_view, name="export"),
    path("nieuw/", views.conference_create_view, name="create"),
    path("<id:meeting_id>/", views.conference_detail_view, name="detail"),
    path("<id:meeting_id>/agenda/", views.conference_agenda_view, name="agenda_build"),
    path("<id:meeting_id>/sluiten/", views.conference_close_view, name="close"),
    path("<id:meeting_id>/afdrukken/", views.conference_print_view, name="print"),
    path("<id:meeting_id>/punten/<id:item_id>/", minutes.conference_item_view, name="item"),
    path(
        "<id:meeting_id>/punten/<id:item_id>/verslag/",
        minutes.conference_minutes_add_view,
        name="minutes_add",
    ),
    path(
        "<id:meeting_id>/punten/<id:item_id>/besluit/",
        minutes.conference_decision_view,
        name="decision",
    ),
    path(
        "<id:meeting_id>/punten/<id:item_id>/actie/",
        minutes.conference_action_view,
        name="action",
    ),
    path(
        "<id:meeting_id>/verslag/<id:entry_id>/bevestigen/",
        minutes.conference_minutes_confirm_view,
        name="minutes_confirm",
    ),
    path(
        "<id:meeting_id>/verslag/<id:entry_id>/corrigeren/",
        minutes.conference_minutes_correct_view,
        name="minutes_correct",
    ),
]
