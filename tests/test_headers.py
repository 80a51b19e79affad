"""Security headers, trace context and error pages."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from audit.models import ProcessingRecord
from portal.views import server_error
from tests.personas import sign_in


def test_csp_forbids_inline_script_and_style_and_framing(client: Client, db):
    csp = client.get("/inloggen/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_pages_carry_the_other_security_headers(client: Client, db):
    response = client.get("/inloggen/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_authenticated_responses_are_never_stored(client: Client, world):
    sign_in(client, world.lead)
    for path in ("/", "/account/", "/api/v1/me"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_no_script_or_style_is_inline_in_the_base_layout(client: Client, world):
    sign_in(client, world.lead)
    body = client.get("/").content.decode()
    assert "<script>" not in body
    assert "style=" not in body
    assert "<style" not in body


def test_a_valid_traceparent_continues_the_trace_in_the_log(client: Client, world):
    sign_in(client, world.lead)
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    response = client.get("/api/v1/me", HTTP_TRACEPARENT=f"00-{trace_id}-00f067aa0ba902b7-01")
    assert response.status_code == 200
    assert ProcessingRecord.objects.get(name="portal.api.me.read").trace_id == trace_id
    assert response["traceresponse"].startswith(f"00-{trace_id}-")


@pytest.mark.parametrize(
    "header",
    [
        "garbage",
        "00-" + "0" * 32 + "-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0" * 16 + "-01",
        "00-XYZ92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "é" * 60,
    ],
)
def test_a_malformed_traceparent_starts_a_new_trace_and_never_fails(client, world, header):
    sign_in(client, world.lead)
    response = client.get("/api/v1/me", HTTP_TRACEPARENT=header)
    assert response.status_code == 200
    record = ProcessingRecord.objects.get(name="portal.api.me.read")
    assert len(record.trace_id) == 32
    assert record.trace_id != "0" * 32
    assert record.trace_id not in header


def test_server_error_page_reveals_nothing(db):
    request = RequestFactory().get("/some/where")
    response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body
    assert "/some/where" not in body


def test_server_error_in_the_api_is_problem_json(db):
    request = RequestFactory().get("/api/v1/whatever")
    response = server_error(request)
    assert response["Content-Type"] == "application/problem+json"


def test_csrf_failure_is_a_calm_dutch_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/inloggen/", {"username": "a@b.nl", "password": "x"})
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()
    assert "CSRF" not in response.content.decode()


def test_dutch_is_the_default_whatever_the_browser_prefers(client: Client, db):
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


def test_the_language_switch_sets_english_and_back(client: Client, db):
    response = client.post("/taal/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    page = client.get("/inloggen/")
    assert '<html lang="en"' in page.content.decode()
    client.post("/taal/", {"language": "nl", "next": "/inloggen/"})
    assert '<html lang="nl"' in client.get("/inloggen/").content.decode()


def test_an_unknown_language_choice_keeps_dutch(client: Client, db):
    client.post("/taal/", {"language": "xx", "next": "/inloggen/"})
    assert '<html lang="nl"' in client.get("/inloggen/").content.decode()


def test_language_switch_never_redirects_off_site(client: Client, db):
    response = client.post("/taal/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
