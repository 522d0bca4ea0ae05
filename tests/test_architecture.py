"""The shape of the house (DESIGN.md "Layout"), held by tests so it stays so.

- Apps import one another only downwards (.importlinter, run by lint-imports).
- No Python file of an app is over 600 lines, migrations and demo data aside:
  past that a module holds more than one job and wants splitting by job.
- Views never take a row lock or open a transaction: services do, so every
  rule about locking lives in one place.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "nhsuk", "accounts", "organisations", "vacancies", "candidates", "shortlisting", "interviews", "offers", "alerts",
    "demo", "reports",
]
MAX_LINES = 600
LONG_ON_PURPOSE = {ROOT / "demo" / "demo_data.py"}  # the two adverts' text, as published


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def view_modules():
    for path in app_modules():
        if "views" in path.parts or path.stem.endswith("views"):
            yield path


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")

    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("path", [p for p in app_modules() if p not in LONG_ON_PURPOSE], ids=str)
def test_no_app_module_is_over_600_lines(path):
    lines = len(path.read_text().splitlines())

    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by job"


def locks_or_transactions(path):
    """Where a module names transaction.atomic/transaction itself or select_for_update."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr in {"atomic", "select_for_update", "on_commit"}:
            found.append(f"{node.attr} at line {node.lineno}")
        if isinstance(node, ast.ImportFrom) and node.module == "django.db":
            if any(alias.name == "transaction" for alias in node.names):
                found.append(f"import of transaction at line {node.lineno}")
    return found


@pytest.mark.parametrize("path", list(view_modules()), ids=str)
def test_views_hold_no_row_lock_or_transaction(path):
    assert locks_or_transactions(path) == []


def test_the_view_check_finds_a_lock(tmp_path):
    view = tmp_path / "views.py"
    view.write_text(
        "from django.db import transaction\n"
        "def page(request):\n"
        "    with transaction.atomic():\n"
        "        Vacancy.objects.select_for_update().get()\n"
    )

    assert locks_or_transactions(view) == [
        "import of transaction at line 1",
        "atomic at line 3",
        "select_for_update at line 4",
    ]
