"""edits: soft deletes, partial-date precision, paragraph versions

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_precision", sa.String(length=5), server_default="day", nullable=False))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_document_deleted_at"), ["deleted_at"], unique=False)
    with op.batch_alter_table("timeline_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_precision", sa.String(length=5), server_default="day", nullable=False))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_timeline_entry_deleted_at"), ["deleted_at"], unique=False)
    with op.batch_alter_table("paragraph", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
    with op.batch_alter_table("paragraph", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("timeline_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_entry_deleted_at"))
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("date_precision")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_deleted_at"))
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("published_precision")
