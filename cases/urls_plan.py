"""Case pages: plan of approach and actions (included by cases/urls.py under "cases")."""

from django.urls import path

from cases import views_plan

urlpatterns = [
    path("<int:case_id>/plan/", views_plan.plan_view, name="plan"),
    path("<int:case_id>/plan/nieuw/", views_plan.plan_agree_view, name="plan_agree"),
    path("<int:case_id>/acties/nieuw/", views_plan.action_create_view, name="action_create"),
    path("<int:case_id>/acties/<int:action_id>/", views_plan.action_view, name="action"),
]
