"""Reader: the page layout, match highlighting and stepping, outline, and markup shown as text."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextImageFormat
from PySide6.QtTest import QTest

from archiveviewer.gui.models.search_results_model import HitRole


def open_first_article(window, search, qtbot, query="慰问", title="无锡各级工会多管齐下保复工"):
    search(window, query)
    model = window.results_model
    row = next(i for i in range(model.rowCount()) if model.index(i, 0).data(HitRole).title == title)
    hit = model.index(row, 0).data(HitRole)
    window.results_view.list.setCurrentIndex(model.index(row, 0))  # selecting opens it
    qtbot.waitUntil(lambda: window.reader.document_id == hit.document_id, timeout=10000)
    return hit


def test_opening_a_hit_shows_the_page_with_highlights(window, search, qtbot):
    """The article appears with masthead, headline, sections and byline; every 慰问 is highlighted."""
    open_first_article(window, search, qtbot)
    reader = window.reader
    text = reader.plain_text()
    assert "无锡各级工会多管齐下保复工" in text
    assert "Editor" in text  # the tests run the English interface (tests/gui/conftest.py)
    assert reader.match_count() == text.count("慰问") > 1
    assert set(reader.match_texts()) == {"慰问"}
    assert reader.current_match() == 1
    assert reader.match_label.text() == f"Match 1 of {reader.match_count()}"
    kinds = [k for k, _ in reader.block_kinds()]
    assert kinds[0] == "masthead" and "title" in kinds and "heading" in kinds and "byline" in kinds


def test_f3_and_shift_f3_step_through_matches(window, search, qtbot):
    """F3 moves to the next match and Shift+F3 back, wrapping around; the label follows."""
    open_first_article(window, search, qtbot)
    reader = window.reader
    n = reader.match_count()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    reader.text.setFocus()
    QTest.keyClick(reader.text, Qt.Key.Key_F3)
    assert reader.current_match() == 2
    assert reader.match_label.text() == f"Match 2 of {n}"
    QTest.keyClick(reader.text, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.current_match() == 1
    QTest.keyClick(reader.text, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.current_match() == n
    cursor = reader.text.textCursor()
    assert reader._matches[n - 1][0] == cursor.position()


def test_outline_jumps_to_a_section(window, search, qtbot):
    """Clicking a section heading in the outline scrolls the reader to it."""
    open_first_article(window, search, qtbot)
    reader = window.reader
    reader.resize(600, 300)
    item = reader.outline_item("落实关爱暖人心")
    assert item is not None
    rect = reader.outline.visualItemRect(item)
    QTest.mouseClick(reader.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.text.textCursor().block().text() == "落实关爱暖人心"
    assert reader.text.verticalScrollBar().value() > 0


def test_markup_in_a_document_is_shown_literally(window_factory, qtbot, settings, archive, tmp_path, search):
    """A document containing <img src=…> and <a href> shows those characters, never an image or a link."""
    from archiveviewer.app.import_service import ImportJob

    page = tmp_path / "markup.txt"
    page.write_text(
        '标记测试\n\n正文包含 <img src="file:///etc/passwd"> 和 <a href="http://example.com">链接</a> '
        "以及 &amp; 实体。\n",
        encoding="utf-8",
    )
    report = ImportJob(archive, [page]).run()
    assert report.ok, report.errors
    window = window_factory(settings, archive)
    doc_id = report.imported[0].documents[0][0]
    search(window, "链接")
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.reading.open_document(doc_id)
    text = window.reader.plain_text()
    hits = window.results_model.hits()
    from archiveviewer.gui.widgets.snippet_delegate import snippet_html

    assert hits and all("<a " not in snippet_html(h.snippet, h.highlights) for h in hits)
    assert any("&lt;a href" in snippet_html(h.snippet, h.highlights) for h in hits)
    # tooltips are rich text when they merely look like it: theirs are escaped
    from PySide6.QtCore import Qt

    tooltip = window.results_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<a href" not in tooltip and "&lt;a href" in tooltip
    assert '<img src="file:///etc/passwd">' in text
    assert '<a href="http://example.com">链接</a>' in text and "&amp;" in text
    document = window.reader.text.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat() and not fmt.isAnchor()
            assert not isinstance(fmt, QTextImageFormat)
            it += 1
        block = block.next()
    window.close()


def open_entry_hit(window, search, qtbot, date: str, query: str = "慰问"):
    """Select the result for the entry dated `date` and wait until the reader shows its passage."""
    model = search(window, query) if window.search.shown_query != query else window.results_model
    row = next(
        i
        for i in range(model.rowCount())
        if model.index(i, 0).data(HitRole).kind == "entry" and model.index(i, 0).data(HitRole).date == date
    )
    hit = model.index(row, 0).data(HitRole)
    window.results_view.list.setCurrentIndex(model.index(row, 0))
    qtbot.waitUntil(
        lambda: (
            window.reader.document_id == hit.document_id
            and window.reader.passage() is not None
            and window.reader.block_kinds()[window.reader.passage()[0] - 1] == ("entry", hit.entity_id)
        ),
        timeout=10000,
    )
    return hit


def block_of_position(reader, position: int) -> int:
    return reader.text.document().findBlock(position).blockNumber()


def test_timeline_entries_read_as_printed_with_their_dates(window, search, qtbot):
    """The 14 entries appear in the page's flow as ◆ date lines above their own text, whole and highlighted."""
    entries = {e["id"]: e for e in window.timeline_model.entries()}
    open_entry_hit(window, search, qtbot, "2020-02-07")
    reader = window.reader
    kinds = reader.block_kinds()
    document = reader.text.document()
    markers = [(n, key) for n, (kind, key) in enumerate(kinds) if kind == "entry"]
    assert len(markers) == 14
    assert [document.findBlockByNumber(n).text() for n, _ in markers[:3]] == ["◆ 1月24日", "◆ 1月26日", "◆ 1月27日"]
    for n, entry_id in markers:  # each date stands right above the paragraph its entry starts with
        assert kinds[n + 1] == ("paragraph", entries[entry_id]["paragraph_start_id"])
    text = reader.plain_text()
    long_entry = next(e for e in entries.values() if e["date"] == "2020-02-07")["text"]
    assert len(long_entry) > 48 and long_entry in text  # never cut short
    assert "Timeline entries" not in text  # no second, abridged copy below the page
    spans = [
        (block_of_position(reader, s), t) for (s, _e), t in zip(reader._matches, reader.match_texts(), strict=True)
    ]
    assert len(spans) == text.count("慰问") and {t for _n, t in spans} == {"慰问"}
    assert any(kinds[n][0] == "paragraph" and n > markers[0][0] for n, _t in spans)


