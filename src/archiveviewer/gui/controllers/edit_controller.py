"""Every edit of the open archive as a command on one QUndoStack; refusals and conflicts shown, never lost.

Each command is applied once before it is pushed (so a refused edit never
reaches the stack), then undone and redone through the edit services: an undo
is itself an edit with its own revision, never a rollback of history. A save
refused because someone else changed the row meanwhile opens the conflict
dialog (keep mine, take theirs, merge by hand); nothing is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, overload

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.conflict_dialog import KEEP_MINE, MERGED, TAKE_THEIRS, ConflictDialog
from archiveviewer.gui.field_labels import field_label
from archiveviewer.gui.i18n import fill
from archiveviewer.gui.settings import Settings

if TYPE_CHECKING:
    from archiveviewer.app.annotation_service import AnnotationService
    from archiveviewer.app.edit_service import EditService

MAX_CONFLICT_ROUNDS = 3
BULK_CONFLICT_LINES = 10  # rows listed by name when a bulk edit meets others' changes


class Replaced(NamedTuple):
    value: object


class Declined(Exception):
    """The user kept the other person's value (or cancelled): nothing was saved, nothing to undo."""


class EditCommand(QUndoCommand):
    """A change already applied once; redo/undo re-apply it through the controller (which reports errors)."""

    entity = ""
    structural = False  # adds or deletes rows: tables re-read their id lists
    # The field changed ("tags" for tags): views refresh only what shows it. Rows coming and going: "deleted"
    # when this step deleted them (views drop them unread), "" when they came (back) or it is not known.
    field = ""

    def __init__(self, controller: EditController, text: str, ids: list[int]):
        super().__init__(text)
        self.ctl, self.ids = controller, list(ids)
        self._applied_once = False

    def apply(self) -> None:  # pragma: no cover - subclasses implement
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - subclasses implement
        raise NotImplementedError

    def first_apply(self) -> bool:
        ok = self.ctl.guard(self.apply, self)
        self._applied_once = ok
        return ok

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False  # the push's own redo(): already applied
            return
        self.ctl.guard(self.apply, self)

    def undo(self) -> None:
        self.ctl.guard(self.revert, self)


class FieldCommand(EditCommand):
    """One cell: entity.field from `old` to `new` (the value actually saved, after a merge)."""

    def __init__(self, ctl, entity: str, item_id: int, field: str, old, new, version: int, label: str):
        super().__init__(ctl, label, [item_id])
        self.entity, self.field, self.old, self.new, self.version = entity, field, old, new, version

    def apply(self) -> None:
        self.version, self.new, replaced = self.ctl.save_field(
            self.entity, self.ids[0], self.field, self.new, self.version
        )
        if replaced is not None:  # saved over someone else's value: undo puts theirs back, not what we read
            self.old = replaced.value

    def revert(self) -> None:
        self.version, _, _ = self.ctl.save_field(self.entity, self.ids[0], self.field, self.old, self.version)


class BulkFieldCommand(EditCommand):
    """One field set on many rows in one transaction; undone row by row from the recorded old values.

    `versions` are the rows' versions as the table read them: a row someone else changed since refuses
    the whole edit (all or nothing) unless the user chooses to set it anyway."""

    def __init__(self, ctl, entity: str, ids: list[int], field: str, value, versions: dict[int, int], label: str):
        super().__init__(ctl, label, ids)
        self.entity, self.field, self.value, self.versions = entity, field, value, dict(versions)
        self.changes: list = []

    def apply(self) -> None:
        def set_all(expected: dict[int, int]) -> list:
            return self.ctl.require_edits().bulk_edit(
                self.entity, self.ids, self.field, self.value, who=self.ctl.who(), expected_versions=expected
            )

        self.changes = self.ctl.bulk_save(self.entity, self.ids, self.field, self.versions, set_all)
        self.versions.update({c.id: c.new_version for c in self.changes})

    def revert(self) -> None:
        for change in self.changes:
            self.ctl.save_field(self.entity, change.id, change.field, change.old, change.new_version)


