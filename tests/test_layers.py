"""No package imports one above it: app → widgets → editing → importers | exporters → models.

Every import counts, also those inside functions (the lazy ones of the command line).
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# package → the packages it may import (besides itself)
ALLOWED = {
    "app": {"widgets", "editing", "importers", "exporters", "models", "resources"},
    "widgets": {"editing", "importers", "exporters", "models", "resources"},
    "editing": {"importers", "models"},
    "importers": {"models"},
    "exporters": {"models", "resources"},
    "models": {"resources"},
}
QT_WIDGETS = ("PySide6.QtWidgets", "PySide6.QtPrintSupport")


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_package_imports_one_above_it():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in imports(path):
                top = name.split(".")[0]
                if top in ALLOWED and top != package and top not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_domain_importers_and_exporters_use_no_qt_widgets():
    wrong = [f"{path.relative_to(ROOT)} imports {name}"
             for package in ("models", "importers", "exporters", "editing")
             for path in sorted((ROOT / package).rglob("*.py"))
             for name in imports(path) if name.startswith(QT_WIDGETS)]
    assert wrong == []


def test_importers_use_no_qt_at_all():
    wrong = [f"{path.relative_to(ROOT)} imports {name}" for path in sorted((ROOT / "importers").rglob("*.py"))
             for name in imports(path) if name.startswith("PySide6")]
    assert wrong == []
