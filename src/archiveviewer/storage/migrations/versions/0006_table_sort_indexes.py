"""table sort indexes: the editable tables' default orders read straight off an index

Revision ID: 0006
Revises: 0005

The entries table (and the timeline) lists live entries by (date, document,
ordinal, id), the documents table live documents by (published, undated
first, id). Without an index in that order every open of a 100,000-row table
sorted all of its ids; with these partial indexes (live rows only, as both
tables show) the id list is an index scan. PostgreSQL sorts NULLs last by
default, so its document index says NULLS FIRST; SQLite sorts them first anyway.

The single-column deleted_at indexes go: nearly every row has deleted_at NULL,
so they select nothing, and without statistics SQLite took `deleted_at IS NULL`
for a selective lookup and read the live rows through them, then sorted.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_timeline_entry_deleted_at", table_name="timeline_entry")
    op.drop_index("ix_document_deleted_at", table_name="document")
    live = sa.text("deleted_at IS NULL")
    op.create_index(
        "ix_timeline_entry_table_order",
        "timeline_entry",
        ["date", "document_id", "ordinal", "id"],
        sqlite_where=live,
        postgresql_where=live,
    )
    published = sa.text("published NULLS FIRST") if op.get_bind().dialect.name == "postgresql" else "published"
    op.create_index(
        "ix_document_table_order",
        "document",
        [published, "id"],
        sqlite_where=live,
        postgresql_where=live,
    )


def downgrade() -> None:
    op.drop_index("ix_document_table_order", table_name="document")
    op.drop_index("ix_timeline_entry_table_order", table_name="timeline_entry")
    op.create_index("ix_document_deleted_at", "document", ["deleted_at"])
    op.create_index("ix_timeline_entry_deleted_at", "timeline_entry", ["deleted_at"])
