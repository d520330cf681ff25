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
    "gui": {"app"},
}
# Value types the GUI may use directly (they hold no behaviour of their layer).
ALLOWED_MODULES = {"gui": {"archiveviewer.search.items"}}
TOP_LEVEL = {
    "archiveviewer.__version__",
    "archiveviewer.resources",
    "archiveviewer.tempfiles",
    "archiveviewer.user_dirs",
}


def _imports(path: Path):
    """Absolute names of every module `path` imports, relative imports resolved (`from ..x import y`
    in archiveviewer/a/b.py is archiveviewer.x and archiveviewer.x.y)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["archiveviewer", *path.relative_to(PKG).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield module
            yield from (f"{module}.{a.name}" for a in node.names)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_point_downward(layer):
    """A layer imports only the layers below it."""
    bad = []
    for path in (PKG / layer).rglob("*.py"):
        for name in _imports(path):
            if not name.startswith("archiveviewer.") or ".".join(name.split(".")[:2]) in TOP_LEVEL:
                continue
            if any(name == m or name.startswith(m + ".") for m in ALLOWED_MODULES.get(layer, ())):
                continue
            target = name.split(".")[1]
            if target != layer and target not in ALLOWED[layer]:
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert bad == []


def test_relative_imports_are_checked_too(tmp_path):
    """`from ..storage import models` in gui/x.py resolves to archiveviewer.storage: the rule sees it."""
    fake = PKG / "gui" / "x.py"
    names = set(_imports_of_source("from ..storage import models\nfrom . import y\n", fake))
    assert {"archiveviewer.storage", "archiveviewer.storage.models", "archiveviewer.gui.y"} <= names


def _imports_of_source(source: str, path: Path):
    import unittest.mock

    with unittest.mock.patch.object(Path, "read_text", return_value=source):
        yield from _imports(path)


@pytest.mark.parametrize("layer", ["ingest", "storage", "search", "app", "export"])
def test_no_qtwidgets_outside_gui(layer):
    """Only gui/ may import PySide6.QtWidgets; ingest/storage/search/app use no Qt at all except export (QtGui)."""
    bad = []
    for path in (PKG / layer).rglob("*.py"):
        for name in _imports(path):
            if name.startswith("PySide6.QtWidgets") or (layer != "export" and name.startswith("PySide6")):
                bad.append(f"{path.relative_to(PKG)} imports {name}")
    assert bad == []
