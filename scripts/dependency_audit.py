"""Known vulnerabilities in Schakel's locked dependencies: what `make audit` runs.

Two audits, each classified from the tool's own output, never from its exit status alone:

- pip-audit on the Python lock (requirements/base.txt and dev.txt, hashed; `--disable-pip`, so
  nothing is resolved or installed), with `-f json`;
- `npm audit --json --package-lock-only` on package-lock.json.

Each outcome is one of: no known vulnerabilities, vulnerabilities found, NOT CHECKED (the
vulnerability database could not be reached) or FAILED (the tool broke for another reason).
An audit that did not consult the database is never a pass. Exit status: 0 when both are clean,
1 when anything was found, 3 when a tool failed, 2 when something was not checked.

Stdlib only: `make audit` runs it with the python of the throwaway audit venv (var/audit-venv).

    var/audit-venv/bin/python scripts/dependency_audit.py --pip-audit var/audit-venv/bin/pip-audit
"""

from __future__ import annotations

import argparse
import enum
import json
import shlex
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON_LOCKS = ("requirements/base.txt", "requirements/dev.txt")
NPM_LOCK = "package-lock.json"
TIMEOUT_SECONDS = 900

EXIT_CLEAN = 0
EXIT_FOUND = 1
EXIT_NOT_CHECKED = 2
EXIT_FAILED = 3
EXIT_CODES = (
    "exit 0 = no known vulnerabilities, 1 = vulnerabilities found, 2 = NOT CHECKED, 3 = FAILED"
)

HOW_TO_CHECK = (
    "Run `make audit` where the databases are reachable: a machine or CI job with internet access "
    "(https://pypi.org/pypi/<name>/<version>/json, or api.osv.dev with "
    'PIP_AUDIT_FLAGS="-s osv"; and the npm registry\'s /-/npm/v1/security/advisories/bulk), or '
    'point the tools at a mirror (PIP_AUDIT_FLAGS="-s osv --osv-url https://…/v1/query", '
    'NPM_AUDIT_FLAGS="--registry=https://…/"). See docs/dependencies.md, "Vulnerability audit".'
)

# What a connection failure leaves in pip-audit's stderr (its own wording, requests/urllib3's
# exception names, and the resolver's messages).
PIP_AUDIT_NETWORK_MARKERS = (
    "your network may be blocking this service",
    "Could not connect to",
    "is not redirecting properly",
    "requests.exceptions.ConnectionError",
    "requests.exceptions.ConnectTimeout",
    "requests.exceptions.ReadTimeout",
    "requests.exceptions.ProxyError",
    "requests.exceptions.SSLError",
    "requests.exceptions.HTTPError",
    "NameResolutionError",
    "Max retries exceeded",
    "Failed to resolve",
    "Temporary failure in name resolution",
    "Connection refused",
    "Network is unreachable",
    "timed out",
)
# pip-audit's PyPI service turns a 404 from the JSON API into a *skipped* dependency and still
# says "No known vulnerabilities found" with exit 0: the trap this script exists for.
PIP_AUDIT_NOT_FOUND = "not found on PyPI"

# npm's error codes for an unreachable registry (Node's and npm-registry-fetch's).
NPM_NETWORK_CODES = (
    "ENOTFOUND",
    "EAI_AGAIN",
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "ESOCKETTIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EPROTO",
    "CERT_",
    "SELF_SIGNED_CERT",
    "UNABLE_TO_",
    "FETCH_ERROR",
)


class Status(enum.Enum):
    CLEAN = "no known vulnerabilities"
    FOUND = "vulnerabilities found"
    NOT_CHECKED = "NOT CHECKED"
    FAILED = "FAILED"


