"""`make audit`'s classification of pip-audit and npm audit output (scripts/dependency_audit.py).

The inputs are recorded output of the real tools (pip-audit 2.10.1, npm 11.19.1) on this
project's locks, trimmed to a few dependencies. The unreachable cases were recorded on a
machine without the databases; the clean and vulnerable ones against a local stand-in for OSV
and npm's bulk advisory endpoint serving a fictional advisory (PYSEC-0000-TEST1,
GHSA-test-test-test): no real advisory is implied.
"""

from __future__ import annotations

import json

import pytest

from scripts.dependency_audit import (
    EXIT_CLEAN,
    EXIT_FAILED,
    EXIT_FOUND,
    EXIT_NOT_CHECKED,
    Outcome,
    Status,
    classify_npm_audit,
    classify_pip_audit,
    exit_status,
    summary,
)

PIP = "Python lock"
NPM = "npm lock"

# pip-audit -f json ... -s osv --osv-url <stand-in>: exit 0, "No known vulnerabilities found".
PIP_CLEAN = json.dumps(
    {
        "dependencies": [
            {"name": "asgiref", "version": "3.13.0", "vulns": []},
            {"name": "django", "version": "5.2.19", "vulns": []},
            {"name": "weasyprint", "version": "68.1", "vulns": []},
        ],
        "fixes": [],
    }
)
# Exit 1, stderr "Found 1 known vulnerability in 1 package".
PIP_VULNERABLE = json.dumps(
    {
        "dependencies": [
            {"name": "asgiref", "version": "3.13.0", "vulns": []},
            {
                "name": "django",
                "version": "5.2.19",
                "vulns": [
                    {
                        "id": "PYSEC-0000-TEST1",
                        "fix_versions": ["5.2.99"],
                        "aliases": ["CVE-0000-00001"],
                        "description": "Fictional advisory for testing the audit report",
                    }
                ],
            },
        ],
        "fixes": [],
    }
)
# The default PyPI service where https://pypi.org/pypi/<name>/<version>/json answers 404 (this
# machine): every dependency skipped, yet exit 0 and "No known vulnerabilities found".
PIP_ALL_SKIPPED = json.dumps(
    {
        "dependencies": [
            {
                "name": "asgiref",
                "skip_reason": "Dependency not found on PyPI and could not be audited: "
                "asgiref (3.13.0)",
            },
            {
                "name": "django",
                "skip_reason": "Dependency not found on PyPI and could not be audited: "
                "django (5.2.19)",
            },
        ],
        "fixes": [],
    }
)
PIP_ALL_SKIPPED_STDERR = "No known vulnerabilities found, 2 skipped\n"
# -s osv where api.osv.dev does not resolve: exit 1, nothing on stdout, a traceback on stderr.
PIP_OSV_UNREACHABLE_STDERR = """\
Traceback (most recent call last):
  File ".../site-packages/requests/adapters.py", line 729, in send
    raise ConnectionError(e, request=request)
requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.osv.dev', port=443): Max \
retries exceeded with url: /v1/query (Caused by NameResolutionError("HTTPSConnection(host=\
'api.osv.dev', port=443): Failed to resolve 'api.osv.dev' ([Errno -2] Name or service not \
known)"))
"""
PIP_BAD_INPUT_STDERR = "ERROR:pip_audit._cli:invalid requirements input: requirements/nope.txt\n"

