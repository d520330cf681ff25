"""The interface language reaches Qt's own dialogs and the CSV headers, not only the app's own strings."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QTreeView


@pytest.fixture
def chinese():
    """The Chinese translators for one test, English again afterwards."""
    from archiveviewer.gui import i18n

    assert i18n.install("zh_CN") == "zh_CN"
    yield
    i18n.install("en")


def test_qt_file_dialog_is_chinese_in_the_chinese_ui(chinese, qtbot, tmp_path):
    """Qt's file dialog speaks Chinese: Look in, Files of type (missing from Qt's catalogue), Folder, its buttons."""
    (tmp_path / "sub").mkdir()
    dialog = QFileDialog(None, "导入文件", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert labels["fileNameLabel"] == "文件名称(&N)："  # from Qt's own qtbase_zh_CN.qm
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1, timeout=5000)
    assert model.index(0, 2, view.rootIndex()).data() == "文件夹"  # the Type column of "sub"
    english = [label.text() for label in dialog.findChildren(QLabel) if re.search("[A-Za-z]{3}", label.text())]
    assert english == []


def test_csv_headers_follow_the_ui_language_and_read_back(chinese, tmp_path, sample_archive):
    """In the Chinese UI the timeline CSV's header row is Chinese; reading it back gives the same entries."""
    from archiveviewer.app.read_service import ReadService
    from archiveviewer.export import csv_export

    entries = ReadService(sample_archive).timeline()
    out = tmp_path / "timeline.csv"
    csv_export.export_timeline_csv(entries, out)
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header == [csv_export.header_labels()[c] for c in csv_export.TIMELINE_COLUMNS]
    assert "日期" in header and "entry_id" not in header
    back = csv_export.read_timeline_csv(out)
    assert [(e["id"], e["date"], e["text"]) for e in back] == [(e["id"], e["date"], e["text"]) for e in entries]


def test_csv_headers_stay_column_keys_without_a_translator(tmp_path, sample_archive):
    """In English (and on the command line) the header row is the column keys scripts rely on."""
    from archiveviewer.app.read_service import ReadService
    from archiveviewer.export import csv_export

    out = tmp_path / "timeline.csv"
    csv_export.export_timeline_csv(ReadService(sample_archive).timeline(), out)
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(csv_export.TIMELINE_COLUMNS)


def test_fill_puts_each_value_in_its_place_once():
    """Places are filled in one pass: a value holding `%2` (a title, a person's text) is shown as written,
    numbers fill by number not by order, and a place without a value stays."""
    from archiveviewer.gui.i18n import fill

    assert fill("%1 of %2", 3, 10) == "3 of 10"
    assert fill("删除 %2 中的 %1 条？", 3, "时间轴条目") == "删除 时间轴条目 中的 3 条？"
    assert fill("someone saved this %1 (field “%2”)", "entry “50%2 off”", "text") == (
        "someone saved this entry “50%2 off” (field “text”)"
    )
    assert fill("%1 and %3", "a") == "a and %3"


def test_the_chinese_delete_question_names_what_and_how_many(chinese, window, qtbot, monkeypatch):
    """The delete question fills both places of its translation (the count and what is deleted)."""
    asked = []
    monkeypatch.setattr(window.editor, "confirm", lambda title, text: asked.append(text) or False)
    rows = [{"id": 1, "version": 1}, {"id": 2, "version": 1}]
    assert window.editor.delete_rows("entry", rows) is False
    assert "2" in asked[0] and "%" not in asked[0] and re.search(r"[\u4e00-\u9fff]", asked[0])


def test_a_field_has_one_name_in_undo_labels_conflicts_and_history(chinese):
    """The fields are named from one list: in Chinese a published date is 日期 like an entry's date, and a
    field the list does not know is shown as it is stored."""
    from archiveviewer.gui.field_labels import field_label

    assert [field_label(f) for f in ("date", "published", "byline", "created")] == ["日期", "日期", "署名", "创建"]
    assert field_label("ocr_confidence") == "ocr_confidence" and field_label(None) == ""
