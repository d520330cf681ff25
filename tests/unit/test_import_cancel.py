"""Cancel means cancel: an import closed before its commit rolls back; after it, the report says what was imported."""

from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from archiveviewer import cli
from archiveviewer.app.archive import Archive
from archiveviewer.app.import_service import ImportJob
from archiveviewer.storage.models import Document


def _pages(folder, sample_text, count):
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"page-{i:03d}.txt"
        path.write_text(sample_text + f"\n\n（编号 {i}）\n", encoding="utf-8")
        paths.append(path)
    return paths


def _documents(archive):
    with archive.Session() as s:
        return s.scalar(select(func.count()).select_from(Document))


def test_closing_at_any_step_rolls_back_and_the_report_agrees(archive, tmp_path, sample_text):
    """Closed after any of its steps, the job stored nothing, says so, and is not committed."""
    paths = _pages(tmp_path / "pages", sample_text, 3)
    with Archive.open(tmp_path / "count") as other:  # a full run elsewhere counts the steps
        steps = len(list(ImportJob(other, paths, workers=0).steps()))
    for k in range(steps):
        job = ImportJob(archive, paths, workers=0)
        gen = job.steps()
        for _ in range(k + 1):
            next(gen)
        gen.close()
        assert (_documents(archive), job.committed, job.report.imported) == (0, False, []), k


def test_the_last_step_comes_before_the_commit(archive, tmp_path, sample_text):
    """Nothing is committed until the generator is resumed past its last step."""
    paths = _pages(tmp_path / "pages", sample_text, 2)
    job = ImportJob(archive, paths, workers=0)
    values = []
    for value in job.steps():
        values.append(value)
        assert not job.committed and _documents(archive) == 0
    assert values[-1] == (4, 4, "")
    assert job.committed and len(job.report.imported) == 2 and _documents(archive) == 4


@pytest.fixture
def interrupt_after_commit(monkeypatch):
    """Ctrl-C arriving just after the database committed (while the index commits, or later)."""
    unit_of_work = Archive.unit_of_work

    @contextmanager
    def interrupted(self):
        with unit_of_work(self) as work:
            yield work
        raise KeyboardInterrupt

    monkeypatch.setattr(Archive, "unit_of_work", interrupted)


def test_interrupt_after_the_commit_reports_what_was_imported(archive, tmp_path, sample_text, interrupt_after_commit):
    """The interruption propagates, but the job knows the files are in the archive and lists them."""
    paths = _pages(tmp_path / "pages", sample_text, 2)
    job = ImportJob(archive, paths, workers=0)
    with pytest.raises(KeyboardInterrupt):
        job.run()
    assert job.committed
    assert [f.name for f in job.report.imported] == ["page-000.txt", "page-001.txt"]
    assert [len(f.documents) for f in job.report.imported] == [2, 2]
    assert _documents(archive) == 4


def test_cli_ctrl_c_after_the_commit_says_what_was_imported(tmp_path, sample_text, capsys, interrupt_after_commit):
    """`import` interrupted after its commit prints the imported files, not a bare "interrupted" with 130."""
    paths = _pages(tmp_path / "pages", sample_text, 2)
    code = cli.main(["--archive", str(tmp_path / "a"), "import", *map(str, paths)])
    out, err = capsys.readouterr()
    assert code != 130
    assert "imported page-000.txt" in out and "imported page-001.txt" in out
    assert "interrupted after the import was committed" in err


def test_cli_ctrl_c_before_the_commit_imports_nothing(tmp_path, sample_text, capsys, monkeypatch):
    """Interrupted inside the transaction: rolled back, "interrupted", exit 130."""
    from archiveviewer.app import import_service

    def interrupt(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(import_service, "_index_stored", interrupt)
    paths = _pages(tmp_path / "pages", sample_text, 2)
    code = cli.main(["--archive", str(tmp_path / "a"), "import", *map(str, paths)])
    _out, err = capsys.readouterr()
    assert code == 130 and "interrupted" in err
    monkeypatch.undo()
    with Archive.open(tmp_path / "a") as archive:
        assert _documents(archive) == 0
