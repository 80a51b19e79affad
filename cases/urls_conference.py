"""Case conference pages (casusoverleg), mounted at /casusoverleggen/."""

from django.urls import URLPattern

app_name = "conferences"

urlpatterns: list[URLPattern] = []
