"""docs/reliability.md stays true: every test it names as a proof exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"


def _named_tests() -> list[tuple[str, str]]:
    """(file, test) pairs; `…::test_x` after a full reference means the same file."""
    pairs, last = [], None
    for m in re.finditer(r"`(tests/[\w/]+\.py|…)(?:::(test_\w+))?`", DOC.read_text(encoding="utf-8")):
        path, test = m.groups()
        path = last if path == "…" else path
        last = path
        pairs.append((path, test))
    return pairs


def test_every_test_the_reliability_table_names_exists():
    """Each `tests/…::test_…` in docs/reliability.md is a test function in that file."""
    pairs = _named_tests()
    assert len(pairs) > 30
    missing = []
    for path, test in pairs:
        source = ROOT / path
        if not source.exists():
            missing.append(path)
        elif test and not re.search(rf"^def {test}\(", source.read_text(encoding="utf-8"), re.M):
            missing.append(f"{path}::{test}")
    assert missing == []
