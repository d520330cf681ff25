"""The command line on PostgreSQL: numbers beyond its integer type are one line, never "integer out of range"."""

from __future__ import annotations

import os

import pytest

from archiveviewer.cli import main

PG_URL = os.environ.get("ARCHIVEVIEWER_TEST_PG_URL")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="set ARCHIVEVIEWER_TEST_PG_URL to a PostgreSQL URL to run (CI sets it)"
)


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999"])
def test_show_beyond_postgres_integers_is_not_found_in_one_line(pg_url, sample_path, capsys, number):
    """`show 2147483648` on PostgreSQL (its integer's limit + 1): "no document", exit 1, one line."""
    assert main(["--db", pg_url, "import", str(sample_path)]) == 0
    capsys.readouterr()
    assert main(["--db", pg_url, "show", number]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"archiveviewer: no document with id {number}"
