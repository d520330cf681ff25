"""CSV and JSON export: UTF-8 (CSV with BOM), round trips through the readers, formula guarding."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal

from archiveviewer.export.csv_export import (
    export_documents_csv,
    export_search_report_csv,
    export_timeline_csv,
    read_csv,
    read_documents_csv,
    read_search_report_csv,
    read_timeline_csv,
)
from archiveviewer.export.json_export import export_json, read_json

ENTRIES = [
    {
        "id": 1,
        "date": "2020-01-24",
        "text": "无锡市总工会筹措资金44万元驰援防控新型冠状病毒肺炎的2家市级定点医院。\n无锡市总工会微信转发《新冠肺炎防控知识手册》。",
        "amounts": [{"text": "44万元", "yuan": 440000}],
        "document_id": 2,
        "document_title": "无锡工会“战疫”时间轴",
    },
    {
        "id": 4,
        "date": "2020-01-28",
        "text": "又筹措专项资金212.45万元，支持各级各条线疫情防控工作，镕。",
        "amounts": [{"text": "212.45万元", "yuan": 2124500}],
        "document_id": 2,
        "document_title": "无锡工会“战疫”时间轴",
    },
    {
        "id": 13,
        "date": "2020-02-13",
        "text": '共筹措资金82万元，为164位援鄂医疗队队员每人发放5000元慰问金，"引号", 逗号',
        "amounts": [{"text": "82万元", "yuan": 820000}, {"text": "5000元", "yuan": 5000}],
        "document_id": 2,
        "document_title": "无锡工会“战疫”时间轴",
    },
    {
        "id": 20,
        "date": "2020-03-01",
        "text": '=HYPERLINK("http://x","点我")',
        "amounts": [{"text": "半元", "yuan": Decimal("0.5")}],
        "document_id": 3,
        "document_title": "-负号开头的标题",
    },
    {"id": 21, "date": None, "text": "'单引号开头", "amounts": [], "document_id": None, "document_title": None},
]

DOCUMENTS = [
    {
        "id": 1,
        "kind": "article",
        "title": "无锡各级工会多管齐下保复工",
        "subtitle": "精准施策 持续作战",
        "byline": "陈煜蕾",
        "source": "newspaper-page-2020-02-24-A06.txt",
        "masthead": {"date": "2020-02-24"},
        "sections": [
            {
                "heading": "出台政策惠企业",
                "paragraphs": ["为减轻新冠肺炎疫情对小微企业生产和员工生活的影响，镕。", '第二段，"含引号"。'],
            },
            {"heading": "当好防疫复工勤务员", "paragraphs": ["市总工会微信在这个特殊时期发挥了重要作用。"]},
        ],
        "timeline": [],
        "annotations": [
            {"id": 1, "author": "王档案", "created_at": "2026-11-28T10:00:00", "text": "@核对原件", "target": "entry 3"}
        ],
    },
    {
        "id": 2,
        "kind": "article",
        "title": "无锡工会“战疫”时间轴",
        "subtitle": None,
        "byline": None,
        "source": "newspaper-page-2020-02-24-A06.txt",
        "masthead": {"date": "2020-02-24"},
        "sections": [{"heading": None, "paragraphs": ["疫情就是命令，防控就是责任。"]}],
        "timeline": [dict(e, document_id=2, document_title="无锡工会“战疫”时间轴") for e in ENTRIES[:3]],
        "annotations": [],
    },
]

REPORT = {
    "query": "慰问",
    "ran_at": "2026-11-28T10:00:00",
    "total": 7,
    "hits": [
        {
            "id": "entry:3",
            "kind": "entry",
            "title": "1月30日",
            "date": "2020-01-24",
            "document_id": 2,
            "source": "newspaper-page-2020-02-24-A06.txt",
            "snippet": "一行走访慰问奋战在防疫一线",
            "highlights": [[4, 6]],
            "score": 1.2,
        },
        {
            "id": "article:1",
            "kind": "article",
            "title": "无锡各级工会多管齐下保复工",
            "date": None,
            "document_id": 1,
            "source": None,
            "snippet": "慰问防疫，再慰问",
            "highlights": [[0, 2], [6, 8]],
            "score": 0.5,
        },
    ],
}


def test_timeline_csv_starts_with_bom_and_round_trips(tmp_path):
    """The timeline CSV is UTF-8 with a BOM and reads back to the same entries, amounts included."""
    out = tmp_path / "timeline.csv"
    assert export_timeline_csv(ENTRIES, out) == len(ENTRIES)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "无锡市总工会".encode() in raw
    back = read_timeline_csv(out)
    assert back == ENTRIES


def test_csv_guards_cells_that_spreadsheets_would_run_as_formulas(tmp_path):
    """A text starting with = + - @ is written with a leading apostrophe, and read back without it."""
    out = tmp_path / "timeline.csv"
    export_timeline_csv(ENTRIES, out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[3]["text"].startswith("'=HYPERLINK")
    assert rows[3]["document_title"] == "'-负号开头的标题"
    assert rows[4]["text"] == "''单引号开头"
    assert read_csv(out)[3]["text"] == ENTRIES[3]["text"]


def test_timeline_csv_columns_are_readable_in_a_spreadsheet(tmp_path):
    """Columns carry the printed amounts and their yuan values side by side, one entry per row."""
    out = tmp_path / "timeline.csv"
    export_timeline_csv(ENTRIES, out)
    rows = read_csv(out)
    assert list(rows[0]) == ["entry_id", "date", "text", "amounts", "amounts_yuan", "document_id", "document_title"]
    assert rows[2]["amounts"] == "82万元; 5000元" and rows[2]["amounts_yuan"] == "820000; 5000"
    assert rows[3]["amounts_yuan"] == "0.5"


def test_documents_csv_has_one_row_per_paragraph_and_round_trips(tmp_path):
    """Each paragraph, entry and annotation is a row with its document id, title and section; reading rebuilds them."""
    out = tmp_path / "documents.csv"
    count = export_documents_csv(DOCUMENTS, out)
    rows = read_csv(out)
    assert count == len(rows)
    paragraphs = [r for r in rows if r["row_type"] == "paragraph"]
    assert [(r["document_id"], r["section"], r["number"]) for r in paragraphs] == [
        ("1", "出台政策惠企业", "1"),
        ("1", "出台政策惠企业", "2"),
        ("1", "当好防疫复工勤务员", "3"),
        ("2", "", "1"),
    ]
    assert all(r["document_title"] for r in rows)
    assert {r["row_type"] for r in rows} == {"title", "subtitle", "paragraph", "byline", "entry", "annotation"}
    back = read_documents_csv(out)
    for original, copy in zip(DOCUMENTS, back, strict=True):
        for key in ("id", "kind", "title", "subtitle", "byline", "source", "sections", "timeline", "annotations"):
            assert copy[key] == original[key], key
        assert copy["masthead"]["date"] == original["masthead"]["date"]


def test_search_report_csv_round_trips_with_marked_snippets(tmp_path):
    """Each hit is a row with query, time and total; matches are bracketed 【】 and the report reads back whole."""
    out = tmp_path / "report.csv"
    assert export_search_report_csv(REPORT, out) == 2
    rows = read_csv(out)
    assert rows[0]["query"] == "慰问" and rows[0]["total"] == "7"
    assert rows[0]["marked_snippet"] == "一行走访【慰问】奋战在防疫一线"
    assert rows[1]["marked_snippet"] == "【慰问】防疫，再【慰问】"
    assert read_search_report_csv(out) == REPORT


def test_search_report_csv_without_hits_keeps_the_query(tmp_path):
    """A report with no hits still records what was searched and when."""
    out = tmp_path / "empty.csv"
    empty = {"query": "不存在", "ran_at": "2026-11-28T10:00:00", "total": 0, "hits": []}
    export_search_report_csv(empty, out)
    assert read_search_report_csv(out) == empty


def test_json_is_utf8_unescaped_indented_and_round_trips(tmp_path):
    """JSON keeps Chinese as characters, is indented, and reads back equal (Decimal and dates converted)."""
    out = tmp_path / "doc.json"
    data = {"documents": DOCUMENTS, "exported": dt.datetime(2026, 11, 28, 10, 0), "yuan": Decimal("2124500")}
    export_json(data, out)
    raw = out.read_text(encoding="utf-8")
    assert "无锡各级工会多管齐下保复工" in raw and "\\u" not in raw
    assert raw.startswith("{\n  ")
    back = read_json(out)
    assert back["documents"] == json.loads(json.dumps(DOCUMENTS, default=float))
    assert back["exported"] == "2026-11-28T10:00:00" and back["yuan"] == 2124500
    assert read_json(out) == json.loads(out.read_bytes())