def test_opening_a_result_puts_the_cursor_on_its_hit_and_f3_goes_on_from_there(window, search, qtbot):
    """Opening the 2月7日 result makes its 慰问 current (counter right); F3/Shift+F3 continue from it."""
    reader = window.reader
    open_entry_hit(window, search, qtbot, "2020-01-30")  # the same page, another entry first
    before = reader.current_match()
    hit = open_entry_hit(window, search, qtbot, "2020-02-07")
    first, last = reader.passage()
    inside = [i for i, (s, _e) in enumerate(reader._matches) if first <= block_of_position(reader, s) <= last]
    assert inside, "the 2月7日 passage holds 慰问"
    current = inside[0] + 1
    assert reader.current_match() == current != before
    total = reader.match_count()
    assert reader.match_label.text() == f"Match {current} of {total}"
    assert reader.text.textCursor().position() == reader._matches[current - 1][0]
    assert hit.entity_id == reader.block_kinds()[first - 1][1]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    reader.text.setFocus()
    QTest.keyClick(reader.text, Qt.Key.Key_F3)
    assert reader.current_match() == current + 1
    assert reader.match_label.text() == f"Match {current + 1} of {total}"
    assert reader.text.textCursor().position() == reader._matches[current][0]
    QTest.keyClick(reader.text, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(reader.text, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.current_match() == current - 1


def test_opening_an_article_result_goes_to_the_match_its_snippet_shows(window, search, qtbot):
    """For an article hit whose snippet shows the page's last 慰问, that match is current, not the first."""
    hit = open_first_article(window, search, qtbot)
    reader = window.reader
    text = reader.plain_text()
    n = reader.match_count()
    assert n > 1
    last = reader._matches[-1][0]
    assert text[last : last + 2] == "慰问"
    snippet = "…" + text[last - 10 : last + 12] + "…"
    later = dataclasses.replace(hit, snippet=snippet, highlights=[(11, 13)])
    window.reading.open_hit(later)  # the page is already shown: the reader moves at once
    assert reader.current_match() == n
    assert reader.match_label.text() == f"Match {n} of {n}"
    assert reader.text.textCursor().position() == last
