"""Decoding imported files: encodings detected, newlines normalised, non-text refused."""

import codecs

import pytest

from archiveviewer.ingest import decoding
from archiveviewer.ingest.decoding import MAX_BYTES, decode_bytes
from archiveviewer.ingest.errors import IngestError

SIMPLIFIED = "无锡市总工会筹措资金44万元驰援防控新型冠状病毒肺炎的2家市级定点医院。\n引导职工加强自我防护。\n"
TRADITIONAL = "無錫市總工會籌措資金44萬元馳援防控新型冠狀病毒肺炎的2家市級定點醫院。\n引導職工加強自我防護。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (SIMPLIFIED.encode("gbk"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5"],
)
def test_supported_encodings_are_detected(data, encoding):
    """Each supported encoding decodes to the original text under its canonical name."""
    decoded = decode_bytes(data, "page.txt")
    assert decoded.encoding == encoding
    assert decoded.text in (SIMPLIFIED, TRADITIONAL)
    assert not decoded.text.startswith("\ufeff")


def test_short_traditional_text_decodes_as_big5_not_gb_mojibake():
    """A few Big5 characters are read as Big5, though they are also valid GB18030 bytes."""
    data = "無錫市總工會籌措資金".encode("big5")
    data.decode("gb18030")  # the trap: GB18030 accepts these bytes too
    assert decode_bytes(data, "x.txt").text == "無錫市總工會籌措資金"


def test_short_simplified_gbk_text_decodes_as_gb18030():
    """A few GBK characters are read as GB18030 even when they also decode as Big5."""
    data = "无锡市总工会筹措资金".encode("gbk")
    decoded = decode_bytes(data, "x.txt")
    assert (decoded.text, decoded.encoding) == ("无锡市总工会筹措资金", "gb18030")


def test_sample_page_decodes_as_utf8(sample_path, sample_text):
    """The shipped sample is UTF-8 and decodes to exactly its text."""
    decoded = decode_bytes(sample_path.read_bytes(), sample_path.name)
    assert (decoded.text, decoded.encoding) == (sample_text, "utf-8")


def test_sample_page_survives_every_legacy_encoding(sample_text):
    """The sample page round-trips through GB18030, and its traditional form through Big5."""
    text = sample_text.replace("｜", "|")
    assert decode_bytes(text.encode("gb18030"), "p.txt").text == text
    opencc = pytest.importorskip("opencc")
    traditional = opencc.OpenCC("s2tw").convert(text)  # Taiwan forms are all in Big5
    assert decode_bytes(traditional.encode("big5"), "p.txt") == decoding.DecodedText(traditional, "big5")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_are_normalised(newline):
    """Windows and old Mac line ends become \\n."""
    data = newline.join(["第一行", "第二行", ""]).encode("utf-8")
    assert decode_bytes(data, "x.txt").text == "第一行\n第二行\n"


def test_utf16_newlines_are_normalised():
    """UTF-16 text (which contains NUL bytes) is decoded and its newlines normalised."""
    data = "第一行\r\n第二行".encode("utf-16")
    assert decode_bytes(data, "x.txt").text == "第一行\n第二行"


