"""One run per output: an exclusive lock on OUT.lock, which the kernel drops with the process, however it dies."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


class Held(Exception):
    """Another process holds the lock."""


def acquire(path: Path) -> Callable[[], None]:
    """Takes the lock on `path` (created if missing), or raises Held at once if another process has it; returns
    the function that releases it. OSError when the lock file cannot be made."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the filelock package takes the platform's lock (its import costs ~20 ms)
        return _filelock(path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the call the filelock package makes on POSIX
    except BlockingIOError as exc:
        os.close(fd)
        raise Held(str(path)) from exc
    except BaseException:
        os.close(fd)
        raise
    return lambda: os.close(fd)  # closing the last descriptor releases the lock


def _filelock(path: Path) -> Callable[[], None]:
    from filelock import FileLock, Timeout

    lock = FileLock(path, blocking=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise Held(str(path)) from exc
    return lock.release
