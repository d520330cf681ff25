"""Related-document formats: HTML, DOCX and PDF read as text; damaged, encrypted, hostile files refused."""

import io
import zipfile

import pytest
from scan_fixtures import text_pdf

from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.loaders import html_loader, kind_of, load, media_type_of
from archiveviewer.ingest.loaders.docx_loader import MAX_RATIO

NOTICE = "关于做好疫情防控期间企业复工的通知"
BODY = "无锡市总工会筹措资金44万元，驰援两家市级定点医院。"


def no_ocr():
    return None


# -- kinds


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.TXT", "text"), ("b.md", "text"), ("README", "text"), ("p.HTM", "html"), ("x.pdf", "pdf"),
     ("w.docx", "docx"), ("s.PNG", "image"), ("s.jpeg", "image"), ("s.tif", "image"), ("t.xlsx", None),
     ("old.doc", None)],
)  # fmt: skip
def test_file_types_map_to_loaders(name, kind):
    """Each supported suffix (any case) has a loader; others have none."""
    assert kind_of(name) == kind


# -- HTML


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb2312", "big5", "gb18030"])
def test_html_in_declared_encoding_yields_title_and_text_without_markup(encoding):
    """The <meta charset> decides; scripts, styles and tags are gone; <title> leads the text."""
    big5 = encoding == "big5"
    title, body = ("關於復工的通知", "無錫市總工會籌措資金44萬元。") if big5 else (NOTICE, BODY)
    second, wrapped = ("第二段", "換行&實體") if big5 else ("第二段", "换行&实体")
    page = (
        f'<html><head><meta charset="{encoding}"><title>{title}</title>'
        "<style>p {color: red}</style><script>var x = '<p>不要</p>';</script></head>"
        f"<body><h1>{title}</h1><p>{body}</p><p>{second}<br>{wrapped.replace('&', '&amp;')}</p></body></html>"
    )
    loaded = load(page.encode(encoding), "notice.html", no_ocr)
    assert loaded.title == title
    assert loaded.text == f"{title}\n\n{body}\n\n{second}\n{wrapped}\n"
    assert "不要" not in loaded.text and "color" not in loaded.text
    assert loaded.media_type == "text/html"


def test_html_without_declaration_is_detected_like_text():
    """A GBK page without a meta tag is detected as text files are."""
    loaded = load(f"<p>{BODY}</p>".encode("gbk"), "x.htm", no_ocr)
    assert loaded.text == BODY + "\n" and loaded.encoding == "gb18030"


def test_html_nested_ten_thousand_deep_is_refused():
    """A page nested 10,000 elements deep is refused with the reason, not a recursion error."""
    page = "<div>" * 10_000 + "深" + "</div>" * 10_000
    with pytest.raises(IngestError, match=r"^deep\.html: HTML nested too deeply \(more than 1,000 levels\)$"):
        load(page.encode(), "deep.html", no_ocr)


def test_html_unclosed_paragraphs_do_not_count_as_depth():
    """`<p>a<p>b` repeated thousands of times is flat text, as browsers read it."""
    page = "<p>段落" * 5000
    assert load(page.encode(), "flat.html", no_ocr).text.count("段落") == 5000
    assert html_loader.MAX_DEPTH == 1000


def test_html_without_text_is_refused():
    """A page with only markup has nothing to import."""
    with pytest.raises(IngestError, match=r"^e\.html: no text found"):
        load(b"<html><script>x()</script></html>", "e.html", no_ocr)


# -- DOCX


def make_docx(blocks) -> bytes:
    import docx

    document = docx.Document()
    for kind, value in blocks:
        if kind == "heading":
            document.add_heading(value, level=1)
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            document.add_paragraph(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_headings_and_tables_in_order():
    """Headings, paragraphs and table rows come out in document order, one block each."""
    data = make_docx(
        [("heading", NOTICE), ("p", BODY), ("table", [["日期", "金额"], ["1月24日", "44万元"]]), ("p", "结尾。")]
    )
    loaded = load(data, "通知.docx", no_ocr)
    assert loaded.title == NOTICE
    assert loaded.text == f"{NOTICE}\n\n{BODY}\n\n日期　金额\n\n1月24日　44万元\n\n结尾。\n"
    assert loaded.media_type == media_type_of("x.docx")


def test_corrupt_docx_is_refused():
    """Bytes that are not a zip, and a zip without a Word document inside, are refused with the reason."""
    with pytest.raises(IngestError, match=r"^bad\.docx: not a valid DOCX file \(the zip container is damaged\)$"):
        load(b"PK\x03\x04 this is not really a zip", "bad.docx", no_ocr)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match=r"^e\.docx: not a Word document"):
        load(out.getvalue(), "e.docx", no_ocr)


