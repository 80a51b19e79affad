"""Arbitrary input to the public forms and headers never causes a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from tests.personas import sign_in

text = st.text(max_size=300)
relaxed = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@relaxed
@given(username=text, password=text)
def test_login_form_answers_any_input_without_error(client: Client, username, password):
    response = client.post("/inloggen/", {"username": username, "password": password})
    assert response.status_code in {200, 302, 400, 429}
    assert User.objects.count() == 0


@pytest.mark.django_db
@relaxed
@given(value=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200))
def test_any_traceparent_header_is_accepted_or_ignored(client: Client, value):
    response = client.get("/toegankelijkheid/", HTTP_TRACEPARENT=value)
    assert response.status_code == 200


@pytest.mark.django_db
@relaxed
@given(value=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200))
def test_any_authorization_header_gets_problem_json(client: Client, value):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=value)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    [
        "/casussen/?na=%C2%B2",
        "/casussen/?na=%D9%A3",
        "/casussen/?na=99999999999999999999999",
        "/overleggen/?voor=%C2%B2",
        "/casusoverleggen/?na=%C2%B2",
    ],
)
def test_unicode_digits_and_huge_numbers_in_a_cursor_are_no_cursor_not_a_500(
    client, world, path: str
):
    sign_in(client, world.lead)
    assert client.get(path).status_code == 200
