"""Compiles resources/i18n/*.ts into .qm with PySide6's bundled lrelease (`python -m archiveviewer.gui.i18n_build`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from archiveviewer.resources import resources_dir


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def qt_tool(name: str) -> Path | None:
    """PySide6's bundled Qt tool (`lrelease`, `lupdate`), or the pyside6-* script on PATH."""
    import PySide6

    bundled = Path(PySide6.__file__).parent / name
    if bundled.exists():
        return bundled
    script = shutil.which(f"pyside6-{name}")
    return Path(script) if script else None


def compile_ts(ts: Path, qm: Path) -> None:
    lrelease = qt_tool("lrelease")
    if lrelease is None:
        raise RuntimeError("lrelease not found: install PySide6-Essentials")
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def build(folder: Path | None = None) -> list[Path]:
    """Compile every .ts in `folder` next to itself; returns the .qm files written."""
    folder = folder or i18n_dir()
    out = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        compile_ts(ts, qm)
        out.append(qm)
    return out


def main() -> int:
    try:
        written = build()
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"i18n_build: {exc}", file=sys.stderr)
        return 1
    for qm in written:
        print(f"compiled {qm.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
