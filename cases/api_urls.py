"""API routes under /api/v1/ for cases (included by schakel/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
