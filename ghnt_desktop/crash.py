"""Local crash reports and the application log — never any case content.

A crash report holds the app version, the platform, the exception *type* and
the stack as file:line:function. It never holds the exception message or local
variables, because those can contain what a user typed. Nothing is sent anywhere.
"""
from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path

_state: dict[str, Path | None] = {"dir": None}
log = logging.getLogger("ghnt")


def install(data_dir: Path, *, gui: bool) -> None:
    """Point crash reports and the rotating log at the data dir (if it exists).

    The GUI attaches the log file right after the first paint (``attach_log``), to keep start-up fast;
    command-line use attaches it at once.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return  # never create a data dir as a side effect; commands report a missing dir in Dutch
    _state["dir"] = data_dir
    if not gui:
        attach_log()


def attach_log() -> None:
    """Rotating application log in ``<data dir>/logs`` (no personal data is ever logged)."""
    import logging.handlers

    data_dir = _state["dir"]
    if data_dir is None:
        return
    try:
        logs = Path(data_dir) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(logs / "ghnt.log", maxBytes=512_000, backupCount=3,
                                                       encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger("ghnt")
        for h in list(root.handlers):
            if isinstance(h, logging.handlers.RotatingFileHandler):
                root.removeHandler(h)
                h.close()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        root.propagate = False
    except OSError:
        pass  # read-only or missing data dir: the caller reports that in Dutch


def scrubbed_report(exc: BaseException) -> str:
    import platform
    import traceback

    from ghnt_desktop import __version__

    lines = [
        f"GHNT Desktop {__version__} – foutrapport (zonder persoonsgegevens)",
        f"tijd: {datetime.now().isoformat(timespec='seconds')}",
        f"python: {platform.python_version()} op {platform.system()} {platform.release()}",
        f"fout: {type(exc).__module__}.{type(exc).__qualname__}",
        "stapel:",
    ]
    for fs in traceback.extract_tb(exc.__traceback__):
        lines.append(f"  {Path(fs.filename).name}:{fs.lineno} in {fs.name}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"oorzaak: {type(cause).__module__}.{type(cause).__qualname__}")
        for fs in traceback.extract_tb(cause.__traceback__):
            lines.append(f"  {Path(fs.filename).name}:{fs.lineno} in {fs.name}")
    return "\n".join(lines) + "\n"


def write_report(exc: BaseException) -> Path | None:
    base = _state["dir"]
    if base is None:
        return None
    try:
        d = Path(base) / "crash"
        d.mkdir(parents=True, exist_ok=True)
        path = d / f"fout-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        path.write_text(scrubbed_report(exc), encoding="utf-8")
        log.error("onverwachte fout %s; rapport %s", type(exc).__qualname__, path.name)
        return path
    except OSError:
        return None
