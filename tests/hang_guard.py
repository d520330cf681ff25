"""A guard for the fuzz tests: a call that never returns (a runaway regex or parser loop) fails the test
instead of stalling the suite."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

# Real calls take milliseconds; only a loop that never ends reaches this.
HANG_SECONDS = 30


class Hang(Exception):
    pass


@contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Raise Hang if the block has not finished after `seconds` (SIGALRM, main thread only)."""

    def alarm(_signum, _frame):
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
