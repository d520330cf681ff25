"""Files on disk: readable names (GBK names too), folder walks that miss nothing, size-checked reads."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from archiveviewer.ingest.decoding import MAX_BYTES, check_size, plausibility
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.loaders import kind_of

# Scans and PDFs are bigger than text; text formats keep the text limit (it bounds parsing time).
MAX_BINARY_BYTES = 100 * 1024 * 1024
_TEXT_KINDS = {"text", "html"}


def display_name(name: str) -> str:
    """A file name fit to store and print.

    Linux hands over undecodable bytes as surrogates (a GBK-named file from an old zip):
    they are read as GB18030 or Big5 where that gives Chinese, else shown as \\xNN escapes.
    Control characters (a newline in a name) are escaped so a message stays one line."""
    text = _decode_name(os.fsencode(name))
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


def _decode_name(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in ("gb18030", "big5"):
        try:
            candidate = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausibility(candidate) >= 0.5:
            return candidate
    return raw.decode("utf-8", "backslashreplace")


def _escape(c: str) -> str:
    # The CLI's style (cli.one_line): \n for a newline, \uXXXX for other controls.
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or f"\\u{ord(c):04x}"


def size_limit(name: str) -> int:
    return MAX_BYTES if kind_of(name) in _TEXT_KINDS or kind_of(name) is None else MAX_BINARY_BYTES


def read_file(path: Path) -> bytes:
    """The file's bytes, refused (IngestError) when too large, before reading it into memory."""
    name = display_name(path.name)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError.for_file(name, "is a folder")
        check_size(info.st_size, name, size_limit(path.name))
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError.for_file(display_name(str(path)), "no such file") from None
    except IsADirectoryError:
        raise IngestError.for_file(name, "is a folder") from None
    except PermissionError:
        raise IngestError.for_file(name, "permission denied") from None
    except OSError as exc:
        raise IngestError.for_file(name, f"cannot read ({exc.strerror})") from None


@dataclass
class FolderScan:
    """What a walk over the given paths found: files to import, and everything passed over, with why."""

    files: list[Path] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # "name: unsupported file type (.xyz)"
    skipped: list[str] = field(default_factory=list)  # unreadable folders, dangling links, link loops


def scan_paths(paths) -> FolderScan:
    """Files as given; folders contribute every supported file (recursively, sorted), nothing silently."""
    scan = FolderScan()
    for p in map(Path, paths):
        if p.is_dir():
            _walk(p, scan, seen=set())
        else:
            scan.files.append(p)  # named explicitly: tried, and refused with a reason if need be
    return scan


def _walk(folder: Path, scan: FolderScan, seen: set[tuple[int, int]]) -> None:
    try:
        info = folder.stat()
    except OSError as exc:
        scan.skipped.append(f"{display_name(str(folder))}: folder not readable ({exc.strerror})")
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        scan.skipped.append(f"{display_name(str(folder))}: skipped, a link back to a folder already read (a loop)")
        return
    seen = seen | {key}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        scan.skipped.append(f"{display_name(str(folder))}: folder not readable ({exc.strerror})")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows links: a linked folder is read (loops caught above)
            is_file = entry.is_file()
        except OSError as exc:
            scan.skipped.append(f"{display_name(str(path))}: cannot read ({exc.strerror})")
            continue
        if is_dir:
            _walk(path, scan, seen)
        elif is_file:
            if kind_of(entry.name) is None:
                suffix = display_name(path.suffix) or path.name
                scan.unsupported.append(f"{display_name(str(path))}: unsupported file type ({suffix})")
            else:
                scan.files.append(path)
        elif entry.is_symlink():
            scan.skipped.append(f"{display_name(str(path))}: broken link (its target does not exist)")
        else:
            scan.skipped.append(f"{display_name(str(path))}: not a regular file")
