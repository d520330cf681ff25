"""Parsing in worker processes stores exactly what parsing in this process stores, refusals and cancel included."""

import multiprocessing

from sqlalchemy import select

from archiveviewer.app.archive import Archive
from archiveviewer.app.import_service import PARALLEL_MIN_FILES, ImportJob
from archiveviewer.storage.models import Document, Paragraph


def _folder(tmp_path, sample_text):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(PARALLEL_MIN_FILES + 4):
        (folder / f"page-{i:03d}.txt").write_text(sample_text + f"\n\n（编号 {i}）\n", encoding="utf-8")
    (folder / "page-005b.txt").write_bytes(b"\x00\x01binary\x00" * 10)  # refused, in the middle
    (folder / "page-007b.txt").write_text(sample_text + "\n\n（编号 7）\n", encoding="utf-8")  # a duplicate
    return folder


def _stored(archive):
    with archive.Session() as s:
        docs = s.execute(select(Document.title, Document.published, Document.kind).order_by(Document.id)).all()
        pars = s.scalars(select(Paragraph.text).order_by(Paragraph.id)).all()
    return docs, pars


def test_workers_store_what_one_process_stores(tmp_path, sample_text):
    """Same documents, paragraphs, refusals and duplicates, in the same order, with 2 workers or none."""
    folder = _folder(tmp_path, sample_text)
    results = []
    for workers in (0, 2):
        with Archive.open(tmp_path / f"archive-{workers}") as archive:
            report = ImportJob(archive, [folder], workers=workers).run()
            results.append((_stored(archive), report.errors, report.duplicates, [f.name for f in report.imported]))
    assert results[0] == results[1]
    (docs, _pars), errors, duplicates, imported = results[1]
    assert len(imported) == PARALLEL_MIN_FILES + 4 and len(docs) == 2 * len(imported)
    assert len(errors) == 1 and errors[0].startswith("page-005b.txt")
    assert duplicates == ["page-007b.txt (same content as page-007.txt)"]


def test_cancelling_stops_the_workers_and_stores_nothing(tmp_path, sample_text):
    """Closed while the workers are reading, the job leaves no process behind and nothing stored."""
    folder = _folder(tmp_path, sample_text)
    with Archive.open(tmp_path / "archive") as archive:
        job = ImportJob(archive, [folder], workers=2)
        steps = job.steps()
        for _ in range(3):
            next(steps)
        steps.close()
        assert _stored(archive) == ([], [])
    assert not job.committed and job.report.imported == []
    assert multiprocessing.active_children() == []