class ShiftDatesCommand(EditCommand):
    """Dates moved by N days on many rows, checked against the versions the table read, like a bulk set."""

    def __init__(self, ctl, entity: str, ids: list[int], days: int, versions: dict[int, int], label: str):
        super().__init__(ctl, label, ids)
        self.entity, self.days, self.versions = entity, days, dict(versions)
        self.field = "date" if entity == "entry" else "published"
        self.shifted: dict[int, int] = {}  # id -> version after the shift

    def apply(self) -> None:
        self.shifted = self._shift(self.ids, self.days, self.versions)
        self.versions.update(self.shifted)

    def revert(self) -> None:
        if self.shifted:
            self.shifted = self._shift(list(self.shifted), -self.days, self.shifted)

    def _shift(self, ids: list[int], days: int, versions: dict[int, int]) -> dict[int, int]:
        """Shift `ids` by `days` at the versions read (the user is asked if a row changed since);
        returns each shifted row's new version."""

        def shift(expected: dict[int, int]) -> list:
            return self.ctl.require_edits().shift_dates(
                self.entity, ids, days, who=self.ctl.who(), expected_versions=expected
            )

        return {c.id: c.new_version for c in self.ctl.bulk_save(self.entity, ids, self.field, versions, shift)}


class TagsCommand(EditCommand):
    """Add and remove tags on rows; undo takes back exactly what changed (rows that already had a tag keep it)."""

    field = "tags"

    def __init__(self, ctl, entity: str, ids: list[int], add: list[str], remove: list[str], label: str):
        super().__init__(ctl, label, ids)
        self.entity, self.add, self.remove = entity, list(add), list(remove)
        self.added: dict[str, list[int]] = {}
        self.removed: dict[str, list[int]] = {}

    def _tag(self, add: bool, tag: str, ids: list[int]) -> list[int]:
        """Add or remove one tag; a tag change moves the rows' versions, which later undos must name."""
        notes, who = self.ctl.require_notes(), self.ctl.who()
        changes = (notes.add_tag if add else notes.remove_tag)(self.entity, ids, tag, who=who)
        self.ctl.saw_changes(changes)
        return [c.id for c in changes]

    def apply(self) -> None:
        self.added = {t: self._tag(True, t, self.ids) for t in self.add}
        self.removed = {t: self._tag(False, t, self.ids) for t in self.remove}

    def revert(self) -> None:
        for tag, ids in self.added.items():
            if ids:
                self._tag(False, tag, ids)
        for tag, ids in self.removed.items():
            if ids:
                self._tag(True, tag, ids)


class DeleteRowsCommand(EditCommand):
    """Soft deletes: undo brings the rows back with their notes and tags."""

    structural = True

    def __init__(self, ctl, entity: str, versions: dict[int, int], label: str):
        super().__init__(ctl, label, list(versions))
        self.entity, self.versions = entity, dict(versions)

    def apply(self) -> None:
        self.field = "deleted"
        edits = self.ctl.require_edits()
        delete = edits.delete_entry if self.entity == "entry" else edits.delete_document
        for item_id in self.ids:
            version = self.ctl.latest(self.entity, item_id, self.versions[item_id])
            self.versions[item_id] = self.ctl.saw(self.entity, item_id, delete(item_id, version, who=self.ctl.who()))

    def revert(self) -> None:
        self.field = ""
        edits = self.ctl.require_edits()
        undelete = edits.undelete_entry if self.entity == "entry" else edits.undelete_document
        for item_id in reversed(self.ids):
            self.versions[item_id] = self.ctl.saw(self.entity, item_id, undelete(item_id, who=self.ctl.who()))


