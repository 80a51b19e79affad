"""The mayor's dashboard and the regional view (Dutch paths, English names).

Included from schakel/urls.py at the root: ``path("", include("reports.urls_dashboards"))``.
"""

from django.urls import path

from reports import views_mayor, views_region

app_name = "dashboards"

urlpatterns = [
    path("burgemeester/", views_mayor.mayor_dashboard_view, name="mayor"),
    path("regio/", views_region.region_view, name="region"),
]
