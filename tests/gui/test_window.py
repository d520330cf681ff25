"""The window as a whole: keyboard access, accessible names, tab order, help and about, Chinese glyphs, screenshots."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication, QWidget


def test_every_menu_and_action_has_a_mnemonic(window):
    """Each menu title and menu command can be reached with Alt and a letter."""
    menus = [a.menu() for a in window.menuBar().actions()]
    assert all("&" in a.text() for a in window.menuBar().actions())
    for menu in menus:
        for action in menu.actions():
            if action.isSeparator() or action.menu() is window.recent_menu:
                continue
            if menu is window.view_menu and action in [
                d.toggleViewAction() for d in (window.outline_dock, window.related_dock, window.notes_dock)
            ]:
                assert "&" in action.text()  # the dock titles carry the mnemonic
                continue
            assert "&" in action.text(), action.text()


def test_main_commands_have_shortcuts(window):
    """Find, next/previous match, import, export, quit and help have keyboard shortcuts."""
    expected = {
        window.find_action: "Ctrl+F",
        window.next_match_action: "F3",
        window.prev_match_action: "Shift+F3",
        window.import_files_action: "Ctrl+I",
        window.export_action: "Ctrl+E",
        window.quit_action: "Ctrl+Q",
        window.query_help_action: "F1",
        window.open_archive_action: "Ctrl+O",
    }
    for action, key in expected.items():
        assert key in {s.toString() for s in action.shortcuts()}, action.text()


def test_main_widgets_have_accessible_names(window):
    """Screen readers can name the search field, results, reader, outline, chart and tables."""
    widgets = [
        window.search_bar.edit,
        window.search_bar.sort_combo,
        window.results_view.list,
        window.results_view.facets,
        window.reader.text,
        window.reader.outline,
        window.timeline_view.chart,
        window.timeline_view.table,
        window.related_panel.table,
        window.annotations_panel.table,
    ]
    assert all(w.accessibleName() for w in widgets)


def test_tab_moves_from_the_search_field_through_the_panes(window):
    """Tab order: search field, sort, saved, help, results list, facets."""
    order = []
    w: QWidget = window.search_bar.edit
    for _ in range(6):
        order.append(w)
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & w.focusPolicy().TabFocus) or not w.isVisibleTo(window):
            w = w.nextInFocusChain()
    assert order[:6] == [
        window.search_bar.edit,
        window.search_bar.sort_combo,
        window.search_bar.saved_button,
        window.search_bar.help_button,
        window.results_view.list,
        window.results_view.facets,
    ]


def test_export_menu_opens_the_export_dialog_with_the_context(window, qtbot, search):
    """File ▸ Export… emits export_requested and opens the export dialog for the open document and query."""
    search(window, "慰问")
    entry = window.timeline_model.entries()[0]
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.reading.open_document(entry["document_id"])
    with qtbot.waitSignal(window.export_requested, timeout=1000):
        window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog.isVisible()
    assert dialog.context.document_id == entry["document_id"] and dialog.context.query == "慰问"
    dialog.reject()


def test_query_help_and_about_dialogs(window, qtbot):
    """F1 opens the query language help; About lists the licences of the font and libraries."""
    window.query_help_action.trigger()
    help_text = window._help_dialog.browser.toPlainText()
    for example in ("date:2020-01-24..2020-02-01", "title:时间轴", "OR", "-微信", "kind:entry", "author:"):
        assert example in help_text
    from archiveviewer.gui.dialogs.about_dialog import AboutDialog

    about = AboutDialog(window)
    qtbot.addWidget(about)
    text = about.licences.toPlainText()
    for name in (
        "Qt",
        "PySide6",
        "SQLAlchemy",
        "Whoosh",
        "OpenCC",
        "WenQuanYi",
        "LGPLv3",
        "MIT",
        "BSD",
        "Apache-2.0",
        "GPLv3",
    ):
        assert name in text


def test_application_font_draws_chinese():
    """The bundled WenQuanYi font is in the application font's fallbacks and has the glyphs we show."""
    families = QApplication.font().families()
    cjk = [f for f in families if "WenQuanYi" in f]
    assert cjk
    raw = QRawFont.fromFont(QFont(cjk[0]))
    assert all(raw.supportsCharacter(ord(c)) for c in "慰问时间轴文件帮助无锡")


def test_screenshot_script_saves_both_languages(tmp_path):
    """tests/gui/make_screenshots.py renders the window in English and Chinese, and copies the pair to docs/."""
    path = Path(__file__).with_name("make_screenshots.py")
    spec = importlib.util.spec_from_file_location("make_screenshots", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.save_screenshots(tmp_path / "shots", tmp_path / "docs", sizes=((1024, 700),))
    assert [p.name for p in written] == [
        "main-window-en-1024x700.png",
        "main-window-zh_CN-1024x700.png",
        "screenshot-en.png",
        "screenshot-zh_CN.png",
    ]
    assert all(p.stat().st_size > 20000 for p in written)


def test_opening_an_archive_folder_shows_it_and_lists_it_under_recent(window, qtbot, tmp_path):
    """New Archive on a folder opens it (owned), counts it, lists it first under Open Recent; Clear List empties."""
    folder = str(tmp_path / "second")
    previous = window.archive
    with qtbot.waitSignal(window.archives.servicesChanged, timeout=20000):
        window.archives.new_archive(folder)
    assert window.archive is not previous and window.archives.owned
    assert str(window.archive.location.folder) == folder
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("0 documents"), timeout=10000)
    recent = [a.text() for a in window.recent_menu.actions() if not a.isSeparator()]
    assert recent[0].endswith(folder) and recent[-1] == "&Clear List"
    window.recent_menu.actions()[-1].trigger()
    assert [a.text() for a in window.recent_menu.actions()] == ["No recent archives"]
    assert window.settings.recent_archives == []


