"""Case pages: plan of approach and actions (included by cases/urls.py under "cases")."""

from django.urls import path

from cases import views_plan

urlpatterns = [
    path("<id:case_id>/plan/", views_plan.plan_view, name="plan"),
    path("<id:case_id>/plan/nieuw/", views_plan.plan_agree_view, name="plan_agree"),
    path("<id:case_id>/acties/nieuw/", views_plan.action_create_view, name="action_create"),
    path("<id:case_id>/acties/<id:action_id>/", views_plan.action_view, name="action"),
]
