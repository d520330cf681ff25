"""Opens the archive the user asked for; seeds a brand-new default archive with the sample page."""

from __future__ import annotations

from archiveviewer.app.archive import Archive, resolve_location
from archiveviewer.app.import_service import ImportJob
from archiveviewer.resources import sample_page


def open_archive(archive: str | None = None, db_url: str | None = None) -> Archive:
    """Open (creating or migrating as needed). Only the per-user default archive is
    seeded, so `--archive NEW_DIR` starts empty."""
    location = resolve_location(archive, db_url)
    opened = Archive(location)
    if location.is_default and opened.created:
        ImportJob(opened, [sample_page()], who="ArchiveViewer").run()
    return opened
