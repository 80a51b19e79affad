from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Role
from lib.access_rules import roles


@roles(Role.PRIVACY_OFFICER)
def log_view(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/log.html")


@roles(Role.PRIVACY_OFFICER)
def register_view(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/register.html")
