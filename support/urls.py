"""Support pages of a case, mounted under /casussen/<case_id>/ondersteuning/."""

from django.urls import path

from support import views, views_aftercare, views_press

app_name = "support"

urlpatterns = [
    path("familie/", views.family_list_view, name="family_list"),
    path("familie/nieuw/", views.family_add_view, name="family_add"),
    path("familie/<id:contact_id>/", views.family_edit_view, name="family_edit"),
    path("woordvoering/", views_press.press_list_view, name="press_list"),
    path("woordvoering/nieuw/", views_press.press_add_view, name="press_add"),
    path("woordvoering/<id:line_id>/", views_press.press_detail_view, name="press_detail"),
    path("woordvoering/<id:line_id>/wijzigen/", views_press.press_edit_view, name="press_edit"),
    path("taxaties/", views.assessment_list_view, name="assessment_list"),
    path("taxaties/nieuw/", views.assessment_add_view, name="assessment_add"),
    path("taxaties/<id:assessment_id>/", views.assessment_edit_view, name="assessment_edit"),
    path("nazorg/", views_aftercare.aftercare_view, name="aftercare"),
    path("nazorg/plan/", views_aftercare.plan_edit_view, name="plan_edit"),
    path("nazorg/evaluatie/", views_aftercare.plan_review_view, name="plan_review"),
]