def test_docx_truncated_is_refused():
    """A DOCX cut short (a broken download) is refused, not half read."""
    data = make_docx([("p", BODY)])
    with pytest.raises(IngestError, match=r"^cut\.docx: "):
        load(data[: len(data) // 2], "cut.docx", no_ocr)


def test_zip_bomb_docx_is_refused_before_decompressing():
    """A member that unpacks to far more than its packed size is refused from the sizes in the zip directory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (8 * 1024 * 1024))
    info = zipfile.ZipFile(io.BytesIO(out.getvalue())).getinfo("word/document.xml")
    assert info.file_size > MAX_RATIO * info.compress_size
    with pytest.raises(
        IngestError, match=r"^bomb\.docx: refused: word/document\.xml unpacks 8,388,609 bytes .*zip bomb"
    ):
        load(out.getvalue(), "bomb.docx", no_ocr)


# -- PDF


def test_pdf_text_layer_in_page_order():
    """Each page's text layer, in reading order, pages apart."""
    data = text_pdf([[NOTICE, BODY], ["第二页的内容。"]])
    loaded = load(data, "notice.pdf", no_ocr)
    assert loaded.text == f"{NOTICE}\n{BODY}\n\n第二页的内容。\n"
    assert (loaded.encoding, loaded.pages, loaded.ocr_confidence) == ("pdf", 2, ())


def test_encrypted_pdf_is_refused():
    """A password-protected PDF is refused saying so."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(text_pdf([[NOTICE]])))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(IngestError, match=r"^locked\.pdf: the PDF is encrypted \(password protected\)$"):
        load(out.getvalue(), "locked.pdf", no_ocr)


def test_pdf_with_owner_password_only_is_read():
    """Copy/print restrictions alone (empty user password) do not stop reading."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(text_pdf([[NOTICE]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert load(out.getvalue(), "r.pdf", no_ocr).text == NOTICE + "\n"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n\x00\x01binary", b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"not a pdf at all"]
)
def test_corrupt_pdf_is_refused(data):
    """Damaged or fake PDFs are refused with a one-line reason."""
    with pytest.raises(IngestError) as err:
        load(data, "broken.pdf", no_ocr)
    assert str(err.value).startswith("broken.pdf: ") and "\n" not in str(err.value)


def test_truncated_pdf_is_refused_or_read_never_crashes():
    """A PDF cut at any point either reads (pypdf recovers) or is refused; nothing else escapes."""
    data = text_pdf([[NOTICE, BODY]])
    for cut in range(100, len(data), max(1, len(data) // 40)):
        try:
            load(data[:cut], "cut.pdf", no_ocr)
        except IngestError as exc:
            assert str(exc).startswith("cut.pdf: ")


def test_scan_without_ocr_is_kept_without_text():
    """Without Tesseract a scanned PDF or an image loads as not searchable (text None), not as an error."""
    from scan_fixtures import render_scan, scanned_pdf

    pdf = load(scanned_pdf(["扫描"]), "scan.pdf", no_ocr)
    assert (pdf.text, pdf.searchable, pdf.pages) == (None, False, 1)
    png = load(render_scan("扫描"), "scan.png", no_ocr)
    assert (png.text, png.media_type) == (None, "image/png")


def test_misnamed_image_is_refused():
    """A .png that is not a PNG is refused as damaged or misnamed."""
    with pytest.raises(IngestError, match=r"^fake\.png: not a PNG image"):
        load(b"GIF89a....", "fake.png", no_ocr)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.binary(max_size=4000), st.sampled_from(["x.txt", "x.html", "x.pdf", "x.docx", "x.md"]))
def test_any_bytes_give_text_or_the_projects_own_error(data, name):
    """Fuzzed bytes under every text-ish suffix: a result or an IngestError naming the file, nothing else."""
    try:
        loaded = load(data, name, no_ocr)
    except IngestError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc)
    else:
        assert loaded.text is None or isinstance(loaded.text, str)


TAG_SOUP = ["<div>", "</div>", "<p>", "<br>", "<td>", "<script>", "</script>", "文字", "&amp;", "<"]


@given(st.lists(st.sampled_from(TAG_SOUP), max_size=3000))
def test_fuzzed_html_structure_never_escapes_as_another_exception(parts):
    """Random tag soups (deep, unbalanced, unclosed scripts): text or the project's error."""
    try:
        load("".join(parts).encode(), "soup.html", no_ocr)
    except IngestError as exc:
        assert str(exc).startswith("soup.html: ")
