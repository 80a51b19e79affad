"""A test-only URLconf: the real one plus two planted leaks, for tests/test_url_rules.py.

Both planted views declare an object rule, so the rule check passes, and both answer 404 for
an id that belongs to nobody, just as a gated view does: only a real object of another
municipality shows the leak.

- ``planted_case`` fetches the case by its id and asks no gate at all: anyone logged in
  reads the person's name.
- ``planted_lead_case`` asks the role but forgets the municipality: the outsider gets 404,
  every lead of every municipality reads the name.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_http_methods

from access.actor import request_actor
from accounts.models import Role
from cases.models import Case
from lib.access_rules import object_gate
from schakel.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def _name(case_id: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("subject"), pk=case_id)
    return HttpResponse(f"{case.subject.given_names} {case.subject.surname}")


@object_gate
@require_http_methods(["GET", "POST"])
def planted_case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _name(case_id)  # no gate


@object_gate
@require_http_methods(["GET", "POST"])
def planted_lead_case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    if request_actor(request).role != Role.LEAD:  # the role, not the municipality
        raise Http404
    return _name(case_id)


urlpatterns = [
    *urlpatterns,
    path("geplant/casussen/<id:case_id>/", planted_case_view, name="planted_case"),
    path("geplant/leads/<id:case_id>/", planted_lead_case_view, name="planted_lead_case"),
]
