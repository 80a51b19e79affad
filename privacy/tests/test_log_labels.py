"""Every log name and object type the code writes has words for the privacy officer.

The names are collected from the source, not from a list kept by hand: every dotted string
in the project that starts with a package name (``cases.network.followup.create``), every
f-string of that shape, and every ``object_type=`` constant. A new name without a label, or
a label for a name that no longer exists, fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.test import Client
from django.utils import translation

from audit.models import Operation
from privacy.log_labels import NAME_LABELS, OBJECT_TYPE_LABELS, name_label, object_type_label
from privacy.tests.test_log_search import search, write
from tests.personas import World

ROOT = Path(__file__).resolve().parents[2]
NOT_SCANNED = {"tests", "schakel", "demo", "scripts", "lib"}  # settings, URL roots, tooling
LOG_NAME = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")
# Dotted strings of the right shape that are not log names, each with where it comes from.
NOT_LOG_NAMES = {
    "signals.received": "signals/views_intake.py: a session key",
    "network.json": "bench/network.py: a file name",
    "audit.chain_key": "audit/chain.py: the object type of a key rotation (labelled as such)",
    "cases.case": "portal/templatetags/wayfinding.py: a model label (breadcrumb pages)",
    "signals.signal": "portal/templatetags/wayfinding.py: a model label (breadcrumb pages)",
    "meetings.meeting": "portal/templatetags/wayfinding.py: a model label (breadcrumb pages)",
}
# Names built from a prefix at run time, with every value the code gives them.
BUILT_NAMES = {
    "administration.users.": {"administration.users.activate", "administration.users.deactivate"},
    "accounts.login.": {"accounts.login.password", "accounts.login.second_factor"},
}


def _packages() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/__init__.py")} - NOT_SCANNED


def _sources() -> list[tuple[Path, ast.AST]]:
    packages = _packages()
    trees: list[tuple[Path, ast.AST]] = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in packages or "tests" in parts or "migrations" in parts:
            continue
        trees.append((path, ast.parse(path.read_text(encoding="utf-8"))))
    return trees


def written_names() -> set[str]:
    packages = _packages()
    names: set[str] = set()
    for path, tree in _sources():
        uids = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.keyword) and node.arg == "dispatch_uid"
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if (
                    LOG_NAME.match(value)
                    and value.split(".")[0] in packages
                    and id(node) not in uids
                ):
                    names.add(value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefix = head.value
                    if LOG_NAME.match(prefix.rstrip(".")) and prefix.split(".")[0] in packages:
                        assert prefix in BUILT_NAMES, (
                            f"{path}:{node.lineno} builds log names from {prefix!r}: list what "
                            "it can become in BUILT_NAMES"
                        )
                        names |= BUILT_NAMES[prefix]
    return names - set(NOT_LOG_NAMES)


def written_object_types() -> set[str]:
    types: set[str] = set()
    for _path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "object_type"
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                and node.value.value
            ):
                types.add(node.value.value)
    return types


def test_the_walk_finds_the_names_it_should():
    names = written_names()
    # A sample from different apps and from names passed through helpers and constants.
    assert {
        "cases.network.followup.create",
        "privacy.log.search",
        "access.role_denied",
        "administration.users.deactivate",
        "signals.already_known.check",
    } <= names
    assert "network_person" in written_object_types()


def test_every_log_name_in_the_code_has_a_label():
    missing = sorted(written_names() - set(NAME_LABELS))
    assert not missing, f"log names without a label in privacy/log_labels.py: {missing}"


def test_no_label_for_a_name_the_code_no_longer_writes():
    stale = sorted(set(NAME_LABELS) - written_names())
    assert not stale, f"labels for names no longer written: {stale}"


def test_every_object_type_in_the_code_has_a_label():
    missing = sorted(written_object_types() - set(OBJECT_TYPE_LABELS))
    assert not missing, f"object types without a label in privacy/log_labels.py: {missing}"


def test_labels_are_words_in_the_interface_language():
    with translation.override("en"):
        assert name_label("cases.network.followup.create") == "Network follow-up proposed"
        assert object_type_label("network_person") == "network person"
        # A case read by emergency access keeps its mark in words.
        assert name_label("cases.read.break_glass") == "Case viewed (emergency access)"


def test_an_unknown_name_falls_back_to_the_records_own_words(officer: Client, world: World):
    write(
        "legacy.something.old",
        actor=world.actor(world.lead),
        object_type="network_person",
        object_id=7,
        operation=Operation.UPDATE,
    )
    officer.cookies["schakel_language"] = "en"
    response = search(officer, {"actor": world.lead.user.email})
    row = next(r for r in response.context["log_page"].rows if r.record.name.startswith("legacy"))
    assert row.label == "update: network person"
    assert row.object_label == "network person 7"


def test_the_log_page_shows_words_with_the_codes_beside_them(officer: Client, world: World):
    write(
        "cases.network.followup.create",
        actor=world.actor(world.lead),
        object_type="network_person",
        object_id=2,
        operation=Operation.CREATE,
    )
    officer.cookies["schakel_language"] = "en"
    response = search(officer, {"actor": world.lead.user.email})
    page = response.content.decode()
    assert "Network follow-up proposed" in page
    assert "network person 2" in page
    assert "cases.network.followup.create" in page  # the code, as small text
    assert "network_person 2" in page
