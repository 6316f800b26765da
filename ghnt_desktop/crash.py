"""Local crash reports and the application log — never any case content.

A crash report holds the app version, the platform, the exception *type* and
the stack as file:line:function. It never holds the exception message or local
variables, because those can contain what a user typed. Nothing is sent anywhere.

Three ways a bug can end up here:

- an exception that escapes (command line: ``cli.main``; GUI: the Qt excepthook
  in ``ui.launch``) → :func:`write_report`;
- an exception that escapes a background thread → ``threading.excepthook``
  (:func:`handle_thread_error`): the same report; the GUI registers a notifier
  (:func:`set_thread_notifier`) that shows the Dutch error box on the main
  thread, the command line prints one Dutch line;
- a hard crash (segfault, abort, a deadlock killed by a signal) → Python's
  ``faulthandler``, which writes only "File ..., line N in function" lines into
  ``crash/noodstop.log``. That file is opened once at start and kept open:
  after a fault nothing can be opened or allocated any more.

The crash folder and its files are owner-only (0700/0600 on POSIX), like the data dir.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ghnt_desktop.errors import UserError

if TYPE_CHECKING:  # pragma: no cover
    from typing import BinaryIO, Callable

    ThreadNotifier = Callable[[BaseException, "Path | None"], None]

CRASH_DIR = "crash"
FAULT_LOG = "noodstop.log"
FAULT_LOG_MAX = 256_000  # bytes; a bigger one is moved aside to noodstop.1.log at start

_state: dict[str, Any] = {"dir": None, "fault_file": None, "fault_path": None, "notify": None}
log = logging.getLogger("ghnt")


def install(data_dir: Path, *, gui: bool) -> None:
    """Point crash reports and the rotating log at the data dir (if it exists); hook threads and hard faults.

    The GUI attaches the log file right after the first paint (``attach_log``), to keep start-up fast;
    command-line use attaches it at once. Hooks that something else has already put in place on purpose
    (``python -X faulthandler``, ``PYTHONFAULTHANDLER``, a test runner's thread hook) are left alone.
    """
    _install_thread_hook()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return  # never create a data dir as a side effect; commands report a missing dir in Dutch
    _state["dir"] = data_dir
    _enable_faulthandler()
    if not gui:
        attach_log()


def attach_log() -> None:
    """Rotating application log in ``<data dir>/logs`` (no personal data is ever logged)."""
    import logging.handlers
    import platform  # noqa: F401  (scrubbed_report needs it; imported here, not first in a failing thread)
    import traceback  # noqa: F401

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


def crash_dir() -> Path | None:
    """``<data dir>/crash``, made owner-only if it is new; ``None`` without a data dir or if it cannot be made."""
    base = _state["dir"]
    if base is None:
        return None
    d = Path(base) / CRASH_DIR
    try:
        if not d.is_dir():
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if os.name == "posix":
        try:
            os.chmod(d, 0o700)  # also an older folder, made before reports were owner-only
        except OSError:
            pass
    return d


def _open_private(path: Path, flags: int) -> int:
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    if os.name == "posix":
        try:
            os.fchmod(fd, 0o600)  # an older file may have been made with a wider umask
        except OSError:
            pass
    return fd


def _enable_faulthandler() -> None:
    """Dump the Python stack of every thread into ``crash/noodstop.log`` on a hard crash."""
    import faulthandler

    if faulthandler.is_enabled() and _state["fault_file"] is None:
        return  # enabled by someone else on purpose (-X faulthandler, a test runner): keep their choice
    d = crash_dir()
    if d is None:
        return  # read-only data dir: no place for it
    path = d / FAULT_LOG
    if _state["fault_path"] == path and _state["fault_file"] is not None:
        return
    try:
        if path.exists() and path.stat().st_size > FAULT_LOG_MAX:
            os.replace(path, d / "noodstop.1.log")
        fh: BinaryIO = os.fdopen(_open_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND), "ab", buffering=0)
    except OSError:
        return
    faulthandler.enable(file=fh, all_threads=True)
    old = _state["fault_file"]
    _state["fault_file"], _state["fault_path"] = fh, path
    if old is not None:
        old.close()


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
    d = crash_dir()
    if d is None:
        return None
    try:
        text = scrubbed_report(exc).encode("utf-8")
        stamp = f"fout-{datetime.now():%Y%m%d-%H%M%S-%f}"
        for n in range(100):
            path = d / (f"{stamp}.txt" if n == 0 else f"{stamp}-{n}.txt")
            try:
                fd = _open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
                break
            except FileExistsError:
                continue
        else:
            return None
        with os.fdopen(fd, "wb") as fh:
            fh.write(text)
        log.error("onverwachte fout %s; rapport %s", type(exc).__qualname__, path.name)
        return path
    except OSError:
        return None


# --- background threads ---------------------------------------------------------------------------------

def set_thread_notifier(notify: ThreadNotifier | None) -> None:
    """The GUI's way to hear of a failed background thread (called *in* that thread; must queue to the GUI)."""
    _state["notify"] = notify


def handle_thread_error(exc: BaseException) -> Path | None:
    """A background thread failed: scrubbed report (not for a ``UserError``), then tell the user.

    Runs in the failing thread, so it imports nothing new and never raises.
    """
    path = None
    try:
        if not isinstance(exc, UserError):
            path = write_report(exc)
        notify = _state["notify"]
        if notify is not None:
            notify(exc, path)
        elif sys.stderr is not None:
            if isinstance(exc, UserError):
                sys.stderr.write(f"ghnt: {exc}\n")
            else:
                where = f" Een foutrapport (zonder persoonsgegevens) staat in {path}." if path else ""
                sys.stderr.write(f"ghnt: er ging iets mis in een achtergrondtaak van de app.{where}\n")
    except BaseException:  # noqa: BLE001  (an excepthook must never fail itself)
        pass
    return path


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return  # as the default hook: a thread that exits on purpose is no error
    exc = args.exc_value if args.exc_value is not None else args.exc_type()
    if exc.__traceback__ is None and args.exc_traceback is not None:
        exc = exc.with_traceback(args.exc_traceback)
    handle_thread_error(exc)


def _install_thread_hook() -> None:
    current = threading.excepthook
    if current is _thread_hook:
        return
    if current is not threading.__excepthook__:
        return  # someone (a test runner) put its own hook in place on purpose: keep it
    threading.excepthook = _thread_hook
