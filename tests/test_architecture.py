"""Imports run one way (docs/architecture.md): an app imports only itself and the apps before
it in ORDER. A later app learns of an earlier one's events through small registries, never by
being imported. Tests, migrations and the demo seed are outside the rule's scope."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Peers on one line may not import each other either: the order within a line is the order
# of this list.
ORDER = [
    "lib",
    "accounts",
    "audit",
    "access",
    "persons",
    "meetings",
    "tasks",
    "signals",
    "cases",
    "search",
    "conferences",
    "mytasks",
    "measures",
    "checklists",
    "network",
    "support",
    "preparedness",
    "reports",
    "portal",
    "administration",
    "privacy",
    "demo",
]
OWN = set(ORDER)


def modules(app: str) -> list[Path]:
    return [
        path
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (a type named, not imported)."""
    nodes: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        nodes.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return nodes


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & OWN


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_the_apps_before_it(app: str):
    allowed = set(ORDER[: ORDER.index(app) + 1])
    wrong = {
        f"{path.relative_to(ROOT)} imports {sorted(imported_apps(path) - allowed)}"
        for path in modules(app)
        if imported_apps(path) - allowed
    }
    assert not wrong, sorted(wrong)


def test_every_app_of_the_project_is_in_the_order():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps - {"schakel"} <= OWN | {"support"}