class AddRowCommand(EditCommand):
    """A new entry or document; undo deletes it (softly), redo brings the same row back."""

    structural = True

    def __init__(self, ctl, entity: str, values: dict, label: str):
        super().__init__(ctl, label, [])
        self.entity, self.values = entity, dict(values)
        self.version: int | None = None

    def apply(self) -> None:
        self.field = ""
        edits, who = self.ctl.require_edits(), self.ctl.who()
        if not self.ids:
            add = edits.add_entry if self.entity == "entry" else edits.add_document
            self.ids = [add(**self.values, who=who)]
            self.version = self.ctl.saw(self.entity, self.ids[0], self.ctl.existing_version(self.entity, self.ids[0]))
        else:
            undelete = edits.undelete_entry if self.entity == "entry" else edits.undelete_document
            self.version = self.ctl.saw(self.entity, self.ids[0], undelete(self.ids[0], who=who))

    def revert(self) -> None:
        self.field = "deleted"
        edits = self.ctl.require_edits()
        delete = edits.delete_entry if self.entity == "entry" else edits.delete_document
        assert self.version is not None  # apply() ran first and set it
        version = self.ctl.latest(self.entity, self.ids[0], self.version)
        self.version = self.ctl.saw(self.entity, self.ids[0], delete(self.ids[0], version, who=self.ctl.who()))


class RestoreCommand(EditCommand):
    """A value from the history applied again (itself a revision); undo puts back the value it replaced."""

    def __init__(self, ctl, entity: str, item_id: int, revision: dict, current, label: str):
        super().__init__(ctl, label, [item_id])
        self.entity, self.revision, self.current = entity, dict(revision), current
        self.structural = revision["field"] in ("created", "deleted")
        self.field = {"tag": "tags", "created": "", "deleted": ""}.get(revision["field"], revision["field"])

    def apply(self) -> None:
        self.ctl.saw(
            self.entity, self.ids[0], self.ctl.require_edits().restore(self.revision["id"], who=self.ctl.who())
        )

    def revert(self) -> None:
        rev, ctl, item_id = self.revision, self.ctl, self.ids[0]
        field = rev["field"]
        if field == "tag":
            if rev["old"] is None:  # the restore removed the tag `new`
                ctl.saw_changes(ctl.require_notes().add_tag(self.entity, [item_id], rev["new"], who=ctl.who()))
            else:
                ctl.saw_changes(ctl.require_notes().remove_tag(self.entity, [item_id], rev["old"], who=ctl.who()))
        elif field in ("created", "deleted"):
            ctl.set_deleted(self.entity, item_id, self.current)
        else:
            ctl.save_field(self.entity, item_id, field, self.current, ctl.current_version(self.entity, item_id))


class AddNoteCommand(EditCommand):
    entity = "note"

    def __init__(self, ctl, target_type: str, target_id: int, text: str, label: str):
        super().__init__(ctl, label, [])
        self.target = (target_type, target_id)
        self.note_text = text  # not `text`: that would hide QUndoCommand.text()
        self.version: int | None = None

    def apply(self) -> None:
        notes, who = self.ctl.require_notes(), self.ctl.who()
        note = (
            notes.add_note(*self.target, self.note_text, who=who) if not self.ids else notes.undelete_note(self.ids[0])
        )
        self.ids, self.version = [note["id"]], self.ctl.saw("note", note["id"], note["version"])

    def revert(self) -> None:
        assert self.version is not None  # apply() ran first and set it
        version = self.ctl.latest("note", self.ids[0], self.version)
        self.ctl.require_notes().delete_note(self.ids[0], version, who=self.ctl.who())
        self.version = self.ctl.saw("note", self.ids[0], self.ctl.existing_version("note", self.ids[0]))


class EditNoteCommand(EditCommand):
    entity = "note"

    def __init__(self, ctl, note: dict, new: str, label: str):
        super().__init__(ctl, label, [note["id"]])
        self.old, self.new, self.version = note["text"], new, note["version"]

    def apply(self) -> None:
        self.version, self.new, replaced = self.ctl.save_field("note", self.ids[0], "text", self.new, self.version)
        if replaced is not None:
            self.old = replaced.value

    def revert(self) -> None:
        self.version, _, _ = self.ctl.save_field("note", self.ids[0], "text", self.old, self.version)