def test_binary_file_is_refused_naming_file_and_reason():
    """A PNG header with NUL bytes is not text: the message names the file and the reason."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    with pytest.raises(IngestError) as err:
        decode_bytes(png, "photo.bin")
    assert str(err.value) == "photo.bin: not a text file (contains NUL bytes)"


def test_control_characters_are_refused():
    """Bytes full of control characters but without NULs are not text either."""
    with pytest.raises(IngestError, match=r"^blob\.dat: not a text file"):
        decode_bytes(b"abc\x01\x02\x03\x04def", "blob.dat")


def test_empty_file_is_refused():
    """An empty file is refused with a message saying so."""
    with pytest.raises(IngestError, match=r"^empty\.txt: file is empty$"):
        decode_bytes(b"", "empty.txt")


@pytest.mark.parametrize("data", [b" \n\t\r\n ", "\u3000\n".encode("utf-8"), codecs.BOM_UTF8 + b"\n"])
def test_whitespace_only_file_is_refused(data):
    """A file holding only whitespace (or only a BOM) counts as empty."""
    with pytest.raises(IngestError, match=r"^blank\.txt: file is empty \(whitespace only\)$"):
        decode_bytes(data, "blank.txt")


def test_too_large_file_is_refused_with_size_and_limit(monkeypatch):
    """Files over MAX_BYTES are refused; the message gives the size and the limit."""
    assert MAX_BYTES == 20 * 1024 * 1024
    monkeypatch.setattr(decoding, "MAX_BYTES", 2048)
    with pytest.raises(IngestError) as err:
        decode_bytes(b"a" * 3072, "huge.txt")
    assert str(err.value) == "huge.txt: file is too large (3 KiB; the limit is 2 KiB)"


def test_limit_is_reported_in_mebibytes():
    """At the real limit, sizes read in MiB."""
    with pytest.raises(IngestError, match=r"\(20\.5 MiB; the limit is 20 MiB\)"):
        decode_bytes(b"a" * (MAX_BYTES + MAX_BYTES // 40), "big.txt")


def test_undecodable_bytes_are_refused():
    """Bytes valid in none of UTF-8, GB18030 or Big5 are refused as undecodable."""
    garbage = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(IngestError, match=r"^junk\.txt: cannot decode the text"):
        decode_bytes(garbage, "junk.txt")


def test_broken_utf16_is_refused():
    """A UTF-16 BOM followed by an odd, truncated byte sequence is refused, not guessed."""
    with pytest.raises(IngestError, match=r"^u\.txt: cannot decode the text as utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + "文".encode("utf-16-le") + b"\x00\xd8", "u.txt")


def test_plausibility_prefers_common_characters():
    """Common Chinese text scores high; the same bytes read with the wrong codec score low."""
    data = "無錫市總工會籌措資金".encode("big5")
    assert decoding.plausibility(data.decode("big5")) > decoding.plausibility(data.decode("gb18030"))


def test_non_chinese_legacy_text_falls_back_to_a_general_detector():
    """Japanese Shift-JIS text (not plausible as GB18030 or Big5) decodes correctly via charset-normalizer."""
    text = "東京都の新しい図書館は、毎日たくさんの人が訪れます。ここでは古い新聞を読むことができます。\n" * 5
    decoded = decode_bytes(text.encode("shift_jis"), "japanese.txt")
    assert decoded.text == text and decoded.encoding in {"shift_jis", "cp932"}


def test_latin1_text_is_read_as_western_not_guessed_as_baltic():
    """Latin-1 text comes back as written ("déjà vu naïve"), under cp1252, never as cp1257 ("déją vu naļve")."""
    for text in ("déjà vu naïve\n", "Grüße aus München, das Café ist schön.\n", "Ça coûte 5 €, señor.\n"):
        decoded = decode_bytes(text.encode("cp1252"), "west.txt")
        assert (decoded.text, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Sveiki, ąžuolas čia šalia ėjo ūkininkas\n", "cp1257"),
        ("Ąžuolas\n", "cp1257"),
        ("Zażółć gęślą jaźń\n", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy\n", "cp1250"),
    ],
)
def test_central_european_and_baltic_code_pages_are_told_apart_by_their_letters(text, codec):
    """Bytes that also read as Latin letters in cp1252 are decoded where their own letters make it clear."""
    assert decode_bytes(text.encode(codec), "x.txt") == decoding.DecodedText(text, codec)


def test_ambiguous_latin_text_is_refused_not_guessed():
    """A short text whose bytes read as plausible letters in several code pages is refused with the reason."""
    with pytest.raises(IngestError, match=r"^dk\.txt: cannot tell the encoding .*save the file as UTF-8"):
        decode_bytes("Ærøskøbing på Ærø\n".encode("latin-1"), "dk.txt")


def test_single_script_legacy_text_is_read():
    """Cyrillic cp1251 and Greek cp1253 text, unambiguous in their script, decode correctly."""
    for text, codec in (
        ("Привет мир, это тест кодировки\n", "cp1251"),
        ("Καλημέρα κόσμε, αυτό είναι ένα τεστ\n", "cp1253"),
    ):
        assert decode_bytes(text.encode(codec), "x.txt") == decoding.DecodedText(text, codec)


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5", "utf-16"])
def test_control_characters_past_the_first_64_kib_are_refused(codec):
    """A control character deep in a long file is found too, in every encoding."""
    body = ("無錫市總工會籌措資金。\n" if codec == "big5" else SIMPLIFIED) * 3000
    data = (body + "\x01\x02尾").encode(codec)
    assert len(data) > 65536
    with pytest.raises(IngestError, match=r"^long\.txt: not a text file \(contains control characters\)$"):
        decode_bytes(data, "long.txt")


def test_one_size_check_for_every_reader(monkeypatch, tmp_path):
    """decode_bytes and ingest.files.read_file refuse through the same check, with the same message."""
    from archiveviewer.ingest.files import read_file

    monkeypatch.setattr(decoding, "MAX_BYTES", 2048)
    f = tmp_path / "huge.txt"
    f.write_bytes(b"a" * 3072)
    with pytest.raises(IngestError) as from_bytes:
        decode_bytes(f.read_bytes(), "huge.txt")
    monkeypatch.setattr("archiveviewer.ingest.files.MAX_BYTES", 2048)
    with pytest.raises(IngestError) as from_file:
        read_file(f)
    assert str(from_bytes.value) == str(from_file.value) == "huge.txt: file is too large (3 KiB; the limit is 2 KiB)"
