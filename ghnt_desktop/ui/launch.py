"""GUI start-up: unlock (or first-start setup), then the main window.

With ``--user``/``--passphrase-file`` the workspace is unlocked on a background
thread (Argon2id, unwrapping the key, opening the database) while the main
thread imports Qt and builds the app; Argon2id and SQLite release the GIL, so
the two really overlap. Everything the unlock needs is imported on the main
thread *before* that thread starts, and the thread imports nothing: a module
imported from two threads at once can be seen half-initialised (``dataclasses``
reading a half-imported ``typing`` was caught this way). A test holds the
thread to that. Heavy modules (reportlab) are only imported when printing.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path


class _UnlockThread(threading.Thread):
    """``services.login.login`` on a second thread; its result or error is picked up after ``join``.

    The SQLCipher connection is made with ``check_same_thread=False`` and handed
    to the main thread after ``join``. Key work that may load more code
    (finishing an interrupted key rotation) is left to the main thread.
    """

    def __init__(self, data_dir: Path, login: str, passphrase: str) -> None:
        super().__init__(daemon=True, name="ontgrendelen")
        from ghnt_desktop.services import login as login_service  # imported here, on the main thread

        self._login = login_service.login
        self.data_dir, self.user, self.passphrase = data_dir, login, passphrase
        self.workspace = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.workspace = self._login(self.data_dir, self.user, self.passphrase, repair_keys=False)
        except BaseException as exc:  # re-raised in the main thread
            self.error = exc
        finally:
            self.passphrase = ""


def _tracer():
    """GHNT_TRACE_STARTUP=1 prints phase times to stderr (used by benchmarks/startup.py)."""
    import os
    import time

    if not os.environ.get("GHNT_TRACE_STARTUP"):
        return lambda name: None
    t0 = time.perf_counter()
    return lambda name: sys.stderr.write(
        f"startup {name}: {(time.perf_counter() - t0) * 1000:.0f} ms (epoch {time.time():.6f})\n")


def run_gui(data_dir: Path, creds: tuple[str, str] | None, *, quit_after_startup: bool = False) -> int:
    """Start the window on ``data_dir``; ``creds`` (login, passphrase) unlock without the unlock dialog.

    The command line (``cli.main``) reads the options and the passphrase file; this module knows
    nothing of them.
    """
    trace = _tracer()
    from ghnt_desktop.errors import UserError

    unlock_thread = None
    if creds:  # first, so that unlocking overlaps everything below
        unlock_thread = _UnlockThread(data_dir, *creds)
        unlock_thread.start()

    from ghnt_desktop import crash
    from ghnt_desktop.services.datadir import holds_workspace
    from ghnt_desktop.ui.app import make_app

    trace("imports")
    app = make_app(sys.argv[:1], acute_now=not creds)  # with creds the main window installs it after painting
    trace("qapplication")
    crash.install(data_dir, gui=True)
    _install_excepthook()
    _route_qt_messages_to_log()

    quit_after = quit_after_startup
    if creds:
        from ghnt_desktop.errors import WorkspaceCorrupt
        from ghnt_desktop.services.login import finish_key_work
        # While the workspace may still be being unlocked, load the main window's code.
        from ghnt_desktop.services import settings  # noqa: F401
        from ghnt_desktop.ui import main_window  # noqa: F401

        trace("main window code loaded")
        unlock_thread.join()
        trace("unlocked")
        err = unlock_thread.error
        if isinstance(err, WorkspaceCorrupt) and not quit_after:
            from ghnt_desktop.ui.app import install_acute_everywhere
            from ghnt_desktop.ui.recovery import offer_restore

            install_acute_everywhere(app)  # dialogs come before the main window here

            ws = offer_restore(data_dir, creds[0], creds[1], None, reason=str(err))
            if ws is None:
                return 1
        elif err is not None:
            raise err
        else:
            ws = unlock_thread.workspace
            finish_key_work(ws)
    elif quit_after:
        raise UserError("--quit-after-startup heeft --user en --passphrase-file nodig.")
    elif not holds_workspace(data_dir):
        from ghnt_desktop.ui.location_warning import check_location
        from ghnt_desktop.ui.setup_dialog import SetupDialog

        if not check_location(data_dir):
            return 0
        dlg = SetupDialog(data_dir)
        if not dlg.exec():
            return 0
        ws = dlg.workspace
    else:
        from ghnt_desktop.ui.recovery import refuse_if_running

        if refuse_if_running(data_dir):
            return 1
        dlg = _StartUnlockDialog(data_dir)
        if not dlg.exec():
            return 0
        ws = dlg.workspace

    from ghnt_desktop.ui.main_window import MainWindow

    win = None
    try:
        if not _before_main_window(ws, quit_after):
            return 0
        if not quit_after:  # the start-up measurement stays a measurement of start-up
            from ghnt_desktop.ui.recovery import daily_backup_or_recover

            ws = daily_backup_or_recover(ws, None)
            if ws is None:
                return 1
        from ghnt_desktop.services import settings

        win = MainWindow(ws, idle_minutes=settings.haal(ws, "autolock_minuten"))
        trace("window built")
        win.show()
        from PySide6.QtCore import QTimer

        from ghnt_desktop.ui.app import load_deferred_fonts

        QTimer.singleShot(0, crash.attach_log)  # after the first paint
        QTimer.singleShot(0, load_deferred_fonts)
        if quit_after:
            win.repaint()  # synchronous: the window is painted when this returns
            trace("painted")
            while not win.first_page_ready:
                app.processEvents()
            trace("first page ready")
            win.close()
            return 0
        from ghnt_desktop.ui.beheer.bewaartermijnen import show_retention_notice

        QTimer.singleShot(0, lambda: show_retention_notice(win.ws, win))
        return app.exec()
    finally:
        # After a restore from Beheer the window holds a new workspace: close whichever is current.
        (win.ws if win is not None else ws).close()


def _start_unlock_dialog_class():
    from ghnt_desktop.ui.unlock_dialog import UnlockDialog

    class StartUnlockDialog(UnlockDialog):
        """Unlock at start; a damaged database leads straight to the offer to restore a backup."""

        def unlock(self, login: str, passphrase: str):
            from ghnt_desktop.errors import WorkspaceCorrupt
            from ghnt_desktop.ui.recovery import offer_restore

            try:
                return super().unlock(login, passphrase)
            except WorkspaceCorrupt as exc:
                ws = offer_restore(self.data_dir, login, passphrase, self, reason=str(exc))
                if ws is None:
                    raise
                return ws

    return StartUnlockDialog


def _StartUnlockDialog(data_dir):  # noqa: N802  (reads like the class it builds)
    return _start_unlock_dialog_class()(data_dir)


def _before_main_window(ws, headless: bool) -> bool:
    """Checks between unlocking and the main window: storage location and a one-time passphrase."""
    from ghnt_desktop.errors import UserError

    if headless:
        from ghnt_desktop.services.location import beoordeel

        loc = beoordeel(ws.data_dir)
        if not loc.veilig:
            sys.stderr.write(f"ghnt: let op: {loc.uitleg.splitlines()[0]}\n")
        if ws.session.must_change:
            raise UserError("Je moet eerst je eenmalige wachtzin wijzigen. Start de app met het venster om dat te doen.")
        return True
    from ghnt_desktop.ui.change_passphrase_dialog import ensure_passphrase_changed
    from ghnt_desktop.ui.location_warning import check_location

    return check_location(ws) and ensure_passphrase_changed(ws)


def _install_excepthook() -> None:
    """Bugs inside Qt slots and in background threads: local scrubbed report + a Dutch dialog, never a traceback.

    Only one error box at a time: an exception while that box is open (its nested event loop keeps
    timers and slots running) is written to a crash report but opens no second box. A background
    thread's error is reported in that thread (``crash.handle_thread_error``) and shown through a
    queued signal, so the box is always made on the main thread.
    """
    from PySide6.QtCore import QObject, Signal, Slot

    from ghnt_desktop import crash

    class _ThreadErrorBridge(QObject):
        """Lives on the main thread; ``raised`` emitted from another thread is queued to ``show``."""

        raised = Signal(object, object)

        @Slot(object, object)
        def show(self, exc, report) -> None:
            _show_thread_error(exc, report)

    bridge = _ThreadErrorBridge()
    bridge.raised.connect(bridge.show)  # a slot of a main-thread object: Qt queues cross-thread emits
    _excepthook_state["bridge"] = bridge
    crash.set_thread_notifier(bridge.raised.emit)
    sys.excepthook = _qt_excepthook


_excepthook_state: dict = {"box_open": False, "bridge": None}


def _qt_excepthook(exc_type, exc, tb) -> None:
    try:
        if exc is None:
            exc = exc_type()
        if tb is not None:
            exc.__traceback__ = tb
        from ghnt_desktop import crash

        if threading.current_thread() is not threading.main_thread():
            crash.handle_thread_error(exc)  # e.g. a QThread: no widgets here, the bridge queues the box
            return
        if _excepthook_state["box_open"]:
            _record_only(exc)
            return
        _excepthook_state["box_open"] = True
        try:
            from ghnt_desktop.ui.messages import show_error

            show_error(None, exc)
        except Exception:
            crash.write_report(exc)
        finally:
            _excepthook_state["box_open"] = False
    except BaseException:  # noqa: BLE001  (the hook must never raise: it would only recurse or abort)
        pass


def _record_only(exc: BaseException) -> None:
    """A second error while an error box is open: a report for a bug, one log line for a known error."""
    from ghnt_desktop import crash
    from ghnt_desktop.errors import UserError
    from ghnt_desktop.services.datadir import to_user_error

    if isinstance(exc, UserError) or to_user_error(exc) is not None:
        crash.log.warning("fout tijdens een open foutmelding: %s (niet getoond)", type(exc).__qualname__)
    else:
        crash.write_report(exc)


def _show_thread_error(exc: BaseException, report) -> None:
    """On the main thread: the Dutch box for a background thread's error (its report is already written)."""
    if _excepthook_state["box_open"]:
        return  # one box at a time; the report is there
    _excepthook_state["box_open"] = True
    try:
        from ghnt_desktop.errors import UserError
        from ghnt_desktop.services.datadir import to_user_error
        from ghnt_desktop.ui.messages import show_bug, show_error

        known = exc if isinstance(exc, UserError) else to_user_error(exc)
        if known is not None:
            show_error(None, known)
        else:
            show_bug(None, report)
    except Exception:
        pass  # the report was written in the thread
    finally:
        _excepthook_state["box_open"] = False


def _route_qt_messages_to_log() -> None:
    """Qt's own warnings go to the rotating log, not to the user's console."""
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    log = logging.getLogger("ghnt.qt")

    def handler(mode, context, message):
        level = logging.WARNING if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg,
                                             QtMsgType.QtFatalMsg) else logging.DEBUG
        log.log(level, "%s", message)

    qInstallMessageHandler(handler)
