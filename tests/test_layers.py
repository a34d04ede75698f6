"""The layer rules, checked on the source: services imports no other layer; forms only services' enums
(`services.enums` and its per-service modules, which hold plain enums only)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("frontcounter", "forms", "services", "integrations")


def imports_of(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_services_import_no_other_layer_and_no_request_globals() -> None:
    for path, names in imports_of("services").items():
        for name in names:
            assert name.split(".")[0] not in {"frontcounter", "forms", "integrations"}, f"{path} imports {name}"
        source = (ROOT / path).read_text()
        for global_name in ("request", "session", "g", "current_app"):
            assert f"from flask import {global_name}" not in source, f"{path} uses flask.{global_name}"


def test_forms_import_only_plain_enums_from_services() -> None:
    for path, names in imports_of("forms").items():
        for name in names:
            top = name.split(".")[0]
            assert top not in {"frontcounter", "integrations"}, f"{path} imports {name}"
            if top == "services":
                assert name == "services.enums" or name.startswith("services.enums."), f"{path} imports {name}"


def test_modules_stay_small() -> None:
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            lines = len(path.read_text().splitlines())
            assert lines <= 450, f"{path.relative_to(ROOT)} has {lines} lines"