# npm audit --json --package-lock-only --registry=<stand-in>: exit 0.
NPM_CLEAN = json.dumps(
    {
        "auditReportVersion": 2,
        "vulnerabilities": {},
        "metadata": {
            "vulnerabilities": {
                "info": 0,
                "low": 0,
                "moderate": 0,
                "high": 0,
                "critical": 0,
                "total": 0,
            },
            "dependencies": {"prod": 103, "dev": 0, "total": 102},
        },
    }
)
# Exit 1.
NPM_VULNERABLE = json.dumps(
    {
        "auditReportVersion": 2,
        "vulnerabilities": {
            "@utrecht/alert-css": {
                "name": "@utrecht/alert-css",
                "severity": "high",
                "isDirect": False,
                "via": [
                    {
                        "source": 1000001,
                        "name": "@utrecht/alert-css",
                        "dependency": "@utrecht/alert-css",
                        "title": "Fictional advisory for testing the audit report",
                        "url": "https://github.com/advisories/GHSA-test-test-test",
                        "severity": "high",
                        "cwe": ["CWE-79"],
                        "cvss": {"score": 7.5, "vectorString": None},
                        "range": "<99.0.0",
                    }
                ],
                "effects": ["@utrecht/component-library-css"],
                "range": "",
                "nodes": ["node_modules/@utrecht/alert-css"],
                "fixAvailable": False,
            },
            "@utrecht/component-library-css": {
                "name": "@utrecht/component-library-css",
                "severity": "high",
                "isDirect": True,
                "via": ["@utrecht/alert-css"],
                "effects": [],
                "range": "",
                "nodes": ["node_modules/@utrecht/component-library-css"],
                "fixAvailable": False,
            },
        },
        "metadata": {
            "vulnerabilities": {"high": 2, "total": 2},
            "dependencies": {"prod": 103, "total": 102},
        },
    }
)
# registry.npmjs.org reachable, its advisory endpoint not (this machine): exit 1.
NPM_405 = json.dumps(
    {
        "message": "405 Method Not Allowed - POST "
        "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
        "method": "POST",
        "uri": "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
        "headers": {"allow": ["GET,HEAD"], "content-length": ["0"]},
        "statusCode": 405,
        "body": "",
        "error": {"summary": "", "detail": ""},
    }
)
NPM_405_STDERR = (
    "npm warn audit 405 Method Not Allowed - POST "
    "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk\n"
    "npm error audit endpoint returned an error\n"
)
NPM_ENOTFOUND = json.dumps(
    {
        "message": "request to https://registry.invalid/-/npm/v1/security/advisories/bulk failed,"
        " reason: getaddrinfo ENOTFOUND registry.invalid",
        "error": {"summary": "", "detail": ""},
    }
)
NPM_ECONNREFUSED = json.dumps(
    {
        "message": "request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed,"
        " reason: connect ECONNREFUSED 127.0.0.1:9",
        "error": {"summary": "", "detail": ""},
    }
)
# The shape older npm versions print: the code in error.code.
NPM_EAI_AGAIN = json.dumps(
    {"error": {"code": "EAI_AGAIN", "summary": "request to ... failed", "detail": ""}}
)
NPM_NO_LOCK = json.dumps(
    {
        "error": {
            "code": "ENOLOCK",
            "summary": "This command requires an existing lockfile.",
            "detail": "Try creating one first with: npm i --package-lock-only",
        }
    }
)


def test_a_clean_python_report_passes() -> None:
    outcome = classify_pip_audit(0, PIP_CLEAN, "No known vulnerabilities found\n", PIP)

    assert outcome.status is Status.CLEAN
    assert "3 dependencies checked" in outcome.render()
    assert exit_status([outcome]) == EXIT_CLEAN


def test_a_python_vulnerability_is_printed_and_fails() -> None:
    outcome = classify_pip_audit(1, PIP_VULNERABLE, "Found 1 known vulnerability in 1 package", PIP)

    assert outcome.status is Status.FOUND
    assert outcome.findings == (
        "django 5.2.19: PYSEC-0000-TEST1 (CVE-0000-00001); fixed in 5.2.99"
        " - Fictional advisory for testing the audit report",
    )
    assert exit_status([outcome]) == EXIT_FOUND


def test_skipped_dependencies_are_not_a_pass_even_though_pip_audit_exits_0() -> None:
    outcome = classify_pip_audit(0, PIP_ALL_SKIPPED, PIP_ALL_SKIPPED_STDERR, PIP)

    assert outcome.status is Status.NOT_CHECKED
    assert "2 of 2 dependencies" in outcome.reason
    assert exit_status([outcome]) == EXIT_NOT_CHECKED


