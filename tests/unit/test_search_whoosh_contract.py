"""The Whoosh internals the index relies on are there, in the pinned version; only a missing term means no hits."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from whoosh.reading import TermNotFound

from archiveviewer.search import whoosh_internals
from archiveviewer.search.index import IndexUnavailableError, SearchIndex
from archiveviewer.search.items import SearchItem

ROOT = Path(__file__).resolve().parents[2]
SEARCH = ROOT / "src" / "archiveviewer" / "search"


def test_the_installed_whoosh_has_everything_whoosh_internals_relies_on():
    """contract_problems() is empty; otherwise the failure lists what the installed Whoosh lacks."""
    problems = whoosh_internals.contract_problems()
    assert not problems, "search/whoosh_internals.py no longer matches the installed Whoosh:\n- " + "\n- ".join(
        problems
    )


def test_the_whoosh_version_is_pinned_exactly():
    """pyproject.toml pins whoosh-reloaded to the one version whoosh_internals was checked against."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pins = re.findall(r'"whoosh-reloaded==([\d.]+)"', pyproject)
    assert pins == [whoosh_internals.WHOOSH_VERSION]
    assert metadata.version("whoosh-reloaded") == whoosh_internals.WHOOSH_VERSION


def test_no_other_module_reaches_into_whoosh_internals():
    """Outside whoosh_internals.py, search/ imports only Whoosh's public modules and touches no private name."""
    public = {"whoosh.fields", "whoosh.columns", "whoosh.formats", "whoosh.filedb.filestore", "whoosh"}
    for path in sorted(SEARCH.glob("*.py")):
        if path.name == "whoosh_internals.py":
            continue
        text = path.read_text(encoding="utf-8")
        for module in re.findall(r"^\s*(?:from|import) (whoosh[\w.]*)", text, re.M):
            assert module in public, f"{path.name} imports {module}: move that use into whoosh_internals.py"
        private = (
            r"\b(OrderedHashWriter|W3Codec|W3TermInfo|TOC\(|SegmentReader)|\._(read_data|goto|lastblock|dbfile|ids)\b"
        )
        found = re.search(private, text)
        assert found is None, f"{path.name} uses {found.group()}: move that use into whoosh_internals.py"


class _Reader:
    def __init__(self, exc):
        self.exc = exc

    def postings(self, fieldname, term):
        raise self.exc


def test_only_a_missing_term_reads_as_no_postings():
    """TermNotFound gives no postings; any other error while reading postings is raised, not hidden."""
    assert whoosh_internals.read_postings(_Reader(TermNotFound("x")), "t", b"x") == ([], [])
    with pytest.raises(ValueError):
        whoosh_internals.read_postings(_Reader(ValueError("damaged term table")), "t", b"x")


def test_damaged_postings_make_the_search_fail_instead_of_finding_nothing(tmp_path):
    """A posting list damaged on disk makes search report the index unusable, not return zero hits."""
    items = [SearchItem(f"a:{i}", "article", "标题", f"无锡第{i}条消息", "2020-01-02") for i in range(600)]
    idx = SearchIndex(tmp_path / "ix")
    for _ in idx.rebuild(iter(items), len(items), 1):
        pass
    assert idx.count("无锡") == 600
    idx.close()
    (posts,) = list((tmp_path / "ix").glob("ix-*/*.pst"))
    data = bytearray(posts.read_bytes())
    data[8 : len(data) - 8] = b"\xff" * (len(data) - 16)  # every posting block becomes garbage
    posts.write_bytes(bytes(data))
    reopened = SearchIndex(tmp_path / "ix")
    with pytest.raises(IndexUnavailableError):
        reopened.count("无锡")
    reopened.close()
