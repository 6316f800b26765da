"""One writer per data dir: an OS-level lock on ``werkruimte.lock``.

``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows: the operating system drops the
lock when the process ends, also after a crash or SIGKILL, so a stale lock file never blocks
a new start. (Replaces the filelock package: its import cost ~35 ms of start-up, see
benchmarks/startup.py.)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

# sys.platform rather than os.name (the same test on CPython): the type checker understands it and
# checks the branch of the platform it runs on.
if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt
else:
    import fcntl


class AlreadyLocked(Exception):
    """Another process holds the lock."""


class SingleWriterLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock at once or raise ``AlreadyLocked``; ``OSError`` when the file cannot be opened."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                except OSError as exc:
                    raise AlreadyLocked(str(self.path)) from exc
            else:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError as exc:
                    raise AlreadyLocked(str(self.path)) from exc
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> "SingleWriterLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
