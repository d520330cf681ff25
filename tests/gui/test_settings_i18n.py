"""Settings persist across windows; the UI speaks Simplified Chinese and every string is translated."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt

from archiveviewer.gui import i18n
from archiveviewer.gui.i18n_build import qt_tool
from archiveviewer.gui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "src" / "archiveviewer" / "gui"
EXPORT = ROOT / "src" / "archiveviewer" / "export"  # PDF labels follow the UI language
ZH_TS = ROOT / "src" / "archiveviewer" / "resources" / "i18n" / "archiveviewer_zh_CN.ts"


def test_window_state_query_and_archive_persist(window_factory, qtbot, tmp_path, sample_archive):
    """Geometry, splitter positions, the last query and the last archive come back in a new window."""
    path = tmp_path / "persist.ini"
    first = window_factory(Settings.at(path), sample_archive)
    first.resize(700, 500)  # within the offscreen screen, so nothing is clamped
    first.content_splitter.setSizes([300, 800])
    first.search_bar.edit.setText("慰问")
    sizes = first.content_splitter.sizes()
    first.close()

    second = window_factory(Settings.at(path))
    assert (second.size().width(), second.size().height()) == (700, 500)
    assert second.content_splitter.sizes() == sizes
    assert second.search_bar.query() == "慰问"
    assert Settings.at(path).last_archive == str(sample_archive.location.folder)
    assert str(sample_archive.location.folder) in Settings.at(path).recent_archives
    second.close()


def test_settings_wrapper_types_and_defaults(tmp_path):
    """Unknown values fall back to defaults; a one-item history survives the ini format."""
    s = Settings.at(tmp_path / "s.ini")
    assert s.language == "system" and s.sort == "relevance" and s.last_archive is None
    s.language = "klingon"
    assert s.language == "system"
    s.add_to_history("慰问")
    s.sync()
    assert Settings.at(tmp_path / "s.ini").query_history == ["慰问"]


def test_switching_to_chinese_rebuilds_the_window_in_chinese(qtbot, settings, sample_archive):
    """Choosing 简体中文 shows 文件 and 帮助 menus and Chinese labels; English comes back after."""
    from archiveviewer.gui.main_app import AppShell

    shell = AppShell(settings)
    window = shell.create_window()  # not handed to qtbot: switching languages deletes it
    window.show()
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.set_archive(sample_archive, owned=False)
    try:
        chinese = shell.switch_language("zh_CN")
        titles = [a.text() for a in chinese.menuBar().actions()]
        assert titles[0] == "文件(&F)" and "帮助(&H)" in titles
        assert chinese.search_bar.sort_label.text().startswith("排序")
        assert chinese.timeline_model.headerData(0, Qt.Orientation.Horizontal) == "日期"
        qtbot.waitUntil(lambda: chinese.archive is sample_archive and chinese.is_ready(), timeout=20000)
    finally:
        english = shell.switch_language("en")
        assert english.menuBar().actions()[0].text() == "&File"
        english.close()
        english.deleteLater()


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message
    return out


def test_every_source_string_has_a_chinese_translation(tmp_path):
    """lupdate over gui/ and export/ finds no string that is missing from, or unfinished in, the Chinese .ts."""
    lupdate = qt_tool("lupdate")
    assert lupdate is not None, "PySide6's lupdate is missing: the translation check cannot run"
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate), "-silent", "-extensions", "py", "-locations", "none", str(GUI), str(EXPORT), "-ts", str(fresh)],
        check=True,
    )
    wanted = _messages(fresh)
    have = _messages(ZH_TS)
    assert len(wanted) > 100
    missing = sorted(f"{c}: {s}" for c, s in wanted if (c, s) not in have)
    assert missing == [], "run lupdate and translate these"
    unfinished = []
    for key in wanted:
        translation = have[key].find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(f and f.strip() for f in forms):
            unfinished.append(f"{key[0]}: {key[1]}")
    assert unfinished == []


def test_system_locale_decides_the_default_language():
    """'system' follows the locale: Chinese locales get zh_CN, others English."""
    from PySide6.QtCore import QLocale

    assert i18n.resolve_language("system", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh_CN"
    assert i18n.resolve_language("system", QLocale(QLocale.Language.German)) == "en"
    assert i18n.resolve_language("zh_CN") == "zh_CN"


def test_preferences_dialog_stores_the_language_and_asks_for_it(window, qtbot, settings):
    """Choosing 简体中文 in Preferences saves it and asks the application to switch."""
    window.preferences_action.trigger()
    from archiveviewer.gui.dialogs.settings_dialog import SettingsDialog

    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    with qtbot.waitSignal(window.languageChangeRequested, timeout=2000) as asked:
        dialog.accept()
    assert asked.args == ["zh_CN"] and settings.language == "zh_CN"
