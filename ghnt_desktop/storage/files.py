"""Small, safe file helpers: atomic writes and mapping OS errors to Dutch messages."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ghnt_desktop.errors import ReadOnlyDataDir, StorageFull, UserError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old or the new file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _fsync_dir(path.parent)
    except OSError as exc:
        raise os_error_to_user_error(exc, path.parent) from exc


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def os_error_to_user_error(exc: OSError, where: Path | None = None) -> UserError:
    place = f" ({where})" if where else ""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):  # disk full or quota used up
        return StorageFull(
            f"De schijf is vol{place}. Je laatste wijziging is niet opgeslagen. "
            "Maak ruimte vrij en probeer het opnieuw; wat al was opgeslagen blijft bewaard."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyDataDir(
            f"De app mag niet schrijven in de gegevensmap{place}. Kies een andere map of vraag de "
            "beheerder om schrijfrechten."
        )
    if exc.errno == errno.ENOENT:
        return UserError(f"De map of het bestand bestaat niet{place}.")
    return UserError(f"Er ging iets mis bij het lezen of schrijven van een bestand{place}. "
                     "Controleer de map en probeer het opnieuw.")
