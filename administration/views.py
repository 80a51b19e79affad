from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Role
from lib.access_rules import roles


@roles(Role.ADMIN)
def index_view(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/index.html")
