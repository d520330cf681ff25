"""Opens the archive the user asked for; seeds the per-user default archive with the sample page."""

from __future__ import annotations

from archiveviewer.app.archive import Archive, resolve_location
from archiveviewer.app.location import SEEDED_KEY
from archiveviewer.resources import sample_page
from archiveviewer.storage.models import Meta


def open_archive(archive: str | None = None, db_url: str | None = None) -> Archive:
    """Open (creating or migrating as needed). Only the per-user default archive is
    seeded, so `--archive NEW_DIR` starts empty."""
    location = resolve_location(archive, db_url)
    opened = Archive(location)
    if location.is_default and not opened.read_only:
        _seed_once(opened)
    return opened


def _seed_once(archive: Archive) -> None:
    """Import the sample unless that was done before. The flag (not "the archive is
    empty") decides, so a first start killed midway seeds on the next start, and an
    archivist who deleted the sample does not get it back."""
    with archive.Session() as session:
        if session.get(Meta, SEEDED_KEY) is not None:
            return
    from archiveviewer.app.import_service import ImportJob  # only on a first start: keeps the CLI quick

    ImportJob(archive, [sample_page()], who="ArchiveViewer").run()  # a repeat is skipped as a duplicate
    with archive.Session.begin() as session:
        session.merge(Meta(key=SEEDED_KEY, value="1"))
