"""Notes and related documents of the current article or entry."""

from __future__ import annotations

from pathlib import Path


def open_document(window, qtbot, title_part="无锡各级工会"):
    doc = next(e for e in window.timeline_model.entries())  # any entry: its document has the timeline
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.reading.open_document(doc["document_id"])
    return doc["document_id"]


def test_add_note_shows_it_in_the_notes_dock(window, qtbot):
    """Add note… on the open article lists the new note with its author."""
    open_document(window, qtbot)
    assert window.annotations_panel.add_button.isEnabled()
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.library.add_note("核对：金额与原报一致")
    rows = window.annotations_model.rows()
    assert rows[0]["text"] == "核对：金额与原报一致" and rows[0]["author"]


def test_attach_open_and_detach_a_related_document(window, qtbot, tmp_path):
    """A file attached to the article is listed, opens from a temp copy, and goes away when detached."""
    open_document(window, qtbot)
    notice = tmp_path / "通知.txt"
    notice.write_text("关于做好疫情防控期间企业复工的通知", encoding="utf-8")
    with qtbot.waitSignal(window.library.relatedChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.library.attach([str(notice)])
    info = window.related_model.info(0)
    assert info.name == "通知.txt"
    with qtbot.waitSignal(window.library.relatedOpened, timeout=10000) as opened:
        window.library.open_related(info.id)
    assert Path(opened.args[0]).read_text(encoding="utf-8") == notice.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.library.relatedChanged, timeout=10000, check_params_cb=lambda n: n == 0):
        window.library.detach(info.id, confirm=False)
