"""Export targets: overwrite protection, unwritable paths and atomic replacement for every format."""

from __future__ import annotations

import os

import pytest

from archiveviewer.export.csv_export import (
    export_documents_csv,
    export_search_report_csv,
    export_timeline_csv,
)
from archiveviewer.export.errors import ExportError
from archiveviewer.export.json_export import export_json
from archiveviewer.export.pdf_export import (
    export_documents_pdf,
    export_search_report_pdf,
    export_timeline_pdf,
)

ENTRY = {
    "id": 1,
    "date": "2020-01-24",
    "text": "无锡市总工会筹措资金44万元",
    "amounts": [{"text": "44万元", "yuan": 440000}],
}
DOCUMENT = {
    "id": 1,
    "kind": "article",
    "title": "无锡各级工会多管齐下保复工",
    "sections": [{"heading": "出台政策惠企业", "paragraphs": ["为减轻新冠肺炎疫情对小微企业的影响。"]}],
    "timeline": [ENTRY],
    "annotations": [],
}
REPORT = {"query": "慰问", "ran_at": "2026-11-28T10:00:00", "total": 0, "hits": []}

EXPORTERS = {
    "timeline.pdf": lambda out, **kw: export_timeline_pdf([ENTRY], out, "档案", **kw),
    "documents.pdf": lambda out, **kw: export_documents_pdf([DOCUMENT], out, "档案", **kw),
    "report.pdf": lambda out, **kw: export_search_report_pdf(REPORT, out, "档案", **kw),
    "timeline.csv": lambda out, **kw: export_timeline_csv([ENTRY], out, **kw),
    "documents.csv": lambda out, **kw: export_documents_csv([DOCUMENT], out, **kw),
    "report.csv": lambda out, **kw: export_search_report_csv(REPORT, out, **kw),
    "data.json": lambda out, **kw: export_json(DOCUMENT, out, **kw),
}


@pytest.fixture(params=sorted(EXPORTERS))
def exporter(request, qapp):
    return request.param, EXPORTERS[request.param]


def test_existing_file_is_kept_unless_overwrite_is_given(tmp_path, exporter):
    """An existing file raises ExportError naming it and stays untouched; overwrite=True replaces it."""
    name, export = exporter
    out = tmp_path / name
    out.write_bytes(b"keep me")
    with pytest.raises(ExportError, match="already exists") as info:
        export(out)
    assert str(out) in str(info.value)
    assert out.read_bytes() == b"keep me"
    export(out, overwrite=True)
    assert out.read_bytes() != b"keep me" and out.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_missing_folder_is_a_clear_error(tmp_path, exporter):
    """A target in a folder that does not exist raises ExportError saying so."""
    name, export = exporter
    with pytest.raises(ExportError, match="does not exist"):
        export(tmp_path / "no-such-folder" / name)


def test_folder_as_target_is_a_clear_error(tmp_path, exporter):
    """Exporting onto an existing folder raises ExportError instead of deleting or writing into it."""
    name, export = exporter
    target = tmp_path / name
    target.mkdir()
    with pytest.raises(ExportError, match="folder"):
        export(target, overwrite=True)
    assert target.is_dir()


def test_unwritable_path_under_a_file_is_a_clear_error(tmp_path, exporter):
    """A path whose 'folder' is a regular file raises ExportError, not an OSError."""
    name, export = exporter
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        export(blocker / name)


def test_failed_json_export_leaves_no_file(tmp_path):
    """Data that cannot be serialised raises ExportError and leaves neither the target nor a temp file."""
    with pytest.raises(ExportError, match="JSON"):
        export_json({"x": object()}, tmp_path / "bad.json")
    assert list(tmp_path.iterdir()) == []


def test_failed_overwrite_keeps_the_old_file(tmp_path, qapp):
    """If an overwriting export fails midway, the previous file is still there, intact."""
    out = tmp_path / "t.pdf"
    out.write_bytes(b"old")
    with pytest.raises(ExportError):
        export_timeline_pdf([ENTRY], out, "档案", overwrite=True, progress=lambda done, total: done < 50)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.pdf"]


@pytest.mark.skipif(os.name != "posix", reason="umask applies on POSIX only")
def test_exported_file_gets_normal_permissions(tmp_path):
    """The renamed temp file ends up with umask permissions (readable), not a temp file's 0600."""
    out = tmp_path / "t.csv"
    old = os.umask(0o022)
    try:
        export_timeline_csv([ENTRY], out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_permission_denied_is_reported_in_words(tmp_path, monkeypatch):
    """When the OS refuses to create the file (read-only folder, even as root here), the message says why."""
    import errno

    from archiveviewer.export import files

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(ExportError, match="permission denied") as info:
        export_timeline_csv([ENTRY], tmp_path / "t.csv")
    assert str(tmp_path / "t.csv") in str(info.value)
    assert list(tmp_path.iterdir()) == []
