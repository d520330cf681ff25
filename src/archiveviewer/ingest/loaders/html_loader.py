"""HTML -> text: visible text in reading order (no markup, scripts or styles), title, declared or detected encoding."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from archiveviewer.ingest.decoding import decode_bytes
from archiveviewer.ingest.errors import IngestError

# Deeper than any real page (browsers cap the DOM at 512 or so): beyond it, a hostile or broken file.
MAX_DEPTH = 1000

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# Labels as pages declare them -> the codec that reads every page so labelled (GB18030 is a
# superset of GBK/GB2312; big5-hkscs of Big5, as browsers do).
_CODEC_FOR_LABEL = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "section", "article",
    "header", "footer", "blockquote", "pre", "hr", "dt", "dd", "dl", "figure", "figcaption", "main", "aside", "nav",
    "address", "caption", "body",
}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
# Elements a new block closes implicitly when left open (`<p>a<p>b`), so they do not pile up as depth.
_AUTO_CLOSE = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}


def load_html(data: bytes, name: str):
    from archiveviewer.ingest.loaders import Loaded

    text, encoding = _decode(data, name)
    parser = _TextParser(name)
    parser.feed(text)
    parser.close()
    body = parser.text()
    title = parser.title or parser.first_h1
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    if not body.strip():
        raise IngestError.for_file(name, "no text found in the HTML page")
    return Loaded(body, encoding, "text/html", title=title)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """A BOM wins, then the page's own <meta charset>, then detection as for text files."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _META_CHARSET.search(data[:8192])
        if match:
            label = match.group(1).decode("ascii").lower()
            codec = _CODEC_FOR_LABEL.get(label, label)
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect instead, as browsers do
    decoded = decode_bytes(data, name)
    return decoded.text, decoded.encoding


class _TextParser(HTMLParser):
    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.stack: list[str] = []
        self.skip = 0
        self.parts: list[str] = []
        self.title: str | None = None
        self.first_h1: str | None = None
        self._title_parts: list[str] | None = None
        self._h1_parts: list[str] | None = None
        self._pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag in ("br", "hr"):
                self.parts.append("\n")
            return
        if tag in _BLOCK and self.stack and self.stack[-1] in _AUTO_CLOSE and tag != "br":
            self.handle_endtag(self.stack[-1])
        self.stack.append(tag)
        if len(self.stack) > MAX_DEPTH:
            raise IngestError.for_file(self.name, f"HTML nested too deeply (more than {MAX_DEPTH:,} levels)")
        if tag == "title":
            self._title_parts = []
        elif tag in _SKIP:
            self.skip += 1
        if tag == "h1" and self.first_h1 is None:
            self._h1_parts = []
        if tag == "pre":
            self._pre += 1
        if tag in _BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return  # a stray end tag: browsers ignore it
        while self.stack:
            open_tag = self.stack.pop()
            self._closed(open_tag)
            if open_tag == tag:
                break

    def _closed(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.title = " ".join("".join(self._title_parts).split()) or None
            self._title_parts = None
        elif tag in _SKIP:
            self.skip -= 1
        if tag == "h1" and self._h1_parts is not None:
            self.first_h1 = " ".join("".join(self._h1_parts).split()) or None
            self._h1_parts = None
        if tag == "pre":
            self._pre -= 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._title_parts is not None:
            self._title_parts.append(data)
            return
        if self.skip:
            return
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        # Source line breaks are layout, not text (except in <pre>).
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        raw = "".join(self.parts)
        paragraphs = [" ".join(line.split()) if "\n" not in line else line.strip() for line in raw.split("\n\n")]
        # Inside a block, <br> gave single newlines: keep them as line breaks.
        cleaned = ["\n".join(ln.strip() for ln in p.split("\n") if ln.strip()) for p in paragraphs]
        return "\n\n".join(p for p in cleaned if p) + "\n"
