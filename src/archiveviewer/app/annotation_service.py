"""Notes and tags on documents, entries, paragraphs and notes: each change a revision, searchable at once."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from archiveviewer.app.edit_service import (
    Change,
    ConflictError,
    EditError,
    _record,
    _Writes,
    check_text,
    live,
    reindex_keys,
)
from archiveviewer.app.queries import NotFound, annotation_dict, tags_of
from archiveviewer.app.search_items import item_key
from archiveviewer.storage.models import Annotation, Tag, Tagging, utcnow

TARGET_TYPES = ("document", "entry", "paragraph", "note")
TAG_MAX = 128


def _check_target_type(target_type: str) -> None:
    if target_type not in TARGET_TYPES:
        raise NotFound(f"no {target_type} with that id (notes and tags go on {', '.join(TARGET_TYPES)})")


def clean_tag(tag: str) -> str:
    """A tag is one word (so `tag:WORD` finds it): no spaces or control characters."""
    name = (tag or "").strip()
    if not name:
        raise EditError("a tag needs a name")
    if any(c.isspace() or ord(c) < 32 for c in name):
        raise EditError(f"'{name}' cannot be a tag: a tag is one word without spaces")
    if len(name) > TAG_MAX:
        raise EditError(f"a tag has at most {TAG_MAX} characters")
    return name


class AnnotationService(_Writes):
    """Notes (add, edit, delete, undelete, list) and tags (add, remove, list) of any item.

    `who` defaults to the archive's user. Notes carry a `version`: editing or
    deleting one names the version read, and a note changed meanwhile raises
    ConflictError. Tag and note changes are revisions (entity `note`, or the
    tagged item with field `tag`), so history and restore cover them. Adding
    or removing a tag moves the tagged item's version (each Change carries the
    new one), so an edit made from a read before the tag change is a conflict.
    """

    # -- notes

    def _note_dict(self, s: Session, note: Annotation) -> dict:
        return annotation_dict(note, tags_of(s, "note", [note.id]).get(note.id, ()))

    def _reindex_note(self, s: Session, writer, note: Annotation) -> None:
        reindex_keys(s, writer, [item_key("annotation", note.id)])

    def notes_for(self, target_type: str, target_id: int) -> list[dict]:
        """Live notes on an item, oldest first: id, text, author, created_at, updated_at, version, tags."""
        with self.archive.Session() as s:
            notes = s.scalars(
                select(Annotation)
                .where(
                    Annotation.target_type == target_type,
                    Annotation.target_id == target_id,
                    Annotation.deleted_at.is_(None),
                )
                .order_by(Annotation.created_at, Annotation.id)
            ).all()
            tags = tags_of(s, "note", [n.id for n in notes])
            return [annotation_dict(n, tags.get(n.id, ())) for n in notes]

    def add_note(self, target_type: str, target_id: int, text: str, who: str | None = None) -> dict:
        """Attach a note to a document, entry, paragraph or note; searchable at once. Returns its dict."""
        text = check_text((text or "").strip(), "a note")
        if not text:
            raise EditError("a note needs some text")
        _check_target_type(target_type)
        who = self._who(who)
        with self._writing() as (s, writer):
            live(s, target_type, target_id)
            now = utcnow()
            note = Annotation(
                target_type=target_type, target_id=target_id, author=who, text=text, created_at=now, updated_at=now
            )
            s.add(note)
            s.flush()
            _record(s, who, "note", note.id, "created", None, text)
            self._reindex_note(s, writer, note)
            return self._note_dict(s, note)

    def edit_note(self, note_id: int, text: str, expected_version: int, who: str | None = None) -> dict:
        """Change a note's text; ConflictError (with both texts) if it changed since `expected_version`."""
        text = check_text((text or "").strip(), "a note")
        if not text:
            raise EditError("a note needs some text")
        try:
            with self._writing() as (s, writer):
                note = live(s, "note", note_id)
                if note.version != expected_version:
                    raise ConflictError("note", note_id, "text", text, note.text, note.version)
                if note.text != text:
                    _record(s, self._who(who), "note", note.id, "text", note.text, text)
                    note.text, note.updated_at = text, utcnow()
                    self._reindex_note(s, writer, note)
                return self._note_dict(s, note)
        except StaleDataError:
            raise self._note_conflict(note_id, text) from None

    def _note_conflict(self, note_id: int, yours) -> ConflictError:
        with self.archive.Session() as s:
            note = s.get(Annotation, note_id)
            if note is None or note.deleted_at is not None:
                return ConflictError("note", note_id, "text", yours, None, None)
            return ConflictError("note", note_id, "text", yours, note.text, note.version)

    def delete_note(self, note_id: int, expected_version: int, who: str | None = None) -> None:
        """Delete a note (soft; undelete_note brings it back)."""
        try:
            with self._writing() as (s, writer):
                note = live(s, "note", note_id)
                if note.version != expected_version:
                    raise ConflictError("note", note_id, "text", None, note.text, note.version)
                note.deleted_at = utcnow()
                _record(
                    s, self._who(who), "note", note.id, "deleted", None, note.deleted_at.isoformat(timespec="seconds")
                )
                writer.delete([item_key("annotation", note.id)])
        except StaleDataError:
            raise self._note_conflict(note_id, None) from None

    def undelete_note(self, note_id: int, who: str | None = None) -> dict:
        """Bring back a deleted note; returns its dict."""
        with self._writing() as (s, writer):
            note = s.get(Annotation, note_id)
            if note is None:
                raise NotFound(f"no note with id {note_id}")
            if note.deleted_at is not None:
                old = note.deleted_at.isoformat(timespec="seconds")
                note.deleted_at = None
                _record(s, self._who(who), "note", note.id, "deleted", old, None)
                self._reindex_note(s, writer, note)
            return self._note_dict(s, note)

    # -- tags

    def tags_for(self, target_type: str, target_id: int) -> list[str]:
        """The item's tags, sorted."""
        with self.archive.Session() as s:
            return list(tags_of(s, target_type, [target_id]).get(target_id, ()))

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many items carry it, most used first (for completion and facets)."""
        with self.archive.Session() as s:
            rows = s.execute(
                select(Tag.name, func.count(Tagging.id))
                .join(Tagging, Tagging.tag_id == Tag.id)
                .group_by(Tag.name)
                .order_by(func.count(Tagging.id).desc(), Tag.name)
            )
            return [(name, count) for name, count in rows]

    def add_tag(self, target_type: str, ids: list[int], tag: str, who: str | None = None) -> list[Change]:
        """Tag the items (one transaction); returns a Change per item that did not have the tag yet."""
        return self._tag(target_type, ids, clean_tag(tag), True, who)

    def remove_tag(self, target_type: str, ids: list[int], tag: str, who: str | None = None) -> list[Change]:
        """Untag the items (one transaction); returns a Change per item that had the tag."""
        return self._tag(target_type, ids, (tag or "").strip(), False, who)

    def _tag(self, target_type: str, ids: list[int], name: str, add: bool, who: str | None) -> list[Change]:
        _check_target_type(target_type)
        try:
            return self._tag_rows(target_type, ids, name, add, who)
        except StaleDataError:
            raise EditError("a row was changed by someone else meanwhile; nothing was saved") from None

    def _tag_rows(self, target_type: str, ids: list[int], name: str, add: bool, who: str | None) -> list[Change]:
        changes: list[Change] = []
        with self._writing() as (s, writer):
            who = self._who(who)
            tag = s.scalar(select(Tag).where(Tag.name == name))
            if tag is None and add:
                tag = Tag(name=name)
                s.add(tag)
                s.flush()
            targets = [live(s, target_type, i) for i in dict.fromkeys(ids)]
            if tag is None:
                return changes  # removing a tag nobody has
            have = set(
                s.scalars(
                    select(Tagging.target_id).where(
                        Tagging.tag_id == tag.id, Tagging.target_type == target_type, Tagging.target_id.in_(list(ids))
                    )
                )
            )
            for target in targets:
                if add == (target.id in have):
                    continue
                if add:
                    s.add(Tagging(tag_id=tag.id, target_type=target_type, target_id=target.id))
                else:
                    s.execute(
                        delete(Tagging).where(
                            Tagging.tag_id == tag.id, Tagging.target_type == target_type, Tagging.target_id == target.id
                        )
                    )
                old, new = (None, name) if add else (name, None)
                _record(s, who, target_type, target.id, "tag", old, new)
                # A tag is part of the item: its version moves, so an edit made from a read before the tag
                # change is refused as a conflict. (UPDATE … WHERE version = read: a concurrent edit of the
                # row makes this StaleDataError.)
                flag_modified(target, "title" if target_type == "document" else "text")  # written back unchanged
                s.flush()
                changes.append(Change(target_type, target.id, "tag", old, new, target.version))
            s.flush()
            if not add and s.scalar(select(Tagging.id).where(Tagging.tag_id == tag.id).limit(1)) is None:
                s.delete(tag)  # an unused tag leaves the completion list
            self._reindex_tagged(s, writer, target_type, [t for t in targets if any(c.id == t.id for c in changes)])
        return changes

    def _reindex_tagged(self, s: Session, writer, target_type: str, targets: list) -> None:
        """Re-derive the search items that carry the changed tags (`tag:` search)."""
        if target_type == "note":
            reindex_keys(s, writer, [item_key("annotation", t.id) for t in targets])
        elif target_type == "entry":
            reindex_keys(s, writer, [item_key("entry", t.id) for t in targets])
        elif target_type == "document":
            reindex_keys(s, writer, [item_key(t.kind, t.id) for t in targets])
        # Paragraph tags are kept with the paragraph; paragraphs are searched as part of their document.
