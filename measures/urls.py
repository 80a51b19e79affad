"""The measures pages, mounted under a case: /casussen/<case_id>/maatregelen/."""

from django.urls import path

from measures import views

app_name = "measures"

urlpatterns = [
    path("", views.measures_view, name="list"),
    path("nieuw/", views.propose_view, name="propose"),
    path("<id:intervention_id>/", views.intervention_view, name="detail"),
    path("<id:intervention_id>/stap/", views.transition_view, name="transition"),
    path("<id:intervention_id>/herziening/", views.review_view, name="review"),
    path(
        "<id:intervention_id>/rechtsmiddelen/<id:remedy_id>/",
        views.remedy_view,
        name="remedy",
    ),
    path(
        "<id:intervention_id>/voorlopige-voorziening/",
        views.interim_relief_view,
        name="interim_relief",
    ),
]
