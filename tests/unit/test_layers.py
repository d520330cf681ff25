"""Architecture rules: imports point downward and only gui/ touches QtWidgets."""

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "src" / "archiveviewer"

# What each layer may import from the package (besides itself and the top-level helpers).
ALLOWED = {
    "ingest": set(),
    "storage": set(),
    "search": set(),
    "export": set(),
    "app": {"ingest", "storage", "search", "export"},
    "gui": {"app", "search", "export", "ingest", "storage"},
}
TOP_LEVEL = {"archiveviewer", "archiveviewer.resources", "archiveviewer.user_dirs"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_point_downward(layer):
    """A layer imports only the layers below it."""
    bad = []
    for path in (PKG / layer).rglob("*.py"):
        for name in _imports(path):
            if not name.startswith("archiveviewer.") or name in TOP_LEVEL:
                continue
            target = name.split(".")[1]
            if target != layer and target not in ALLOWED[layer]:
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert bad == []


@pytest.mark.parametrize("layer", ["ingest", "storage", "search", "app", "export"])
def test_no_qtwidgets_outside_gui(layer):
    """Only gui/ may import PySide6.QtWidgets; ingest/storage/search/app use no Qt at all except export (QtGui)."""
    bad = []
    for path in (PKG / layer).rglob("*.py"):
        for name in _imports(path):
            if name.startswith("PySide6.QtWidgets") or (layer != "export" and name.startswith("PySide6")):
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert bad == []
