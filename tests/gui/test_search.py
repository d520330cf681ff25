"""Search bar and results: search as you type, highlights, superseded queries, errors, facets, sort, history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from archiveviewer.app.search_service import SearchService
from archiveviewer.gui.models.search_results_model import HitRole
from archiveviewer.gui.widgets.snippet_delegate import HIGHLIGHT_BG, snippet_html


def test_typing_a_query_lists_highlighted_hits(window, search, sample_archive):
    """Typing 慰问 lists every hit with the count, and the delegate marks 慰问 in each snippet."""
    model = search(window, "慰问")
    expected = SearchService(sample_archive).search("慰问", limit=100)
    assert model.total == expected.total > 0
    assert model.rowCount() == min(expected.total, 50)
    assert str(expected.total) in window.results_view.count_label.text()
    hit = model.index(0, 0).data(HitRole)
    html = snippet_html(hit.snippet, hit.highlights)
    assert f'background-color:{HIGHLIGHT_BG}; color:#000000;">慰问</span>' in html
    # the delegate really paints those rows
    image = window.results_view.list.viewport().grab().toImage()
    assert not image.isNull()


def test_newer_keystroke_supersedes_older_query(window, search, qtbot):
    """A query typed while another is pending wins; the stale one's results never show."""
    window.search_bar.edit.setText("慰问")
    model = search(window, "工会")
    assert window.search.shown_query == "工会"
    assert all("工会" in h.snippet or "工会" in h.title for h in model.hits())
    stale = (window.search.generation - 1, None, None)
    window.search._show_result(stale)  # a late result of an older generation is dropped
    assert window.search.shown_query == "工会"


def test_malformed_query_shows_inline_message(window, qtbot, search):
    """An unbalanced quote shows a red message under the bar; a good query hides it again."""
    with qtbot.waitSignal(window.search.searchFailed, timeout=10000):
        window.search_bar.edit.setText('"慰问')
    label = window.search_bar.error_label
    assert label.isVisible() and "quote" in label.text()
    assert "c62828" in label.styleSheet()
    search(window, "慰问")
    assert not label.isVisible()


