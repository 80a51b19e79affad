from django.urls import URLPattern

app_name = "meetings"

# Views arrive with issue 3.
urlpatterns: list[URLPattern] = []
