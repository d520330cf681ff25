"""Command-line corrections and annotations: edit, tag, note, history, restore.

Each command is one transaction; a refused one (bad value, unknown field or
id, stale `--if-version`) prints one line on stderr, exits 1 and writes nothing.
Services are imported inside the handlers so `archiveviewer --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

TARGETS = ("entry", "document")


def add_edit_commands(sub, commands: dict[str, Callable]) -> None:
    """Register the subcommands on `sub` (argparse subparsers) and their handlers in `commands`."""
    ed = sub.add_parser("edit", help="correct a field of an entry or a document (kept as a revision)")
    ed.add_argument("entity", choices=TARGETS)
    ed.add_argument("id", type=int)
    ed.add_argument("field", help="entry: date, text; document: title, subtitle, kind, paper, page, date, byline")
    ed.add_argument("value", help="the new value (dates: YYYY-MM-DD, YYYY-MM or YYYY; '' leaves a document undated)")
    ed.add_argument(
        "--if-version", type=int, metavar="N", help="refuse unless the item is still at version N (see show --json)"
    )

    tag = sub.add_parser("tag", help="add or remove a tag on an entry or a document")
    tag.add_argument("action", choices=("add", "remove"))
    tag.add_argument("entity", choices=TARGETS)
    tag.add_argument("id", type=int)
    tag.add_argument("tag")

    note = sub.add_parser("note", help="add a note to an entry or a document")
    note.add_argument("action", choices=("add",))
    note.add_argument("entity", choices=TARGETS)
    note.add_argument("id", type=int)
    note.add_argument("text")

    hist = sub.add_parser("history", help="the revisions of an entry or a document")
    hist.add_argument("entity", choices=TARGETS)
    hist.add_argument("id", type=int)
    hist.add_argument("--json", action="store_true")

    res = sub.add_parser("restore", help="apply a revision's old value again (as a new revision)")
    res.add_argument("revision", type=int, metavar="REVISION_ID")

    commands.update(edit=_cmd_edit, tag=_cmd_tag, note=_cmd_note, history=_cmd_history, restore=_cmd_restore)


def _refusal(exc: Exception) -> Exception:
    from archiveviewer.cli import CliError

    return CliError(str(exc))


def _run(args: argparse.Namespace, action: Callable):
    """Open the archive, run `action(archive)`, and turn refusals into one-line CLI errors."""
    from archiveviewer.app.bootstrap import open_archive
    from archiveviewer.app.edit_service import EditError
    from archiveviewer.app.queries import NotFound

    with open_archive(args.archive, args.db) as archive:
        try:
            return action(archive)
        except (EditError, NotFound) as exc:
            raise _refusal(exc) from None


def _cmd_edit(args) -> int:
    from archiveviewer.app.edit_service import ConflictError, EditService

    def edit(archive):
        service = EditService(archive)
        read = args.if_version if args.if_version is not None else service.version(args.entity, args.id)
        method = service.edit_entry if args.entity == "entry" else service.edit_document
        try:
            return read, method(args.id, args.field, args.value, read)
        except ConflictError as exc:
            if args.if_version is None or exc.current_version is None:
                raise
            raise _refusal(
                f"{args.entity} {args.id} is at version {exc.current_version}, not {args.if_version} "
                f"(changed meanwhile); nothing was saved"
            ) from None

    before, after = _run(args, edit)
    if after == before:
        print(f"{args.entity} {args.id}: {args.field} unchanged (version {after})")
    else:
        print(f"{args.entity} {args.id}: {args.field} saved (version {after})")
    return 0


def _cmd_tag(args) -> int:
    from archiveviewer.app.annotation_service import AnnotationService

    def tag(archive):
        service = AnnotationService(archive)
        method = service.add_tag if args.action == "add" else service.remove_tag
        return method(args.entity, [args.id], args.tag)

    changes = _run(args, tag)
    if args.action == "add":
        print(f"{args.entity} {args.id}: tagged {args.tag}" if changes else f"{args.entity} {args.id}: already tagged")
    else:
        print(
            f"{args.entity} {args.id}: untagged {args.tag}" if changes else f"{args.entity} {args.id}: had no such tag"
        )
    return 0


def _cmd_note(args) -> int:
    from archiveviewer.app.annotation_service import AnnotationService

    note = _run(args, lambda archive: AnnotationService(archive).add_note(args.entity, args.id, args.text))
    print(f"note {note['id']} added to {args.entity} {args.id}")
    return 0


def _cmd_history(args) -> int:
    from archiveviewer.app.edit_service import EditService

    def history(archive):
        service = EditService(archive)
        revisions = service.revisions(args.entity, args.id)
        if not revisions:
            service.version(args.entity, args.id)  # an unknown id is an error, not an empty history
        return revisions

    revisions = _run(args, history)
    if args.json:
        print(json.dumps(revisions, ensure_ascii=False, indent=2))
        return 0
    if not revisions:
        print(f"{args.entity} {args.id}: no revisions (as imported)")
    for r in revisions:
        print(f"{r['id']:>6}  {r['at']}  {r['who']}  {r['field']}: {_short(r['old'])} → {_short(r['new'])}")
    return 0


def _short(value: str | None, width: int = 60) -> str:
    if value is None:
        return "—"
    one = " ".join(value.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _cmd_restore(args) -> int:
    from archiveviewer.app.edit_service import EditService

    version = _run(args, lambda archive: EditService(archive).restore(args.revision))
    print(f"restored revision {args.revision} (version {version})")
    return 0
