"""The one error the importer raises: a user-facing message naming the file and the reason."""


class IngestError(Exception):
    """A file that cannot be imported. `str(exc)` is the whole message, e.g.
    ``"x.bin: not a text file (contains NUL bytes)"``; callers show it as is."""

    @classmethod
    def for_file(cls, name: str, reason: str) -> "IngestError":
        return cls(f"{name}: {reason}")
