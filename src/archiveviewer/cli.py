"""Command line: the desktop app by default, subcommands for batch work."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import re
import sys
import time
from pathlib import Path

from archiveviewer import __version__

EXIT_USAGE = 2
# How long a command waits for another writer (an import holding the archive's write lock).
LOCK_WAIT_S = 120.0
MAX_ID = 2**31 - 1


class CliError(Exception):
    """A user error: printed as one line on stderr, exit status 1."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="archiveviewer",
        description="Offline viewer for digitized Chinese newspaper archives.",
    )
    p.add_argument("--version", action="version", version=f"ArchiveViewer {__version__}")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--archive", metavar="DIR", help="archive folder (default: per-user data folder, or $ARCHIVEVIEWER_ARCHIVE)"
    )
    where.add_argument("--db", metavar="URL", help="database server URL (PostgreSQL) instead of a folder")
    p.add_argument(
        "--portable",
        action="store_true",
        help="keep the archive, settings and caches in ArchiveViewer-data/ beside the program",
    )
    p.add_argument(
        "--startup-benchmark",
        action="store_true",
        help="start the window, print the time to an interactive window, quit",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="start the desktop app (the default)")

    imp = sub.add_parser("import", help="import newspaper pages and documents (files or folders)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")

    tl = sub.add_parser("timeline", help="all timeline entries in date order")
    tl.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="one document with its structure")
    show.add_argument("--json", action="store_true")
    show.add_argument("id", type=int)

    docs = sub.add_parser("documents", help="list the documents in the archive")
    docs.add_argument("--json", action="store_true")

    s = sub.add_parser("search", help="full-text search (see README: query language)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=20, help="hits to print; 0 means all (default 20)")
    s.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    s.add_argument("query")

    sub.add_parser("reindex", help="rebuild the search index from the database")

    ex = sub.add_parser("export", help="export documents, the timeline or a search report")
    ex.add_argument("--format", choices=["pdf", "csv", "json"], required=True)
    ex.add_argument("-o", "--output", required=True, metavar="OUT")
    ex.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    what = ex.add_mutually_exclusive_group()
    what.add_argument("--timeline", action="store_true", help="export the whole timeline")
    what.add_argument("--search", metavar="QUERY", help="export a search report")
    ex.add_argument("ids", nargs="*", type=int, metavar="ID", help="documents to export (default: all)")
    from archiveviewer.cli_edit import add_edit_commands  # edit, tag, note, history, restore

    add_edit_commands(sub, _COMMANDS)
    return p


_SEARCH_OPTIONS = {"--json", "--limit", "--sort", "-h", "--help"}
_SEARCH_VALUED = {"--limit", "--sort"}


def _protect_negated_terms(argv: list[str]) -> list[str]:
    """`search -微信` is a query excluding 微信, not an unknown option: put `--` before it."""
    if "search" not in argv or "--" in argv:
        return argv
    i = argv.index("search") + 1
    while i < len(argv):
        arg = argv[i]
        name = arg.split("=", 1)[0]
        if name in _SEARCH_OPTIONS:
            i += 2 if name in _SEARCH_VALUED and "=" not in arg else 1
            continue
        if arg.startswith("-") and len(arg) > 1:
            return argv[:i] + ["--"] + argv[i:]
        i += 1
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(_protect_negated_terms(argv))
    command = args.command or "gui"
    if args.portable:
        from archiveviewer.user_dirs import enable_portable

        enable_portable()
    if command == "gui":
        from archiveviewer.gui.main_app import run_gui

        return run_gui(archive=args.archive, db_url=args.db, startup_benchmark=args.startup_benchmark)
    stdout, stderr = sys.stdout, sys.stderr
    # Names, titles and texts come from files: nothing they hold may drive the terminal.
    sys.stdout, sys.stderr = _Escaping(stdout), _Escaping(stderr)
    handler = _one_line_logging()
    try:
        code = _run(command, args)
        # A logged error is a failure the command survived (e.g. the index missed a committed
        # import on a full disk; it is rebuilt on the next search): the exit status must say so.
        return 1 if code == 0 and handler.errors else code
    finally:
        logging.getLogger().removeHandler(handler)
        sys.stdout, sys.stderr = stdout, stderr


def _run(command: str, args) -> int:
    deadline = None
    while True:
        try:
            return _COMMANDS[command](args)
        except CliError as exc:
            _error(str(exc))
            return 1
        except KeyboardInterrupt:
            _error("interrupted")
            return 130
        except BrokenPipeError:
            # The reader went away (`… | head`): stop quietly, as the docs of `signal` advise.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except Exception as exc:
            from archiveviewer.storage.database import is_locked

            if is_locked(exc):
                # Another import or edit holds SQLite's write lock beyond its busy timeout. Every
                # command is one transaction that was rolled back, so running it again is safe.
                if deadline is None:
                    deadline = time.monotonic() + LOCK_WAIT_S
                    _error("waiting for another program (an import or an edit?) to finish writing to the archive…")
                if time.monotonic() < deadline:
                    continue
            message = _user_message(exc, args)
            if message is None:
                raise
            _error(message)
            return 1


def _error(message: str) -> None:
    print(f"archiveviewer: {one_line(message)}", file=sys.stderr)


def gui_main() -> int:
    return main(sys.argv[1:] or ["gui"])


# C0 and C1 controls, DEL and the bidirectional overrides (which can reorder what is shown).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_char(m: re.Match) -> str:
    c = m.group()
    # \uXXXX reads as an escape in text and stays valid inside --json output.
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or f"\\u{ord(c):04x}"


def escape(text: str) -> str:
    """Text safe for a terminal: control characters (but newlines and tabs) shown as escapes."""
    return _CONTROL.sub(_escape_char, text)


def one_line(text: str) -> str:
    """`escape`, and newlines too: a name or message stays on its line."""
    return _CONTROL_OR_NEWLINE.sub(_escape_char, text)


class _Escaping:
    """A text stream that escapes control characters on their way to the terminal or a pipe."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        # Surrogates (undecodable bytes of a file name) are shown as escapes, not raised.
        clean = escape(text).encode("utf-8", "backslashreplace").decode("utf-8")
        return self._stream.write(clean)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _CountingHandler(logging.StreamHandler):
    errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.errors += 1
        super().emit(record)


class _OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # A logged traceback is for developers: the user gets its one-line summary.
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        return f"archiveviewer: {one_line(message)}"


def _one_line_logging() -> _CountingHandler:
    handler = _CountingHandler(sys.stderr)
    handler.setLevel(logging.ERROR)  # warnings (an index found stale) are followed by what the CLI does
    handler.setFormatter(_OneLineFormatter())
    logging.getLogger().addHandler(handler)
    return handler


def _user_message(exc: Exception, args=None) -> str | None:
    """The one-line message for errors that are the user's or the environment's, not bugs."""
    from sqlalchemy.exc import DBAPIError

    from archiveviewer.app.queries import NotFound
    from archiveviewer.export.errors import ExportError
    from archiveviewer.ingest.errors import IngestError
    from archiveviewer.search.items import QuerySyntaxError
    from archiveviewer.storage.database import StorageError, describe_error

    if isinstance(exc, QuerySyntaxError):
        return f"invalid query: {exc}"
    if isinstance(exc, (IngestError, StorageError, NotFound, ExportError)):
        return str(exc)
    if isinstance(exc, DBAPIError):
        if "out of range" in str(exc.orig):  # PostgreSQL: an id beyond its integer type
            return "a number is out of range"
        return describe_error(exc, _sqlite_file(args))
    if isinstance(exc, OverflowError):
        return "a number is out of range"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return f"the disk is full: {exc.filename or ''}".rstrip(": ")
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return None


def _sqlite_file(args) -> Path | None:
    if args is None or getattr(args, "db", None):
        return None
    from archiveviewer.app.archive import DB_FILE, resolve_location

    folder = resolve_location(getattr(args, "archive", None)).folder
    return folder / DB_FILE if folder else None


def _check_text(value: str, what: str) -> str:
    """Refuse a query the terminal passed as undecodable bytes (Python keeps them as surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise CliError(f"the {what} “{shown}” is not valid UTF-8 text") from None
    return value


def _check_id(value: int) -> int:
    """Ids are positive 32-bit numbers in every database: larger ones name nothing."""
    from archiveviewer.app.queries import NotFound

    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no document with id {value}")
    return value


def _open(args):
    from archiveviewer.app.bootstrap import open_archive

    archive = open_archive(args.archive, args.db)
    if archive.read_only:
        _error(
            f"note: the archive at {archive.location.describe()} is read-only: searching, reading and exporting only"
        )
    return archive


def _dump(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _cmd_import(args) -> int:
    from archiveviewer.app.import_service import ImportJob

    with _open(args) as archive:
        if archive.read_only:
            raise CliError(f"the archive at {archive.location.describe()} is read-only: nothing can be imported")
        job = ImportJob(archive, args.files)
        try:
            report = job.run()
        except KeyboardInterrupt:
            if not job.committed:
                raise  # rolled back: "interrupted", nothing imported
            # Ctrl-C came after the commit: the files are in the archive; say so, not "interrupted".
            report = job.report
            _error("interrupted after the import was committed: the files listed below were imported")
    if args.json:
        _dump(
            {
                "imported": [
                    {
                        "file": f.name,
                        "encoding": f.encoding,
                        "entries": f.entries,
                        "documents": [{"id": i, "kind": k, "title": t} for i, k, t in f.documents],
                    }
                    for f in report.imported
                ],
                "duplicates": report.duplicates,
                "errors": report.errors,
                "unsupported": report.unsupported,
                "skipped": report.skipped,
                "not_searchable": report.unsearchable,
            }
        )
    else:
        for f in report.imported:
            print(
                f"imported {one_line(f.name)} ({f.encoding}): {len(f.documents)} document(s), "
                f"{f.entries} timeline entries"
            )
            for i, kind, title in f.documents:
                print(f"  [{i}] {kind}: {one_line(title)}")
        for d in report.duplicates:
            print(f"skipped duplicate: {one_line(d)}")
        for u in report.unsupported:
            print(f"not imported: {one_line(u)}")
        for n in report.unsearchable:
            print(f"kept as an image, text not searchable (no OCR): {one_line(n)}")
    for k in report.skipped:
        _error(f"skipped {k}")
    for e in report.errors:
        _error(f"refused {e}")
    return 0 if report.ok else 1


def _amounts(entry: dict) -> str:
    return "、".join(a["text"] for a in entry["amounts"])


def _cmd_timeline(args) -> int:
    from archiveviewer.app.read_service import ReadService

    with _open(args) as archive:
        entries = ReadService(archive).timeline()
    if args.json:
        _dump(entries)
        return 0
    for e in entries:
        amounts = f"  [{_amounts(e)}]" if e["amounts"] else ""
        print(f"{e['date']}  {e['text'].replace(chr(10), ' ')}{amounts}")
    return 0


def _cmd_show(args) -> int:
    from archiveviewer.app.read_service import ReadService

    _check_id(args.id)
    with _open(args) as archive:
        doc = ReadService(archive).document(args.id)
    if args.json:
        _dump(doc)
        return 0
    m = doc["masthead"]
    head = " ".join(str(v) for v in (m["paper"], m["page"], m["date"], m["weekday"]) if v)
    if head:
        print(head)
    if doc["subtitle"]:
        print(doc["subtitle"])
    print(doc["title"])
    print("=" * 40)
    for s in doc["sections"]:
        if s["heading"]:
            print(f"\n## {s['heading']}")
        for p in s["paragraphs"]:
            print(f"\n{p}")
    if doc["byline"]:
        print(f"\n（{doc['byline']}）")
    if doc["timeline"]:
        print("\n时间轴:")
        for e in doc["timeline"]:
            print(f"  {e['date']}  {e['text'].splitlines()[0]}")
    return 0


def _cmd_documents(args) -> int:
    from archiveviewer.app.read_service import ReadService

    with _open(args) as archive:
        rows = ReadService(archive).documents()
    if args.json:
        _dump(rows)
        return 0
    for r in rows:
        print(f"{r['id']:>5}  {r['kind']:<8} {r['date'] or '':<10}  {one_line(r['title'])}  ({one_line(r['source'])})")
    return 0


def _ensure_index(archive) -> None:
    from archiveviewer.app.search_service import SearchService

    service = SearchService(archive)
    reason = service.index_problem()
    if reason:
        _error(f"search index {reason}; rebuilding…")
        for _step in service.rebuild_steps():
            pass


def _cmd_search(args) -> int:
    if args.limit < 0:
        raise CliError("--limit must be 0 (all hits) or a positive number")
    _check_text(args.query, "query")
    result = None
    if not args.db:
        from archiveviewer.app.location import resolve_location
        from archiveviewer.app.quick_search import search_if_current

        # Most searches find a current index: answer without opening the archive through SQLAlchemy.
        result = search_if_current(resolve_location(args.archive), args.query, args.limit, args.sort)
    if result is None:
        from archiveviewer.app.search_service import SearchService

        with _open(args) as archive:
            _ensure_index(archive)
            result = SearchService(archive).search(args.query, limit=args.limit, sort=args.sort)
    if args.json:
        _dump(
            {
                "query": result.query,
                "total": result.total,
                "hits": [
                    {
                        "id": h.key,
                        "kind": h.kind,
                        "title": h.title,
                        "date": h.date,
                        "document_id": h.document_id,
                        "source": h.source,
                        "snippet": h.snippet,
                        "highlights": [list(span) for span in h.highlights],
                        "score": round(h.score, 4),
                    }
                    for h in result.hits
                ],
            }
        )
        return 0
    print(f"{result.total} hit(s) for {result.query}")
    for h in result.hits:
        marked = _mark(h.snippet, h.highlights)
        print(f"[{h.key}] {h.date or '':<10} {one_line(h.title)}\n    {one_line(marked)}")
    return 0


def _mark(snippet: str, spans) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [snippet[last:start], "【", snippet[start:end], "】"]
        last = end
    out.append(snippet[last:])
    return "".join(out)


def _cmd_reindex(args) -> int:
    from archiveviewer.app.search_service import SearchService

    with _open(args) as archive:
        total = 0
        for _done, total in SearchService(archive).rebuild_steps():  # noqa: B007 (the last total is the count)
            pass
    print(f"rebuilt the search index: {total} item(s)")
    return 0


def _cmd_export(args) -> int:
    from archiveviewer.app.export_service import ExportService

    out = Path(args.output)
    if args.search is not None:
        _check_text(args.search, "query")
    for i in args.ids:
        _check_id(i)
    with _open(args) as archive:
        service = ExportService(archive)
        if args.timeline:
            pages = service.export_timeline(out, args.format, overwrite=args.force)
        elif args.search:
            _ensure_index(archive)
            pages = service.export_search(args.search, out, args.format, overwrite=args.force)
        else:
            pages = service.export_documents(args.ids or None, out, args.format, overwrite=args.force)
    suffix = f" ({pages} page(s))" if args.format == "pdf" and pages else ""
    print(f"exported to {one_line(str(out))}{suffix}")
    return 0


_COMMANDS = {
    "import": _cmd_import,
    "timeline": _cmd_timeline,
    "show": _cmd_show,
    "documents": _cmd_documents,
    "search": _cmd_search,
    "reindex": _cmd_reindex,
    "export": _cmd_export,
}
