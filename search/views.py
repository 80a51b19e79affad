"""The search page: the header's box posts here, and the results are rendered from the POST.

POST, so the words searched for never appear in a URL, an access log, the browser history
or a Referer header; nothing of them is kept in the session either, so reloading the page
asks the browser to post again. The page is not cached (``never_cache``): it names people.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from access import roles as access_roles
from access.actor import request_actor
from lib.access_rules import roles
from search.forms import SearchForm
from search.gates import MAX_PERSONS, may_search_now, search
from search.terms import search_terms

THROTTLED = _(
    "You have searched many times in a short time. Try again in a few minutes; if it is "
    "urgent, contact the radicalisation lead of your municipality."
)
TEMPLATE = "search/results.html"


@roles(access_roles.SEARCHERS)
@never_cache
@require_http_methods(["GET", "POST"])
def search_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if request.method == "GET":
        # The form only: nothing is searched, so nothing is logged.
        return render(request, TEMPLATE, {"form": SearchForm(), "max_persons": MAX_PERSONS})
    form = SearchForm(request.POST)
    if not may_search_now(actor):
        form.is_valid()  # shows what was typed; the search itself does not run
        form.add_error(None, THROTTLED)
        return render(request, TEMPLATE, {"form": form}, status=429)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    terms = search_terms(form.cleaned_data["q"])
    result = search(actor, terms)
    context = {"form": form, "terms": terms, "result": result, "max_persons": MAX_PERSONS}
    return render(request, TEMPLATE, context)
