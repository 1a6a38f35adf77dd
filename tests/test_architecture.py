"""The code's shape holds: the layers of `make lint` (import-linter, pyproject.toml) plus what
import-linter cannot say, checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = (
    "portal",
    "cms_pages",
    "ecosystem",
    "newsletter",
    "steering",
    "dashboard",
    "indicators",
)

# Function-level imports of the project's own modules hide import cycles. These few are
# deliberate: an app's ready() wires signals once every model is loaded, and a newsletter
# task and the service that enqueues it call each other.
ALLOWED_LOCAL_IMPORTS = {
    "newsletter/services/subscriptions.py",
    "newsletter/tasks.py",
}


def _modules(*packages: str):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel or "/management/commands/" in rel:
                continue
            yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    return []


def test_the_network_layer_never_touches_requests_urls_templates_or_pyvis():
    forbidden = ("django.http", "django.urls", "django.template", "django.shortcuts", "pyvis")
    found = []
    for rel, tree in _modules("ecosystem/network"):
        for node in ast.walk(tree):
            for name in _imported(node):
                if name.startswith(forbidden):
                    found.append(f"{rel}: {name}")
    assert found == []


def test_no_function_level_imports_of_project_modules_hide_a_cycle():
    found = []
    for rel, tree in _modules(*PROJECT_PACKAGES):
        if rel in ALLOWED_LOCAL_IMPORTS or rel.endswith("/apps.py"):
            continue
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                for name in _imported(node):
                    if name.split(".")[0] in PROJECT_PACKAGES:
                        found.append(f"{rel}:{node.lineno}: {name}")
    assert found == []


def test_the_ecosystem_package_is_layered_in_folders():
    packages = {
        path.name for path in (ROOT / "ecosystem").iterdir() if (path / "__init__.py").exists()
    }
    assert {"models", "register", "network", "map", "exchange", "demo"} <= packages
    flat = sorted(
        path.name
        for path in (ROOT / "ecosystem").glob("*.py")
        if path.name not in {"__init__.py", "apps.py", "wagtail_hooks.py"}
    )
    assert flat == []


def test_every_project_name_that_scripts_and_benchmarks_import_exists():
    """Scripts and benchmarks import the project inside functions (after django.setup()) or in
    code they hand to `manage.py shell`, so no import-time check sees them; a module that moves
    must not leave them broken. Read as text, so imports inside strings count too."""
    import importlib
    import re

    packages = "|".join(PROJECT_PACKAGES)
    statement = re.compile(
        rf"^\s*from ((?:{packages})(?:\.\w+)*) import (\([^)]*\)|[^\n]+)", re.MULTILINE
    )
    checked, missing = 0, []
    for folder in ("benchmarks", "scripts"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for module_name, names in statement.findall(path.read_text(encoding="utf-8")):
                module = importlib.import_module(module_name) if _importable(module_name) else None
                if module is None:
                    missing.append(f"{path.name}: {module_name}")
                    continue
                for part in names.split("#")[0].strip("() \n").split(","):
                    name = part.split()[0] if part.split() else ""
                    if not name.isidentifier():
                        continue
                    checked += 1
                    if not hasattr(module, name) and not _importable(f"{module_name}.{name}"):
                        missing.append(f"{path.name}: {module_name}.{name}")
    assert checked > 20
    assert missing == []


def _importable(name: str) -> bool:
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True