@dataclass(frozen=True)
class Outcome:
    subject: str
    status: Status
    reason: str = ""
    findings: tuple[str, ...] = ()

    def render(self) -> str:
        if self.status is Status.CLEAN:
            head = (
                f"no known vulnerabilities ({self.reason})" if self.reason else Status.CLEAN.value
            )
        elif self.status is Status.FOUND:
            head = f"vulnerabilities found: {self.reason}"
        elif self.status is Status.NOT_CHECKED:
            head = f"NOT CHECKED: the vulnerability database could not be reached ({self.reason})"
        else:
            head = f"FAILED: the audit tool did not complete ({self.reason})"
        lines = [f"{self.subject}:", f"  {head}"]
        lines.extend(f"    {finding}" for finding in self.findings)
        return "\n".join(lines)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def classify_pip_audit(returncode: int, stdout: str, stderr: str, subject: str) -> Outcome:
    """Classify one `pip-audit -f json` run from its exit status, JSON report and stderr."""
    report = _load_json(stdout)
    if isinstance(report, dict) and isinstance(report.get("dependencies"), list):
        dependencies = [d for d in report["dependencies"] if isinstance(d, dict)]
        findings = []
        for dep in dependencies:
            for vuln in dep.get("vulns") or []:
                aliases = ", ".join(vuln.get("aliases") or [])
                fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
                line = f"{dep.get('name')} {dep.get('version')}: {vuln.get('id')}"
                line += f" ({aliases})" if aliases else ""
                line += f"; fixed in {fixed}"
                if vuln.get("description"):
                    line += f" - {vuln['description']}"
                findings.append(line)
        skipped = [d for d in dependencies if "skip_reason" in d]
        if findings:
            reason = f"{len(findings)} in the Python lock"
            if skipped:
                reason += f"; besides, {len(skipped)} dependencies could NOT be checked"
            return Outcome(subject, Status.FOUND, reason, tuple(findings))
        if skipped:
            not_found = [d for d in skipped if PIP_AUDIT_NOT_FOUND in str(d["skip_reason"])]
            example = skipped[0]["skip_reason"]
            if not_found:
                reason = (
                    f'the vulnerability service answered "not found" for {len(not_found)} of'
                    f' {len(dependencies)} dependencies, e.g. "{example}"; pip-audit itself'
                    f' exited {returncode} with "No known vulnerabilities found": not a pass'
                )
            else:
                reason = f"{len(skipped)} of {len(dependencies)} dependencies skipped: {example}"
            return Outcome(subject, Status.NOT_CHECKED, reason)
        if returncode == 0:
            return Outcome(subject, Status.CLEAN, f"{len(dependencies)} dependencies checked")
        return Outcome(
            subject, Status.FAILED, f"exit {returncode} without findings: {_last_line(stderr)}"
        )
    for marker in PIP_AUDIT_NETWORK_MARKERS:
        if marker in stderr:
            return Outcome(subject, Status.NOT_CHECKED, f"pip-audit: {_last_line(stderr)}")
    return Outcome(subject, Status.FAILED, f"pip-audit exit {returncode}: {_last_line(stderr)}")


def _npm_network_code(text: str) -> str | None:
    for code in NPM_NETWORK_CODES:
        if code in text:
            return code
    return None


def classify_npm_audit(returncode: int, stdout: str, stderr: str, subject: str) -> Outcome:
    """Classify one `npm audit --json` run from its exit status, JSON report and stderr."""
    report = _load_json(stdout)
    if isinstance(report, dict) and isinstance(report.get("vulnerabilities"), dict):
        findings = []
        for name, vuln in sorted(report["vulnerabilities"].items()):
            advisories = [v for v in vuln.get("via", []) if isinstance(v, dict)]
            through = [v for v in vuln.get("via", []) if isinstance(v, str)]
            line = f"{name} ({vuln.get('severity')})"
            if advisories:
                line += ": " + "; ".join(
                    f"{a.get('title')} {a.get('url')} (affected {a.get('range')})"
                    for a in advisories
                )
            if through:
                line += ": through " + ", ".join(through)
            fix = vuln.get("fixAvailable")
            line += "; fix available" if fix else "; no fix available"
            findings.append(line)
        if findings:
            return Outcome(
                subject, Status.FOUND, f"{len(findings)} in package-lock.json", tuple(findings)
            )
        if returncode == 0:
            total = report.get("metadata", {}).get("dependencies", {}).get("total")
            return Outcome(subject, Status.CLEAN, f"{total} packages checked" if total else "")
        return Outcome(
            subject, Status.FAILED, f"exit {returncode} without findings: {_last_line(stderr)}"
        )
    error = report.get("error") if isinstance(report, dict) else None
    message = str(report.get("message", "")) if isinstance(report, dict) else ""
    code = str(error.get("code", "")) if isinstance(error, dict) else ""
    status_code = report.get("statusCode") if isinstance(report, dict) else None
    network = _npm_network_code(" ".join((code, message, stderr)))
    if network or isinstance(status_code, int):
        detail = message or _last_line(stderr)
        if isinstance(status_code, int):
            detail = f"the advisory endpoint answered HTTP {status_code}: {detail}"
        return Outcome(subject, Status.NOT_CHECKED, f"npm audit: {detail}")
    detail = " ".join(p for p in (code, message) if p) or _last_line(stderr)
    return Outcome(subject, Status.FAILED, f"npm audit exit {returncode}: {detail}")


