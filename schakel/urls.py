"""URLconf. Every view declares its access rule (lib.access_rules); tests/test_url_rules.py
walks this whole tree and sends an outsider to every pattern."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path, register_converter
from django.views.i18n import set_language

from lib.ids import IdConverter
from portal.api import MeView
from portal.api_docs import SchemaView, docs_view
from signals.api import SignalCollectionView, SignalDetailView, SignalTransitionView

# Before any app's URLconf is included: every id in a path is ``<id:...>`` (64-bit, ASCII).
register_converter(IdConverter, "id")

api_v1: list[URLPattern | URLResolver] = [
    path("me", MeView.as_view(), name="api-me"),
    path("schema", SchemaView.as_view(), name="api-schema"),
    path("docs", docs_view, name="api-docs"),
    path("signals", SignalCollectionView.as_view(), name="api-signals"),
    path("signals/<id:signal_id>", SignalDetailView.as_view(), name="api-signal"),
    path(
        "signals/<id:signal_id>/transitions",
        SignalTransitionView.as_view(),
        name="api-signal-transitions",
    ),
    path("", include("cases.api_urls")),
    path("", include("checklists.api_urls")),
    path("", include("network.api_urls")),
    path("", include("preparedness.api_urls")),
    path("", include("reports.api_urls")),
    path("", include("measures.api_urls")),
    path("", include("support.api_urls")),
]

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("portal.urls")),
    path("beheer/", include("administration.urls")),
    path("beheer/maatregelen/", include("measures.urls_admin")),
    path("beheer/checklijsten/", include("checklists.urls_admin")),
    path("privacy/", include("privacy.urls")),
    path("meldingen/", include("signals.urls")),
    path("overleggen/", include("meetings.urls")),
    path("casussen/", include("cases.urls")),
    path("casussen/<id:case_id>/netwerk/", include("network.urls")),
    path("casussen/<id:case_id>/maatregelen/", include("measures.urls")),
    path("casussen/<id:case_id>/checklijsten/", include("checklists.urls")),
    path("casussen/<id:case_id>/ondersteuning/", include("support.urls")),
    path("perslijnen/", include("support.urls_press")),
    path("casusoverleggen/", include("conferences.urls")),
    path("zoeken/", include("search.urls")),
    path("berichten/", include("tasks.urls")),
    path("taken/", include("mytasks.urls")),
    path("voorbereiding/", include("preparedness.urls")),
    path("rapportages/", include("reports.urls")),
    path("", include("reports.urls_dashboards")),
    path("taal/", set_language, name="set_language"),
    path("api/v1/", include(api_v1)),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