def test_facet_click_filters_and_second_click_clears(window, search, qtbot):
    """Clicking the entry facet keeps only entries; clicking it again shows everything."""
    model = search(window, "慰问")
    total = model.total
    kinds = {h.kind for h in model.hits()}
    assert {"entry", "article"} <= kinds
    facets = window.results_view.facets
    item = facets.facet_item("kind", "entry")
    assert item is not None and int(item.text(1)) < total
    entries = int(item.text(1))
    with qtbot.waitSignal(window.search.resultsReady, timeout=10000):
        rect = facets.visualItemRect(item)
        QTest.mouseClick(facets.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.total == entries and {h.kind for h in model.hits()} == {"entry"}
    with qtbot.waitSignal(window.search.resultsReady, timeout=10000):
        item = facets.facet_item("kind", "entry")
        QTest.mouseClick(facets.viewport(), Qt.MouseButton.LeftButton, pos=facets.visualItemRect(item).center())
    assert model.total == total


def test_month_facet_filters_by_month(window, search, qtbot):
    """The month facet narrows the hits to that month."""
    search(window, "慰问")
    with qtbot.waitSignal(window.search.resultsReady, timeout=10000):
        window.search.toggle_facet("month", "2020-01")
    hits = window.results_model.hits()
    assert hits and all(h.date.startswith("2020-01") for h in hits)


def test_sort_by_date_orders_hits_chronologically(window, search, qtbot):
    """Choosing Date in the sort box lists the hits oldest first (undated ones last)."""
    search(window, "工会")
    with qtbot.waitSignal(window.search.resultsReady, timeout=10000):
        window.search_bar.sort_combo.setCurrentIndex(window.search_bar.sort_combo.findData("date"))
    hits = window.results_model.hits()
    dates = [h.date for h in hits if h.date]
    assert len(set(dates)) > 1 and dates == sorted(dates)
    assert [h.date for h in hits[: len(dates)]] == dates  # every dated hit before the undated ones
    assert window.settings.sort == "date"


def test_down_arrow_moves_into_results_and_enter_opens(window, search, qtbot):
    """Down leaves the search field for the first hit; Enter opens it in the reader."""
    search(window, "慰问")
    window.activateWindow()
    window.search_bar.edit.setFocus()
    QTest.keyClick(window.search_bar.edit, Qt.Key.Key_Down)
    assert window.results_view.list.hasFocus() and window.results_view.list.currentIndex().row() == 0
    hit = window.results_view.current_hit()
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        QTest.keyClick(window.results_view.list, Qt.Key.Key_Return)
    assert window.reader.document_id == hit.document_id
    assert window.reader.match_count() > 0


def test_ctrl_k_and_ctrl_f_focus_the_search_field(window, qtbot):
    """Ctrl+K and Ctrl+F are the Find action's shortcuts."""
    keys = {s.toString() for s in window.find_action.shortcuts()}
    assert {"Ctrl+F", "Ctrl+K"} <= keys
    window.reader.text.setFocus()
    window.find_action.trigger()
    qtbot.waitUntil(lambda: window.search_bar.edit.hasFocus() or window.focusWidget() is window.search_bar.edit)


def test_query_history_completes_committed_queries(window, search, qtbot, settings):
    """Pressing Enter adds the query to the history the completer offers, kept in the settings."""
    search(window, "慰问")
    QTest.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    assert window.search_bar.completer.model().stringList()[0] == "慰问"
    assert settings.query_history[0] == "慰问"


def test_saved_search_is_stored_in_the_archive_and_runs(window, search, qtbot, sample_archive):
    """Save the current query under a name; choosing it from the menu runs it again."""
    from archiveviewer.app.library_service import LibraryService

    search(window, "慰问")
    with qtbot.waitSignal(window.search.savedSearchesChanged, timeout=10000):
        window.search.save_current_search(name="慰问 items")
    assert ("慰问 items", "慰问") in LibraryService(sample_archive).saved_searches()
    actions = [a for a in window.search_bar.saved_menu.actions() if a.text().startswith("慰问 items")]
    assert actions
    window.search_bar.edit.setText("")
    with qtbot.waitSignal(window.search.resultsReady, timeout=10000):
        actions[0].trigger()
    assert window.search_bar.query() == "慰问" and window.results_model.total > 0


def test_empty_search_bar_lists_every_document_by_date(window, search, qtbot):
    """With nothing typed, the results list browses all articles and documents; clearing a query returns to it."""
    qtbot.waitUntil(lambda: window.results_model.total == 2, timeout=10000)
    assert [h.kind for h in window.results_model.hits()] == ["article", "article"]
    assert "2" in window.results_view.count_label.text() and "date" in window.results_view.count_label.text()
    search(window, "慰问金")
    assert window.results_model.total == 3
    window.search_bar.edit.setText("")
    qtbot.waitUntil(lambda: window.results_model.total == 2 and window.search.shown_query == "", timeout=10000)
    assert {h.title for h in window.results_model.hits()} == {"无锡各级工会多管齐下保复工", "无锡工会“战疫”时间轴"}


def click_facet(window, qtbot, field: str, value: str) -> None:
    facets = window.results_view.facets
    item = facets.facet_item(field, value)
    assert item is not None, (field, value)
    facets.scrollToItem(item)
    with qtbot.waitSignal(window.search.resultsReady, timeout=10000):
        QTest.mouseClick(facets.viewport(), Qt.MouseButton.LeftButton, pos=facets.visualItemRect(item).center())


def test_a_kind_filter_recounts_the_month_facet_and_every_count_agrees_with_the_list(window, search, qtbot):
    """With Kind = entry, the months count entries only; clicking any shown count lists exactly that many."""
    model = search(window, "慰问")
    click_facet(window, qtbot, "kind", "entry")
    entries = model.total
    shown = window.results_view.facets.counts()
    entry_months: dict[str, int] = {}
    for e in window.timeline_model.entries():
        if "慰问" in e["text"]:
            entry_months[e["date"][:7]] = entry_months.get(e["date"][:7], 0) + 1
    assert shown["month"] == entry_months and sum(shown["month"].values()) == entries
    for field, counts in shown.items():
        for value, count in counts.items():
            with qtbot.waitSignal(window.search.resultsReady, timeout=10000):  # back to Kind = entry alone
                window.search.filters = {"kind": "entry", "month": None, "tag": None}
                window.search.run_now()
            if field == "kind" and value == "entry":
                assert model.total == count == entries
                continue
            click_facet(window, qtbot, field, value)  # a month joins Kind = entry; another kind replaces it
            assert model.total == count, (field, value)


def test_undated_items_have_their_own_month_bucket(window_factory, qtbot, settings, archive, tmp_path, search):
    """A document without a date is counted under Month ▸ Undated, and clicking that lists only it; tags count too."""
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.resources import resources_dir

    page = tmp_path / "note.txt"
    page.write_text("无日期的通知\n\n工会发放慰问金的通知，没有日期。\n", encoding="utf-8")
    sample = next((resources_dir() / "samples").glob("*.txt"))
    assert ImportJob(archive, [sample, page]).run().ok
    from archiveviewer.app.annotation_service import AnnotationService
    from archiveviewer.app.read_service import ReadService

    welfare = [e["id"] for e in ReadService(archive).timeline() if "慰问" in e["text"]]
    AnnotationService(archive).add_tag("entry", welfare[:2], "核对")
    window = window_factory(settings, archive)
    model = search(window, "慰问")
    assert window.results_view.facets.counts()["tag"] == {"核对": 2}
    click_facet(window, qtbot, "tag", "核对")
    assert model.total == 2 and sorted(h.entity_id for h in model.hits()) == sorted(welfare[:2])
    click_facet(window, qtbot, "tag", "核对")
    shown = window.results_view.facets.counts()
    assert shown["month"].get("undated") == 1
    assert window.results_view.facets.facet_item("month", "undated").text(0) == "Undated"
    assert sum(shown["month"].values()) == model.total
    click_facet(window, qtbot, "month", "undated")
    assert model.total == 1 and [h.title for h in model.hits()] == ["无日期的通知"] and model.hits()[0].date is None
    window.close()


def test_entries_match_on_their_own_text_not_the_page_title(window, search):
    """疫 lists only the entries whose own text holds it (not all 14 via the title 战疫); snippets are entry text."""
    model = search(window, "疫")
    own = [e for e in window.timeline_model.entries() if "疫" in e["text"]]
    assert 0 < len(own) < 14
    assert window.results_view.facets.counts()["kind"]["entry"] == len(own)
    entry_hits = [h for h in model.hits() if h.kind == "entry"]
    assert sorted(h.entity_id for h in entry_hits) == sorted(e["id"] for e in own)
    texts = {e["id"]: e["text"].replace("\n", "") for e in own}
    for hit in entry_hits:
        assert "时间轴无锡" not in hit.snippet
        assert hit.snippet.strip("…").replace("\n", "") in texts[hit.entity_id]