def exit_status(outcomes: Iterable[Outcome]) -> int:
    statuses = {outcome.status for outcome in outcomes}
    if Status.FOUND in statuses:
        return EXIT_FOUND
    if Status.FAILED in statuses:
        return EXIT_FAILED
    if Status.NOT_CHECKED in statuses:
        return EXIT_NOT_CHECKED
    return EXIT_CLEAN


def summary(outcomes: Sequence[Outcome]) -> str:
    code = exit_status(outcomes)
    unchecked = [o.subject for o in outcomes if o.status in {Status.NOT_CHECKED, Status.FAILED}]
    lines = []
    if code == EXIT_CLEAN:
        lines.append("Result: no known vulnerabilities (exit 0).")
    elif code == EXIT_FOUND:
        lines.append(
            "Result: VULNERABILITIES FOUND (exit 1). Handle them as docs/dependencies.md,"
            ' "Vulnerability audit", describes.'
        )
    elif code == EXIT_FAILED:
        lines.append("Result: FAILED (exit 3): an audit tool did not complete; nothing is known.")
    else:
        lines.append(
            "Result: NOT CHECKED (exit 2). This is not a pass: no vulnerability database was"
            " consulted."
        )
    if unchecked and code != EXIT_CLEAN:
        lines.append("Not checked: " + "; ".join(unchecked) + ".")
        lines.append(HOW_TO_CHECK)
    lines.append(f"({EXIT_CODES})")
    return "\n".join(lines)


class _TimedOutError(Exception):
    """The tool gave no answer in time: taken as an unreachable database."""


def _run(command: Sequence[str]) -> tuple[int, str, str]:
    try:
        done = subprocess.run(  # noqa: S603 - fixed argument lists, no shell
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except FileNotFoundError as exc:
        return 127, "", f"{command[0]} not found: {exc}"
    except subprocess.TimeoutExpired as exc:
        raise _TimedOutError(f"no answer within {TIMEOUT_SECONDS} s") from exc
    return done.returncode, done.stdout, done.stderr


def audit_python(pip_audit: str, extra: Sequence[str]) -> Outcome:
    command = [pip_audit, "--disable-pip", "--require-hashes", "-f", "json"]
    command += ["--progress-spinner", "off", *extra]
    for lock in PYTHON_LOCKS:
        command += ["-r", lock]
    subject = f"Python lock ({', '.join(PYTHON_LOCKS)}), pip-audit"
    try:
        return classify_pip_audit(*_run(command), subject=subject)
    except _TimedOutError as exc:
        return Outcome(subject, Status.NOT_CHECKED, f"pip-audit: {exc}")


def audit_npm(npm: str, extra: Sequence[str]) -> Outcome:
    command = [npm, "audit", "--json", "--package-lock-only", *extra]
    subject = f"npm lock ({NPM_LOCK}), npm audit"
    try:
        return classify_npm_audit(*_run(command), subject=subject)
    except _TimedOutError as exc:
        return Outcome(subject, Status.NOT_CHECKED, f"npm audit: {exc}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pip-audit", default="pip-audit", help="the pip-audit executable")
    parser.add_argument("--npm", default="npm", help="the npm executable")
    parser.add_argument("--pip-audit-flags", default="", help='extra flags, e.g. "-s osv"')
    parser.add_argument("--npm-audit-flags", default="", help='e.g. "--registry=https://…/"')
    args = parser.parse_args(argv)
    outcomes = [
        audit_python(args.pip_audit, shlex.split(args.pip_audit_flags)),
        audit_npm(args.npm, shlex.split(args.npm_audit_flags)),
    ]
    for outcome in outcomes:
        print(outcome.render())
    print()
    print(summary(outcomes))
    return exit_status(outcomes)


if __name__ == "__main__":
    sys.exit(main())
