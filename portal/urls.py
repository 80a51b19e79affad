from django.urls import path

from portal import views, views_profile

app_name = "portal"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("account/", views.account_view, name="account"),
    path("account/wachtwoord/", views.password_change_view, name="password_change"),
    path("account/gegevens-voor-casusteams/", views_profile.profile_view, name="profile"),
    path("account/tokens/", views.token_create_view, name="token_create"),
    path("account/tokens/<id:token_id>/intrekken/", views.token_revoke_view, name="token_revoke"),
    path("toegankelijkheid/", views.accessibility_view, name="accessibility"),
]
