"""Guards against PySide6 6.12.0 on Python 3.11 dropping a reference to None on every void Qt call."""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_applied = False


def void_calls_leak_none() -> bool:
    """True if calling a C++ method that returns void makes None lose a reference (the 6.12.0 bug)."""
    from PySide6.QtGui import QTextCharFormat

    probe = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setFontWeight(400)
    return before - sys.getrefcount(None) >= 16


def guard_none_refcount() -> bool:
    """Makes None effectively immortal when the bug is present; returns whether it did.

    With the bug, a few thousand Qt setter calls (one PDF of a few hundred
    timeline rows) bring None's reference count to zero and CPython aborts with
    "none_dealloc: deallocating None". Python 3.12+ made None immortal, so only
    3.11 needs this. The real fix is a PySide6 release without the bug (6.11.3 is
    fine); this keeps exports and the GUI alive until then.
    """
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not void_calls_leak_none():
        return False
    # ob_refcnt is the first field of every CPython object (non-debug builds).
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
    _applied = True
    log.info("PySide6 leaks references to None on this Python; applied a workaround (pin PySide6 != 6.12.0)")
    return True
