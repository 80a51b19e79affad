from django.urls import URLPattern

app_name = "signals"

# Views arrive with issue 3.
urlpatterns: list[URLPattern] = []
