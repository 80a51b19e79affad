"""The OpenAPI schema and a plain, accessible documentation page generated from it.

Swagger UI and ReDoc need inline script or a CDN, which the Content-Security-Policy forbids;
this page is server-rendered from the same schema instead.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView

from lib.access_rules import AccessRule, Kind, authenticated

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularAPIView):
    """OpenAPI 3 schema of /api/v1 (YAML, or JSON with ?format=json)."""

    access_rule = AccessRule(Kind.AUTHENTICATED)


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in HTTP_METHODS:
            if method in item:
                operation = item[method]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary") or operation.get("description", ""),
                        "responses": sorted(operation.get("responses", {}).keys()),
                    }
                )
    return operations


@authenticated
def docs_view(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    context = {"info": schema.get("info", {}), "operations": _operations(schema)}
    return render(request, "portal/api_docs.html", context)
