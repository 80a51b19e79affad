from django.urls import path

from administration import views, views_approvals

app_name = "administration"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("regio/", views.region_list_view, name="region_list"),
    path("regio/nieuw/", views.region_create_view, name="region_create"),
    path("regio/<id:region_id>/", views.region_edit_view, name="region_edit"),
    path("gemeenten/", views.municipality_list_view, name="municipality_list"),
    path("gemeenten/nieuw/", views.municipality_create_view, name="municipality_create"),
    path(
        "gemeenten/<id:municipality_id>/",
        views.municipality_edit_view,
        name="municipality_edit",
    ),
    path("organisaties/", views.organisation_list_view, name="organisation_list"),
    path("organisaties/nieuw/", views.organisation_create_view, name="organisation_create"),
    path(
        "organisaties/<id:organisation_id>/",
        views.organisation_edit_view,
        name="organisation_edit",
    ),
    path("gebruikers/", views.user_list_view, name="user_list"),
    path("gebruikers/nieuw/", views.user_create_view, name="user_create"),
    path("gebruikers/<id:user_id>/", views.user_detail_view, name="user_detail"),
    path("gebruikers/<id:user_id>/bewerken/", views.user_edit_view, name="user_edit"),
    path("gebruikers/<id:user_id>/wachtwoord/", views.user_password_view, name="user_password"),
    path(
        "gebruikers/<id:user_id>/tweede-factor-herstellen/",
        views.user_reset_second_factor_view,
        name="user_reset_second_factor",
    ),
    path(
        "gebruikers/<id:user_id>/deactiveren/",
        views.user_deactivate_view,
        name="user_deactivate",
    ),
    path(
        "gebruikers/<id:user_id>/heractiveren/",
        views.user_reactivate_view,
        name="user_reactivate",
    ),
    path(
        "gebruikers/<id:user_id>/rollen/",
        views.membership_create_view,
        name="membership_create",
    ),
    path(
        "rollen/<id:membership_id>/beeindigen/",
        views.membership_end_view,
        name="membership_end",
    ),
    path("goedkeuringen/", views_approvals.approval_list_view, name="approval_list"),
    path(
        "goedkeuringen/aanmelding/<id:hold_id>/",
        views_approvals.hold_confirm_view,
        name="hold_confirm",
    ),
    path(
        "goedkeuringen/<id:membership_id>/",
        views_approvals.approval_decide_view,
        name="approval_decide",
    ),
]
