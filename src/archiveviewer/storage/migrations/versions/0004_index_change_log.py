"""index change log: the search keys each generation changed, so an index catches up without a rebuild

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_change",
        sa.Column("generation", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("keys", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("generation"),
    )


def downgrade() -> None:
    op.drop_table("index_change")
