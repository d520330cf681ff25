"""original files (content-addressed) and OCR confidence

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('original_file',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=128), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('media_type', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('ocr_confidence', sa.Text(), nullable=True))
    with op.batch_alter_table('related_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ocr_confidence', sa.Text(), nullable=True))
    # Related documents kept their bytes in their own row: move them into the shared store.
    op.execute(
        "INSERT INTO original_file (sha256, media_type, size, content, added_at) "
        "SELECT r.sha256, r.media_type, r.size, r.content, r.added_at FROM related_document r "
        "WHERE r.id = (SELECT MIN(r2.id) FROM related_document r2 WHERE r2.sha256 = r.sha256)"
    )
    op.execute(
        sa.text("UPDATE related_document SET content = :empty").bindparams(
            sa.bindparam("empty", b"", type_=sa.LargeBinary)
        )
    )


def downgrade() -> None:
    op.execute(
        "UPDATE related_document SET content = "
        "(SELECT o.content FROM original_file o WHERE o.sha256 = related_document.sha256) "
        "WHERE EXISTS (SELECT 1 FROM original_file o WHERE o.sha256 = related_document.sha256)"
    )
    with op.batch_alter_table('related_document', schema=None) as batch_op:
        batch_op.drop_column('ocr_confidence')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('ocr_confidence')
        batch_op.drop_column('media_type')
    op.drop_table('original_file')
