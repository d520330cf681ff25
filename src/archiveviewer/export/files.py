"""Writes an export atomically: a temp file beside the target, renamed over it only when complete."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archiveviewer.tempfiles import remove_leftovers, temp_sibling

from .errors import ExportError
from .i18n import Export


def check_target(out: Path, overwrite: bool) -> Path:
    """Raises ExportError if `out` cannot be an export target; returns it as an absolute Path."""
    out = Path(out).expanduser()
    if out.is_dir():
        raise ExportError(Export.tr("Cannot export to {path}: it is a folder.").format(path=out))
    try:
        mode = out.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        # --force must not turn a pipe or a device into a file (or write into it).
        raise ExportError(
            Export.tr("Cannot export to {path}: it is not a regular file (a device, pipe or socket).").format(path=out)
        )
    if mode is not None and not overwrite:
        raise ExportError(
            Export.tr("{path} already exists. Choose another name or allow overwriting.").format(path=out)
        )
    folder = out.parent
    if not folder.is_dir():
        raise ExportError(
            Export.tr("Cannot export to {path}: the folder {folder} does not exist.").format(path=out, folder=folder)
        )
    remove_leftovers(folder, out.name)  # what an export killed midway left beside this target
    return out.absolute()


def describe_os_error(out: Path, exc: OSError) -> str:
    """A user-facing sentence for a failed write, naming the likely cause."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Export.tr(
            "Cannot write {path}: permission denied (is the folder read-only, or the file open in another program?)."
        ).format(path=out)
    if exc.errno == errno.ENOSPC:
        return Export.tr("Cannot write {path}: the disk is full.").format(path=out)
    reason = exc.strerror or str(exc)
    return Export.tr("Cannot write {path}: {reason}.").format(path=out, reason=reason)


def _reserve_temp(out: Path) -> Path:
    # os.open with 0o666 lets the umask decide the final permissions, unlike
    # tempfile (always 0o600), so the export ends up readable like any saved file.
    for _ in range(20):
        tmp = temp_sibling(out, "part")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise ExportError(Export.tr("Cannot create a temporary file beside {path}.").format(path=out))


def _publish(tmp: Path, out: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, out)
        return
    # A hard link refuses to replace a file that appeared since check_target, so
    # overwrite=False holds even against a concurrent writer.
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise ExportError(
            Export.tr("{path} already exists. Choose another name or allow overwriting.").format(path=out)
        ) from None
    except OSError:
        # Filesystems without hard links (FAT, some network shares).
        if out.exists():
            raise ExportError(
                Export.tr("{path} already exists. Choose another name or allow overwriting.").format(path=out)
            ) from None
        os.replace(tmp, out)
        return
    tmp.unlink()


@contextmanager
def atomic_output(out: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yields a temp path to write; on success it becomes `out`, on any error it is removed."""
    out = check_target(out, overwrite)
    try:
        tmp = _reserve_temp(out)
    except OSError as exc:
        raise ExportError(describe_os_error(out, exc)) from exc
    try:
        yield tmp
        _publish(tmp, out, overwrite)
    except OSError as exc:
        raise ExportError(describe_os_error(out, exc)) from exc
    finally:
        # Already renamed into place, or beyond our reach: never mask the real outcome.
        with contextlib.suppress(OSError):
            tmp.unlink()
