"""The index folder on disk: the CURRENT pointer, ix-*/building-* folders, meta.json and durable writes.

Layout of the folder given to `SearchIndex`::

    CURRENT            name of the live subfolder (replaced atomically)
    rebuild.lock       held by the one process rebuilding (see `FolderLock`)
    write.lock         held while a commit is applied to the index
    ix-<hex>/          a complete Whoosh index and its meta.json
    building-<hex>/    a rebuild in progress (removed when done or abandoned)

A rebuild writes a fresh ``building-*`` folder, renames it to ``ix-*`` and only
then points ``CURRENT`` at it, so a crash leaves the old index or none, never
half of one. ``meta.json`` (schema version, generation, document count, size
and CRC-32 of every file) is rewritten atomically after every commit.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import uuid
import zlib
from pathlib import Path

from filelock import FileLock, Timeout

from archiveviewer.tempfiles import temp_sibling

from .schema import FIELD_SEP, SCHEMA_VERSION, is_indexed_gram
from .whoosh_internals import read_postings

log = logging.getLogger(__name__)


class FolderLock:
    """Held by one thread of one process at a time: a thread lock plus a lock file in the index folder.

    Re-entrant in the thread holding it. Where the lock file cannot be
    created (a read-only folder; without `create_folder`, a folder that does
    not exist) only the thread lock is taken: nothing can be written there.
    """

    def __init__(self, path: Path, create_folder: bool = True):
        self.path = path
        self.create_folder = create_folder
        self._thread = threading.RLock()
        # The thread lock keeps threads of this process apart; the file only other processes.
        self._file = FileLock(str(path), mode=0o600, thread_local=False)
        self._with_file: list[bool] = []

    def acquire(self, timeout: float = -1) -> bool:
        """True once held; False if `timeout` seconds passed first (-1 waits for ever)."""
        if not self._thread.acquire(timeout=timeout):
            return False
        if not self.create_folder and not self.path.parent.is_dir():
            self._with_file.append(False)
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file.acquire(timeout=timeout)
        except Timeout:
            self._thread.release()
            return False
        except OSError as exc:
            log.warning("no lock file %s (%s); locking within this process only", self.path, exc)
            self._with_file.append(False)
            return True
        self._with_file.append(True)
        return True

    def release(self) -> None:
        if self._with_file.pop():
            self._file.release()
        self._thread.release()

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def current_dir(root: Path) -> Path | None:
    """The live ``ix-*`` folder CURRENT names, or None if there is no usable one."""
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not name.startswith("ix-") or "/" in name or "\\" in name:
        return None
    folder = root / name
    return folder if folder.is_dir() else None


def stamp(root: Path, folder: Path | None) -> tuple:
    """Identity of CURRENT and of `folder`'s meta.json (both replaced on every commit): a change means new data."""
    out = []
    for p in (root / "CURRENT", folder / "meta.json" if folder is not None else None):
        try:
            st = os.stat(p) if p is not None else None
        except OSError:
            st = None
        out.append(None if st is None else (st.st_ino, st.st_mtime_ns, st.st_size))
    return tuple(out)


def read_meta(folder: Path) -> dict | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def index_files(folder: Path) -> list[Path]:
    """The files of the Whoosh index itself: what meta.json checksums."""
    return [
        p
        for p in folder.iterdir()
        if p.is_file() and p.name != "meta.json" and "LOCK" not in p.name and not p.name.endswith(".tmp")
    ]


def write_meta(folder: Path, generation: int | None, docs: int, dirty: bool = False) -> None:
    # Whoosh never rewrites a file, so checksums of files seen before carry over.
    old = (read_meta(folder) or {}).get("files", {})
    files = {}
    for p in index_files(folder):
        size = p.stat().st_size
        prev = old.get(p.name)
        if isinstance(prev, list) and len(prev) == 2 and prev[0] == size:
            files[p.name] = prev
        else:
            files[p.name] = [size, crc32(p)]
    meta = {
        "schema": SCHEMA_VERSION,
        "generation": generation,
        "docs": docs,
        "dirty": dirty,
        "files": files,
    }
    atomic_write(folder / "meta.json", json.dumps(meta, indent=1, sort_keys=True))