def test_an_unreachable_osv_is_not_checked() -> None:
    outcome = classify_pip_audit(1, "", PIP_OSV_UNREACHABLE_STDERR, PIP)

    assert outcome.status is Status.NOT_CHECKED
    assert "api.osv.dev" in outcome.reason
    assert (
        outcome.render()
        .splitlines()[1]
        .startswith("  NOT CHECKED: the vulnerability database could not be reached (pip-audit: ")
    )


def test_another_pip_audit_error_is_a_failure_not_a_network_problem() -> None:
    outcome = classify_pip_audit(1, "", PIP_BAD_INPUT_STDERR, PIP)

    assert outcome.status is Status.FAILED
    assert "invalid requirements input" in outcome.reason


def test_a_clean_npm_report_passes() -> None:
    outcome = classify_npm_audit(0, NPM_CLEAN, "", NPM)

    assert outcome.status is Status.CLEAN
    assert "102 packages checked" in outcome.render()


def test_npm_vulnerabilities_are_printed_and_fail() -> None:
    outcome = classify_npm_audit(1, NPM_VULNERABLE, "", NPM)

    assert outcome.status is Status.FOUND
    assert outcome.findings == (
        "@utrecht/alert-css (high): Fictional advisory for testing the audit report"
        " https://github.com/advisories/GHSA-test-test-test (affected <99.0.0); no fix available",
        "@utrecht/component-library-css (high): through @utrecht/alert-css; no fix available",
    )


@pytest.mark.parametrize(
    ("stdout", "stderr", "expected"),
    [
        (NPM_405, NPM_405_STDERR, "answered HTTP 405"),
        (NPM_ENOTFOUND, "", "ENOTFOUND registry.invalid"),
        (NPM_ECONNREFUSED, "", "ECONNREFUSED 127.0.0.1:9"),
        (NPM_EAI_AGAIN, "", "npm audit"),
    ],
    ids=["405", "ENOTFOUND", "ECONNREFUSED", "EAI_AGAIN"],
)
def test_an_unreachable_npm_advisory_endpoint_is_not_checked(
    stdout: str, stderr: str, expected: str
) -> None:
    outcome = classify_npm_audit(1, stdout, stderr, NPM)

    assert outcome.status is Status.NOT_CHECKED
    assert expected in outcome.reason


def test_another_npm_error_is_a_failure() -> None:
    outcome = classify_npm_audit(1, NPM_NO_LOCK, "", NPM)

    assert outcome.status is Status.FAILED
    assert "ENOLOCK" in outcome.reason


def test_nothing_checked_exits_2_and_says_it_is_not_a_pass() -> None:
    outcomes = [
        classify_pip_audit(0, PIP_ALL_SKIPPED, PIP_ALL_SKIPPED_STDERR, PIP),
        classify_npm_audit(1, NPM_405, NPM_405_STDERR, NPM),
    ]

    text = summary(outcomes)

    assert exit_status(outcomes) == EXIT_NOT_CHECKED
    assert text.startswith("Result: NOT CHECKED (exit 2). This is not a pass")
    assert "docs/dependencies.md" in text


def test_one_unchecked_half_keeps_the_whole_from_passing() -> None:
    outcomes = [
        classify_pip_audit(0, PIP_CLEAN, "", PIP),
        classify_npm_audit(1, NPM_ENOTFOUND, "", NPM),
    ]

    assert exit_status(outcomes) == EXIT_NOT_CHECKED
    assert "Not checked: npm lock." in summary(outcomes)


def test_a_finding_outranks_a_failure_and_an_unchecked_half() -> None:
    found = Outcome(PIP, Status.FOUND, "1", ("x",))
    failed = Outcome(NPM, Status.FAILED, "boom")
    unchecked = Outcome(NPM, Status.NOT_CHECKED, "offline")

    assert exit_status([found, unchecked]) == EXIT_FOUND
    assert exit_status([failed, unchecked]) == EXIT_FAILED
    assert exit_status([found, failed]) == EXIT_FOUND
