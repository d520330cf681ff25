"""ArchiveViewer: an offline desktop viewer for digitized Chinese newspaper archives."""

__version__ = "0.1.0"
