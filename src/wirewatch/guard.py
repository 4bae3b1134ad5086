"""Keeping one bad article from costing the rest: a time limit per article and a guard
that turns an unexpected failure into a skip with its reason.

The time limit uses a POSIX interval timer, so it works in the main thread of a process
(the CLI, batch workers, Ray actors); elsewhere (a web server's worker threads) it is a
no-op and the size limits are what bound the work.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class ArticleTimeout(BaseException):
    """Raised inside the work on one article when its time is up.

    A BaseException, so that a broad `except Exception` in a library cannot swallow it."""


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ArticleTimeout in the block after `seconds` (0 or less: no limit)."""
    if seconds <= 0 or not _can_time():
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
