"""SQLAlchemy 2.0 models of an archive: sources, documents, structure, timeline, notes, history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts about the archive, e.g. the search-index generation counter."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class IndexChange(Base):
    """The search keys one committed unit of work upserted or deleted, by index generation.

    A search index that is behind (another person's commit on a team
    database, an index update that failed) re-derives just these items from
    the database instead of being rebuilt. Old rows are pruned.
    """

    __tablename__ = "index_change"
    generation: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    keys: Mapped[str] = mapped_column(Text, default="")  # one search key per line


class Source(Base):
    """An imported file, kept byte-for-byte as decoded text: the original is never overwritten."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    encoding: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(128))
    raw_text: Mapped[str] = mapped_column(Text)
    # What the file was (text/plain, application/pdf, image/png…); its bytes are in OriginalFile.
    media_type: Mapped[str | None] = mapped_column(String(128))
    # JSON [[page, confidence 0-100], …] for OCR'd pages; NULL when nothing was OCR'd.
    ocr_confidence: Mapped[str | None] = mapped_column(Text)

    documents: Mapped[list[Document]] = relationship(
        back_populates="source", order_by="Document.ordinal", cascade="all, delete-orphan"
    )


class OriginalFile(Base):
    """An imported or attached file byte-for-byte, addressed by its sha256 (stored once however often used).

    Sources and related documents find theirs by their own sha256 column."""

    __tablename__ = "original_file"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Document(Base):
    """An article recovered from a page, or a plain document."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16))  # article | document
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    paper: Mapped[str | None] = mapped_column(String(128))
    page: Mapped[str | None] = mapped_column(String(32))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    # day | month | year: a page that gives only a month is stored as its first day, precision "month".
    published_precision: Mapped[str] = mapped_column(String(5), default="day", server_default="day")
    weekday: Mapped[str | None] = mapped_column(String(16))
    editor: Mapped[str | None] = mapped_column(String(128))
    layout_editor: Mapped[str | None] = mapped_column(String(128))
    proofreader: Mapped[str | None] = mapped_column(String(128))
    byline: Mapped[str | None] = mapped_column(String(256))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Deletes are soft: the row stays for undo and history, and vanishes from every view. The documents
    # table reads live rows in order off ix_document_table_order (published, id) WHERE deleted_at IS NULL
    # (migration 0006; NULLS FIRST on PostgreSQL).
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    source: Mapped[Source] = relationship(back_populates="documents")
    sections: Mapped[list[Section]] = relationship(
        back_populates="document", order_by="Section.ordinal", cascade="all, delete-orphan"
    )
    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document", order_by="Paragraph.ordinal", cascade="all, delete-orphan"
    )
    # Only the live entries: a soft-deleted entry is gone from the document everywhere it is read.
    entries: Mapped[list[TimelineEntry]] = relationship(
        back_populates="document",
        primaryjoin="and_(Document.id == TimelineEntry.document_id, TimelineEntry.deleted_at.is_(None))",
        order_by="TimelineEntry.ordinal",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}


class Section(Base):
    __tablename__ = "section"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="sections")
    paragraphs: Mapped[list[Paragraph]] = relationship(back_populates="section", order_by="Paragraph.ordinal")


class Paragraph(Base):
    """A repaired paragraph. `original_text` is what the importer produced; `text` may be corrected."""

    __tablename__ = "paragraph"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)  # position in the document, across sections
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str] = mapped_column(Text)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    document: Mapped[Document] = relationship(back_populates="paragraphs")
    section: Mapped[Section] = relationship(back_populates="paragraphs")
    amounts: Mapped[list[Amount]] = relationship(
        back_populates="paragraph",
        order_by="Amount.ordinal",
        cascade="all, delete-orphan",
        foreign_keys="Amount.paragraph_id",
    )

    __mapper_args__ = {"version_id_col": version}


class TimelineEntry(Base):
    """A dated item of a 时间轴, linked to the paragraphs it came from."""

    __tablename__ = "timeline_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    # day | month | year, as for Document.published_precision.
    date_precision: Mapped[str] = mapped_column(String(5), default="day", server_default="day")
    date_text: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str] = mapped_column(Text)
    paragraph_start_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id", ondelete="SET NULL"))
    paragraph_end_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The timeline and the entries table read live rows in order off ix_timeline_entry_table_order
    # (date, document_id, ordinal, id) WHERE deleted_at IS NULL (migration 0006).
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    document: Mapped[Document] = relationship(back_populates="entries")
    amounts: Mapped[list[Amount]] = relationship(
        back_populates="entry",
        order_by="Amount.ordinal",
        cascade="all, delete-orphan",
        foreign_keys="Amount.entry_id",
    )

    __mapper_args__ = {"version_id_col": version}


class Amount(Base):
    """A sum of money as printed and its value in yuan; belongs to an entry or a paragraph."""

    __tablename__ = "amount"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("timeline_entry.id", ondelete="CASCADE"), index=True)
    paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(64))
    yuan: Mapped[Decimal] = mapped_column(Numeric(20, 2))

    entry: Mapped[TimelineEntry | None] = relationship(back_populates="amounts", foreign_keys=[entry_id])
    paragraph: Mapped[Paragraph | None] = relationship(back_populates="amounts", foreign_keys=[paragraph_id])


class Annotation(Base):
    """A note that staff attach to any item (`target_type` document | entry | paragraph | related | note)."""

    __tablename__ = "annotation"
    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_annotation_target", "target_type", "target_id"),)
    __mapper_args__ = {"version_id_col": version}


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)


class Tagging(Base):
    """A tag on any item."""

    __tablename__ = "tagging"
    id: Mapped[int] = mapped_column(primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)

    tag: Mapped[Tag] = relationship()
    __table_args__ = (
        UniqueConstraint("tag_id", "target_type", "target_id"),
        Index("ix_tagging_target", "target_type", "target_id"),
    )


class Revision(Base):
    """One field change: who, when, which entity and field, old and new value."""

    __tablename__ = "revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(128))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_revision_entity", "entity", "entity_id"),)


class RelatedDocument(Base):
    """A file an archivist adds next to articles or entries (kept inside the archive)."""

    __tablename__ = "related_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)  # empty since 0003: the bytes are in OriginalFile
    text: Mapped[str | None] = mapped_column(Text)  # extracted text for search; NULL: a scan without OCR
    ocr_confidence: Mapped[str | None] = mapped_column(Text)  # as Source.ocr_confidence
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str | None] = mapped_column(String(128))


class RelatedLink(Base):
    """Links a related document to an article (`document`) or a timeline entry (`entry`)."""

    __tablename__ = "related_link"
    id: Mapped[int] = mapped_column(primary_key=True)
    related_id: Mapped[int] = mapped_column(ForeignKey("related_document.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)

    related: Mapped[RelatedDocument] = relationship()
    __table_args__ = (
        UniqueConstraint("related_id", "target_type", "target_id"),
        Index("ix_related_link_target", "target_type", "target_id"),
    )


class SavedSearch(Base):
    """A named query an archivist keeps; stored in the archive so the team shares it."""

    __tablename__ = "saved_search"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(256), unique=True)
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