def mark_dirty(folder: Path) -> None:
    """Record in meta.json that the index missed a change; OSError if that fails."""
    meta = read_meta(folder) or {}
    meta["dirty"] = True
    atomic_write(folder / "meta.json", json.dumps(meta, indent=1, sort_keys=True))


def check_files(folder: Path, meta: dict, verify: bool) -> None:
    """ValueError unless every file meta.json lists has its size (and with `verify`, its CRC-32)."""
    expected = meta.get("files")
    if not isinstance(expected, dict) or not expected:
        raise ValueError("meta.json lists no files")
    for name, (size, crc) in expected.items():
        p = folder / name
        if p.stat().st_size != size:
            raise ValueError(f"{name} changed size")
        if verify and crc32(p) != crc:
            raise ValueError(f"{name} changed content")


def probe(segs, docs) -> None:
    """Touch every file of every segment so damage shows now, not mid-search; ValueError if any is off.

    `segs` are the open index's (CachedSegment, docbase) pairs, `docs` the
    document count meta.json recorded.
    """
    total = 0
    for seg, _base in segs:
        reader = seg.reader
        ids = list(reader.all_doc_ids())
        total += len(ids)
        for d in {ids[0], ids[len(ids) // 2], ids[-1]} if ids else ():
            doc = reader.stored_fields(d)["doc"]
            if not isinstance(doc, tuple) or len(doc) != 11:
                raise ValueError("bad stored document")
            # The document's own key must be findable through the term table.
            key_ids, _ = read_postings(reader, "key", doc[0].encode("utf-8"))
            if d not in key_ids:
                raise ValueError("term table does not match stored documents")
            text = seg.text(d).replace(FIELD_SEP, "")
            for gram in (text[:1], text[-1:]):
                if gram and is_indexed_gram(gram):
                    gids, _ = read_postings(reader, "t", gram.encode("utf-8"))
                    if d not in gids:
                        raise ValueError("postings do not match stored documents")
        for name in ("nlen", "tlen", "kindc", "date"):
            if len(seg.column(name)) != reader.doc_count_all():
                raise ValueError("bad column")
        for fieldname in ("t", "tt", "kind", "key"):
            # Read the first and last posting lists of the term table.
            terms = reader.lexicon(fieldname)
            first = next(iter(terms), None)
            if first is not None:
                read_postings(reader, fieldname, first)
    if total != docs:
        raise ValueError("document count does not match meta.json")


def start_building(root: Path) -> Path:
    """A new empty ``building-*`` folder, after removing any a crashed rebuild left behind."""
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob("building-*"):
        shutil.rmtree(stale, ignore_errors=True)
    building = root / f"building-{uuid.uuid4().hex[:12]}"
    building.mkdir()
    return building


def seal(building: Path, generation: int, docs: int) -> Path:
    """Write meta.json, flush everything to disk and rename the folder to ``ix-*``; returns its new path."""
    write_meta(building, generation, docs)
    fsync_tree(building)
    final = building.with_name("ix-" + building.name.removeprefix("building-"))
    os.replace(building, final)
    return final


def make_current(root: Path, folder: Path) -> None:
    """Point CURRENT at `folder` and remove every other ``ix-*`` folder."""
    atomic_write(root / "CURRENT", folder.name)
    for old in root.glob("ix-*"):
        if old.name != folder.name:
            # On Windows a file still mapped elsewhere cannot go yet; the
            # next rebuild tries again.
            shutil.rmtree(old, ignore_errors=True)


def crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def atomic_write(path: Path, text: str) -> None:
    tmp = temp_sibling(path, "tmp")  # named by pid: a killed writer's leftover is removed on next open
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def fsync_tree(folder: Path) -> None:
    """Flush a finished index to disk before it becomes the current one."""
    for p in folder.iterdir():
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
