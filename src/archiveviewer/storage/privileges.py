"""Whether this connection may change the archive (a team database can grant a role SELECT only)."""

from __future__ import annotations

from sqlalchemy import Engine, text

# The tables every edit writes: without INSERT and UPDATE on all of them no edit can succeed.
EDITED_TABLES = (
    "meta",
    "revision",
    "document",
    "timeline_entry",
    "paragraph",
    "amount",
    "annotation",
    "tag",
    "tagging",
    "index_change",  # every unit of work logs the search keys it changed
)


def lacks_write_privilege(engine: Engine) -> bool:
    """True for a PostgreSQL role without INSERT or UPDATE on the archive's tables; False for SQLite
    (whose file permissions are checked elsewhere)."""
    if engine.dialect.name != "postgresql":
        return False
    query = text("SELECT has_table_privilege(:t, 'INSERT') AND has_table_privilege(:t, 'UPDATE')")
    with engine.connect() as conn:
        return not all(conn.scalar(query, {"t": table}) for table in EDITED_TABLES)