class DeleteNoteCommand(EditCommand):
    entity = "note"

    def __init__(self, ctl, note: dict, label: str):
        super().__init__(ctl, label, [note["id"]])
        self.version = note["version"]

    def apply(self) -> None:
        self.ctl.require_notes().delete_note(
            self.ids[0], self.ctl.latest("note", self.ids[0], self.version), who=self.ctl.who()
        )
        self.ctl.saw("note", self.ids[0], self.ctl.current_version("note", self.ids[0]))

    def revert(self) -> None:
        note = self.ctl.require_notes().undelete_note(self.ids[0], who=self.ctl.who())
        self.version = self.ctl.saw("note", self.ids[0], note["version"])


class EditController(QObject):
    """`changed(entity, ids, structural, field)` after every committed change (do, undo, redo): views refresh
    (`field` is the one changed, "tags" for tags; for rows added or deleted "deleted" when they are sure to
    have gone, "" otherwise).

    `refused(message)` when a change was not made (the one-line reason).
    `resolve_conflict(error) -> (choice, merged)` and `confirm(title, text) -> bool` ask the user; tests
    drive the real dialogs.
    """

    changed = Signal(str, list, bool, str)
    refused = Signal(str)
    readOnlyChanged = Signal(bool, str)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._window = parent
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.services: Services | None = None
        self.edits: EditService | None = None
        self.notes: AnnotationService | None = None
        self.read_only = True
        self.last_conflict: ConflictDialog | None = None
        self.last_bulk_conflict: QMessageBox | None = None
        # The version of each row after our own last change to it: undoing an older command must not
        # be mistaken for a conflict with ourselves; a higher version in the database is someone else.
        self._seen: dict[tuple[str, int], int] = {}

    # -- the archive

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.undo_stack.clear()  # undo covers the edits since this archive was opened
        self._seen.clear()
        self.edits = self.notes = None
        if services is None:
            self.read_only = True
            self.readOnlyChanged.emit(True, "")
            return
        from archiveviewer.app.annotation_service import AnnotationService
        from archiveviewer.app.edit_service import EditService

        self.edits, self.notes = EditService(services.archive), AnnotationService(services.archive)
        self.read_only = bool(getattr(services.archive, "read_only", False))
        reason = ""
        if self.read_only and getattr(services.archive.location, "folder", None) is not None:
            reason = self.tr(
                "This archive is read-only for you (its folder cannot be written): "
                "you can search, read and export, but not edit or import."
            )
        elif self.read_only:
            reason = self.tr(
                "This archive is read-only for you (your database role cannot change it): "
                "you can search, read and export, but not edit."
            )
        self.readOnlyChanged.emit(self.read_only, reason)

    def require_edits(self) -> EditService:
        """The open archive's edit service; commands only run while one is open (set_services clears the stack)."""
        if self.edits is None:
            raise RuntimeError("no archive is open for editing")
        return self.edits

    def require_notes(self) -> AnnotationService:
        """The open archive's note service (see require_edits)."""
        if self.notes is None:
            raise RuntimeError("no archive is open for editing")
        return self.notes

    def who(self) -> str:
        return self.settings.editor_name

    def current_version(self, entity: str, item_id: int) -> int | None:
        from archiveviewer.app.table_queries import current_version

        if self.services is None:
            raise RuntimeError("no archive is open")
        with self.services.archive.Session() as s:
            return current_version(s, entity, item_id)

    def existing_version(self, entity: str, item_id: int) -> int:
        """The row's version now; NotFound (in the services' words) when the row does not exist."""
        from archiveviewer.app.queries import NotFound

        version = self.current_version(entity, item_id)
        if version is None:
            raise NotFound(f"no {entity} with id {item_id}")
        return version

    @overload
    def latest(self, entity: str, item_id: int, version: int) -> int: ...
    @overload
    def latest(self, entity: str, item_id: int, version: int | None) -> int | None: ...
    def latest(self, entity: str, item_id: int, version: int | None) -> int | None:
        seen = self._seen.get((entity, item_id))
        if seen is None:
            return version
        return seen if version is None else max(seen, version)

    @overload
    def saw(self, entity: str, item_id: int, version: int) -> int: ...
    @overload
    def saw(self, entity: str, item_id: int, version: int | None) -> int | None: ...
    def saw(self, entity: str, item_id: int, version: int | None) -> int | None:
        if version is not None:
            self._seen[(entity, item_id)] = version
        return version

    def saw_changes(self, changes) -> None:
        for change in changes:
            self.saw(change.entity, change.id, change.new_version)

    # -- running service calls

    def guard(self, fn: Callable[[], None], command: EditCommand | None = None) -> bool:
        """Run a change; report a refusal in one line. Emits `changed` when something may have been saved."""
        from archiveviewer.app.edit_service import EditError
        from archiveviewer.app.queries import NotFound

        ok = False
        try:
            fn()
            ok = True
        except Declined:
            pass
        except (EditError, NotFound, ValueError) as exc:
            self.refused.emit(fill(self.tr("Not saved: %1"), str(exc).strip("'\"")))
        if command is not None:
            # Refused part way, rows may or may not have gone: views read them rather than drop them.
            field = command.field if ok or not command.structural else ""
            self.changed.emit(command.entity, list(command.ids), command.structural, field)
        return ok

    def _push(self, command: EditCommand) -> bool:
        if self.read_only or self.edits is None:
            self.refused.emit(self.tr("Not saved: this archive is read-only for you."))
            return False
        if not command.first_apply():
            return False
        self.undo_stack.push(command)
        return True

    def save_field(self, entity: str, item_id: int, field: str, value, version):
        """Save one value at `version`; on a conflict ask the user.

        Returns (new version, value saved, Replaced(their value) when saved over someone else's change or None)."""
        from archiveviewer.app.edit_service import ConflictError, EditError

        version = self.latest(entity, item_id, version)
        replaced = None
        for _ in range(MAX_CONFLICT_ROUNDS):
            try:
                if entity == "entry":
                    new = self.require_edits().edit_entry(item_id, field, value, version, who=self.who())
                elif entity == "document":
                    new = self.require_edits().edit_document(item_id, field, value, version, who=self.who())
                elif entity == "paragraph":
                    new = self.require_edits().edit_paragraph(item_id, value, version, who=self.who())
                elif entity == "note":
                    new = self.require_notes().edit_note(item_id, value, version, who=self.who())["version"]
                else:
                    raise EditError(f"cannot edit a {entity}")
                return self.saw(entity, item_id, new), value, replaced
            except ConflictError as conflict:
                if conflict.current_version is None:
                    raise EditError(str(conflict)) from None
                choice, merged = self.resolve_conflict(conflict)
                if choice == TAKE_THEIRS:
                    raise Declined() from None
                version = conflict.current_version
                replaced = Replaced(conflict.theirs)
                if choice == MERGED:
                    value = merged
        raise EditError(self.tr("the row keeps changing under you; reload and try again"))

    def bulk_save(self, entity: str, ids: list[int], field: str, versions: dict[int, int], run) -> list:
        """A bulk change of `field` (`run(expected_versions) -> changes`, one transaction), each row at
        the version it was read at.

        A row changed by someone else meanwhile refuses the whole edit; the user is shown which rows
        and may change all of them anyway (their values are then replaced, and Undo puts
        them back) or cancel (nothing saved)."""
        from archiveviewer.app.edit_service import ConflictError, EditError

        expected = {i: self.latest(entity, i, versions[i]) for i in ids if i in versions}
        for _ in range(MAX_CONFLICT_ROUNDS):
            try:
                changes = run(expected)
                self.saw_changes(changes)
                return changes
            except ConflictError as conflict:
                if conflict.current_version is None:
                    raise EditError(str(conflict)) from None
                stale = self.stale_rows(entity, ids, expected)
                if not stale:  # changed and changed back between the refusal and our look: try again
                    continue
                if not self.resolve_bulk_conflict(entity, field, len(ids), stale):
                    raise EditError(
                        fill(
                            self.tr(
                                "%1 of the %2 rows were changed by someone else meanwhile, so none of the %2 was "
                                "changed (a bulk edit is all or nothing). The table now shows their values."
                            ),
                            str(len(stale)),
                            str(len(ids)),
                        )
                    ) from None
                expected.update({row["id"]: row["version"] for row in stale})
        raise EditError(self.tr("the rows keep changing under you; reload and try again"))

    def stale_rows(self, entity: str, ids: list[int], expected: dict[int, int]) -> list[dict]:
        """The rows (as the tables read them, now) whose version is no longer the one expected."""
        from archiveviewer.app.table_queries import TableSource

        if self.services is None:
            raise RuntimeError("no archive is open")
        now = TableSource(self.services.archive, entity).rows([i for i in ids if i in expected])
        return [now[i] for i in ids if i in now and now[i]["version"] != expected[i]]

    def resolve_bulk_conflict(self, entity: str, field: str, count: int, stale: list[dict]) -> bool:
        """Ask whether to set the value on all rows anyway (True) or save nothing (False, also on Esc)."""
        lines = []
        for row in stale[:BULK_CONFLICT_LINES]:
            if entity == "entry":
                what = f"{row.get('date_label') or row.get('date')} · {' '.join((row.get('text') or '').split())[:24]}"
            else:
                what = row.get("title") or str(row["id"])
            theirs = self.cell_value(row, field)
            lines.append(
                fill(
                    self.tr("• %1 — %2 is now “%3”"),
                    what,
                    field_label(field),
                    "" if theirs is None else str(theirs),
                )
            )
        if len(stale) > BULK_CONFLICT_LINES:
            lines.append(fill(self.tr("… and %1 more"), str(len(stale) - BULK_CONFLICT_LINES)))
        box = QMessageBox(self._window)
        box.setObjectName("bulkConflict")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changed by Someone Else"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            fill(
                self.tr(
                    "Nothing was changed: %1 of the %2 selected rows were changed by someone else after you read "
                    "them. A bulk edit is all or nothing, so none of the %2 rows got the new %3."
                ),
                str(len(stale)),
                str(count),
                field_label(field),
            )
        )
        box.setInformativeText("\n".join(lines))
        self.bulk_overwrite_button = box.addButton(
            self.tr("Apply to All Anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton(self.tr("Cancel (Save Nothing)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        self.last_bulk_conflict = box
        box.exec()
        return box.clickedButton() is self.bulk_overwrite_button

    def resolve_conflict(self, conflict) -> tuple[str, str]:
        dialog = ConflictDialog(conflict, self._window)
        self.last_conflict = dialog
        dialog.exec()
        return dialog.choice, dialog.merged_text()

    def set_deleted(self, entity: str, item_id: int, deleted: bool) -> None:
        edits, notes, who = self.require_edits(), self.require_notes(), self.who()
        if entity == "note":
            if deleted:
                notes.delete_note(item_id, self.existing_version("note", item_id), who=who)
            else:
                notes.undelete_note(item_id, who=who)
        elif deleted:
            delete = edits.delete_entry if entity == "entry" else edits.delete_document
            delete(item_id, self.existing_version(entity, item_id), who=who)
        else:
            (edits.undelete_entry if entity == "entry" else edits.undelete_document)(item_id, who=who)

    # -- table cells (called by PagedTableModel.setData)

    def commit_cell(self, model, row: dict, field: str, value) -> bool:
        entity = model.ENTITY
        if field == "tags":
            old = list(row.get("tags") or [])
            new = list(value or [])
            add = [t for t in new if t not in old]
            remove = [t for t in old if t not in new]
            if not add and not remove:
                return True
            return self.set_tags(entity, [row["id"]], add, remove)
        old = self.cell_value(row, field)
        if (value or None) == (old or None):
            return True
        label = fill(self.tr("Edit %1"), field_label(field))
        return self._push(FieldCommand(self, entity, row["id"], field, old, value, row["version"], label))

    @staticmethod
    def cell_value(row: dict, field: str):
        if field == "date":
            return row.get("date_label") or row.get("date")
        return row.get(field)

    # -- bulk edits, tags, rows

    def set_tags(self, entity: str, ids: list[int], add: list[str], remove: list[str]) -> bool:
        if add and not remove:
            label = fill(self.tr("Add tag %1"), "、".join(add))
        elif remove and not add:
            label = fill(self.tr("Remove tag %1"), "、".join(remove))
        else:
            label = self.tr("Change tags")
        return self._push(TagsCommand(self, entity, ids, add, remove, label))

    def bulk_set(self, entity: str, ids: list[int], field: str, value, versions: dict[int, int]) -> bool:
        """Set `field` to `value` on the rows `ids`, read at `versions` ({id: version})."""
        label = fill(self.tr("Set %1 on %2 rows"), field_label(field), str(len(ids)))
        return self._push(BulkFieldCommand(self, entity, ids, field, value, versions, label))

    def shift_dates(self, entity: str, ids: list[int], days: int, versions: dict[int, int]) -> bool:
        """Move the dates of the rows `ids`, read at `versions` ({id: version}), by `days`."""
        label = fill(self.tr("Shift %1 dates by %2 days"), str(len(ids)), str(days))
        return self._push(ShiftDatesCommand(self, entity, ids, days, versions, label))

    def add_row(self, entity: str, values: dict) -> int | None:
        label = self.tr("Add entry") if entity == "entry" else self.tr("Add document")
        command = AddRowCommand(self, entity, values, label)
        return command.ids[0] if self._push(command) else None

    def delete_rows(self, entity: str, rows: list[dict], confirm: bool = True) -> bool:
        rows = [r for r in rows if not r.get("missing")]
        if not rows:
            return False
        if confirm:
            what = self.tr("timeline entries") if entity == "entry" else self.tr("documents (with their entries)")
            text = fill(self.tr("Delete %1 %2? Edit ▸ Undo brings them back."), len(rows), what)
            if not self.confirm(self.tr("Delete"), text):
                return False
        label = fill(self.tr("Delete %1 rows"), str(len(rows)))
        return self._push(DeleteRowsCommand(self, entity, {r["id"]: r["version"] for r in rows}, label))

    def restore(self, entity: str, item_id: int, revision: dict, current) -> bool:
        """Apply `revision`'s old value again; `current` is the value it replaces (deleted-ness for deletes)."""
        label = fill(self.tr("Restore %1 from history"), field_label(revision["field"]))
        return self._push(RestoreCommand(self, entity, item_id, revision, current, label))

    def correct_text(self, entity: str, item_id: int, old: str, new: str, version: int) -> bool:
        """A paragraph's or an entry's text corrected from the reader (read at `version`); one undo step."""
        if new.strip() == old.strip():
            return True
        label = self.tr("Correct paragraph") if entity == "paragraph" else self.tr("Correct entry text")
        return self._push(FieldCommand(self, entity, item_id, "text", old, new, version, label))

    # -- notes

    def add_note(self, target_type: str, target_id: int, text: str) -> bool:
        return self._push(AddNoteCommand(self, target_type, target_id, text, self.tr("Add note")))

    def edit_note(self, note: dict, text: str) -> bool:
        if text.strip() == note["text"].strip():
            return True
        return self._push(EditNoteCommand(self, note, text, self.tr("Edit note")))

    def delete_note(self, note: dict, confirm: bool = True) -> bool:
        if confirm and not self.confirm(
            self.tr("Delete Note"), self.tr("Delete this note? Edit ▸ Undo brings it back.")
        ):
            return False
        return self._push(DeleteNoteCommand(self, note, self.tr("Delete note")))

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._window, title, text)
        return answer == QMessageBox.StandardButton.Yes


__all__ = ["EditController", "KEEP_MINE", "MERGED", "TAKE_THEIRS"]
