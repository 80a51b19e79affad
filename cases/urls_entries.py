"""Case pages: entries (included by cases/urls.py under the "cases" namespace)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
