"""The app-layer services of the open archive, handed to the controllers that need them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archiveviewer.app.archive import Archive
    from archiveviewer.app.library_service import LibraryService
    from archiveviewer.app.read_service import ReadService
    from archiveviewer.app.search_service import SearchService


@dataclass(frozen=True)
class Services:
    archive: Archive
    search: SearchService
    library: LibraryService
    read: ReadService

    @classmethod
    def for_archive(cls, archive: Archive) -> Services:
        # Imported here: the window is built before SQLAlchemy and Whoosh are loaded.
        from archiveviewer.app.library_service import LibraryService
        from archiveviewer.app.read_service import ReadService
        from archiveviewer.app.search_service import SearchService

        return cls(archive, SearchService(archive), LibraryService(archive), ReadService(archive))
