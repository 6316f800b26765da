"""GUI start-up: unlock (or first-start setup), then the main window.

With ``--user``/``--passphrase-file`` the Argon2id key derivation starts in a
background thread *before* Qt is imported, so the two overlap (argon2 releases
the GIL). Heavy modules (reportlab) are only imported when printing.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path


class _KekThread(threading.Thread):
    def __init__(self, data_dir: Path, login: str, passphrase: str) -> None:
        super().__init__(daemon=True)
        self.data_dir, self.login, self.passphrase = data_dir, login, passphrase
        self.kek: bytes | None = None

    def run(self) -> None:
        try:
            from ghnt_desktop.storage import keyslots
            from ghnt_desktop.storage.workspace import SLOTS_NAME

            slot = keyslots.read_keyslots(self.data_dir / SLOTS_NAME).find(self.login)
            if slot is not None:
                self.kek = keyslots.derive_kek(self.passphrase, slot.salt, slot.kdf)
        except Exception:
            self.kek = None  # the normal path below reports the problem properly


def run_gui(args) -> int:
    from ghnt_desktop.cli.main import credentials, resolve_data_dir
    from ghnt_desktop.errors import UserError

    data_dir = resolve_data_dir(args)
    creds = credentials(args, required=False)
    kek_thread = None
    if creds:
        kek_thread = _KekThread(data_dir, *creds)
        kek_thread.start()

    from ghnt_desktop import crash
    from ghnt_desktop.storage.workspace import holds_workspace
    from ghnt_desktop.ui.app import make_app

    app = make_app(sys.argv[:1])
    crash.install(data_dir, gui=True)
    _install_excepthook()
    _route_qt_messages_to_log()

    quit_after = bool(getattr(args, "quit_after_startup", False))
    if creds:
        from ghnt_desktop.services.login import login

        kek_thread.join()
        ws = login(data_dir, creds[0], creds[1], kek=kek_thread.kek)
    elif quit_after:
        raise UserError("--quit-after-startup heeft --user en --passphrase-file nodig.")
    elif not holds_workspace(data_dir):
        from ghnt_desktop.ui.setup_dialog import SetupDialog

        dlg = SetupDialog(data_dir)
        if not dlg.exec():
            return 0
        ws = dlg.workspace
    else:
        from ghnt_desktop.ui.unlock_dialog import UnlockDialog

        dlg = UnlockDialog(data_dir)
        if not dlg.exec():
            return 0
        ws = dlg.workspace

    from ghnt_desktop.ui.main_window import MainWindow

    try:
        win = MainWindow(ws)
        win.show()
        if quit_after:
            win.repaint()
            app.processEvents()
            win.close()
            return 0
        return app.exec()
    finally:
        ws.close()


def _install_excepthook() -> None:
    """Bugs inside Qt slots: local scrubbed report + a Dutch dialog, never a traceback."""

    def hook(exc_type, exc, tb):
        if exc is None:
            exc = exc_type()
        exc.__traceback__ = tb
        try:
            from ghnt_desktop.ui.messages import show_error

            show_error(None, exc)
        except Exception:
            from ghnt_desktop import crash

            crash.write_report(exc)

    sys.excepthook = hook


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