def test_application_shortcuts_work_while_the_search_box_has_focus(window, qtbot):
    """Ctrl+E (export), Ctrl+K (find) and Ctrl+3 reach their actions from the search box, where focus usually is."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    edit = window.search_bar.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=5000)
    with qtbot.waitSignal(window.export_requested, timeout=1000):
        QTest.keyClick(edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    window.export_dialog.reject()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=5000)
    QTest.keyClick(edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.timeline_view.table.hasFocus()
    QTest.keyClick(window.timeline_view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert edit.hasFocus()


def test_ctrl_e_exports_from_the_search_box_under_x11(tmp_path):
    """Under a real X11 server, where QLineEdit binds Ctrl+E to "end of line", Ctrl+E in the search box exports."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    xvfb = shutil.which("xvfb-run")
    assert xvfb is not None, "xvfb-run is missing (scripts/setup.sh installs the xvfb package)"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    probe = Path(__file__).with_name("shortcut_probe.py")
    run = subprocess.run(
        [xvfb, "-a", sys.executable, str(probe)], capture_output=True, text=True, env=env, timeout=180, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["platform"] == "xcb" and out["line_edit_binds_ctrl_e"]  # the situation of the bug
    assert out["ready"] and out["focused"]
    assert out["ctrl_e_exported"] and out["ctrl_k_found"]


def test_preferences_is_under_edit_as_the_readme_says(window):
    """Edit ▸ Preferences… (macOS moves it to the application menu by its role); the README names that place."""
    from PySide6.QtGui import QAction

    assert window.preferences_action in window.edit_menu.actions()
    assert window.preferences_action not in window.tools_menu.actions()
    assert window.preferences_action.menuRole() == QAction.MenuRole.PreferencesRole
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "Edit → Preferences" in readme and "Tools → Preferences" not in readme


def _open_long_title(window, qtbot, search):
    """Open the timeline article (the longest title) with a query, so the reader shows title and counter."""
    entry = window.timeline_model.entries()[0]
    search(window, "慰问")
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.reading.open_document(entry["document_id"])


def _no_overlaps(chart) -> int:
    labels = list(chart.label_rects().values())
    marks = list(chart.mark_rects().values())
    for i, a in enumerate(labels):
        assert not any(a.intersects(b) for b in labels[i + 1 :]), "two labels overlap"
        assert not any(a.intersects(m) for m in marks), "a label covers a mark"
        assert chart.rect().toRectF().contains(a), "a label runs off the chart"
    return len(labels)


def test_small_windows_keep_the_chart_labels_and_the_reader_title_apart(window, qtbot, search):
    """At 1600×1000, 1024×700 and 800×600 no chart label touches another label or a mark, every entry keeps
    its mark, and the reader's title ends before the match counter, which shows whole."""
    from PySide6.QtWidgets import QApplication

    _open_long_title(window, qtbot, search)
    chart, reader = window.timeline_view.chart, window.reader
    shown = {}
    for size in ((1600, 1000), (1024, 700), (800, 600)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: (window.width(), window.height()) == s, timeout=5000)
        QApplication.processEvents()
        shown[size] = _no_overlaps(chart)
        assert set(chart.mark_rects()) == {e["id"] for e in chart.entries()}
        title, counter = reader.title_label.geometry(), reader.match_label.geometry()
        assert reader.match_label.text().startswith("Match ")
        assert title.right() < counter.left()
        assert counter.width() >= reader.match_label.sizeHint().width()
    assert shown[(1600, 1000)] >= shown[(800, 600)] > 0  # labels thin out as room shrinks, never pile up
    assert shown[(1024, 700)] >= 10


def test_docks_share_a_tabbed_column_in_a_small_window(window, qtbot):
    """Below 1100×720 outline, related documents, notes and the original become tabs of one column; larger,
    the first three stack on the right again and the original goes back below."""
    from PySide6.QtCore import Qt

    docks = {window.related_dock, window.notes_dock, window.scan_dock}
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800, timeout=5000)
    assert set(window.tabifiedDockWidgets(window.outline_dock)) == docks
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600, timeout=5000)
    assert window.tabifiedDockWidgets(window.outline_dock) == []
    assert window.dockWidgetArea(window.notes_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.scan_dock) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_window_size_splitters_and_docks_come_back(window_factory, qtbot, tmp_path):
    """Size, the timeline and results splitters, and a closed dock are remembered through the Settings wrapper."""
    from archiveviewer.gui.settings import Settings

    path = tmp_path / "layout.ini"
    first = window_factory(Settings.at(path))
    first.resize(760, 560)
    # laid out small: the docks tabbed into one column 200 pixels wide
    qtbot.waitUntil(lambda: first.tabifiedDockWidgets(first.outline_dock) and first.outline_dock.width() == 200)
    first.timeline_view.splitter.setSizes([150, 500])
    first.results_view.splitter.setSizes([200, 60])
    first.notes_dock.close()
    timeline, results = first.timeline_view.splitter.sizes(), first.results_view.splitter.sizes()
    first.close()
    assert not Settings.at(path).window_state.isEmpty()

    second = window_factory(Settings.at(path))
    assert (second.width(), second.height()) == (760, 560)
    assert second.timeline_view.splitter.sizes() == timeline
    assert second.results_view.splitter.sizes() == results
    assert not second.notes_dock.isVisible() and second.outline_dock.isVisible()
    second.close()
