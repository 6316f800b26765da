"""One way to run background work: a service call on a worker thread, one at a time, with a Dutch progress dialog.

Usage (in spirit like Anki's ``aqt.operations``)::

    from ghnt_desktop.services import backup as service   # import on the main thread, before the op

    run_op(self, "Reservekopie maken", lambda: service.make_backup(self.ws), self._backup_made,
           on_error=self._backup_failed, progress_text="Bezig met de reservekopie…",
           error_title="Reservekopie niet gemaakt")

``run_op`` returns at once. ``fn`` runs on a worker thread; its result goes to ``on_done(result)`` on the
main thread. A ``UserError`` goes to ``on_error(exc)`` on the main thread, or is shown as its Dutch message
(``messages.show_error``) when there is no ``on_error``. Any other exception takes the app's crash path
(``messages.show_error``: a known environment error such as a full disk gets its Dutch message; a bug gets a
scrubbed crash report and the Dutch bug box); ``on_done``/``on_error`` are not called then. Connect to
``Operation.finished`` for what must happen in every case.

THE THREADING RULE (the workspace's SQLCipher connection is opened with ``check_same_thread=False`` but
must only ever be used by one thread at a time: two threads would mix their statements into one
transaction):

1. While an operation's ``fn`` runs, the worker thread is the only thread that touches the workspace
   (``ws.db``, key slots, files). ``fn`` must not touch widgets; the main thread must not touch the
   workspace until ``on_done``/``on_error`` is called. Code after ``run_op(...)`` in the same function
   must not touch the workspace either (the worker starts one event-loop turn later; do that work in
   ``on_done``).
2. To make that hold, the operation's dialog is window-modal on ``parent``'s window from the moment
   ``run_op`` is called: no keyboard or mouse input reaches that window, and closing it (or any window
   it sits on) is postponed until the operation has finished.
3. Just before the worker starts, pending autosaves are written on the main thread: ``save_all()`` of the
   outermost window/widget above ``parent`` that has one (normally the main window). So what was just
   typed is in a backup, and no debounced save can fire while the worker runs.
4. Main-thread code that may run without user input (timers, the auto-lock) checks :func:`busy` and
   waits: :func:`postpone_while_busy` runs it once all operations have finished.
5. Operations run one at a time, in the order they were asked for (one queue for the whole app; a
   second one waits, with its own dialog, until the first has delivered its result). ``on_done`` and
   ``on_error`` run with no worker running and may use the workspace; one that starts another operation
   gets it started after it has returned (so never ``wait()`` for an operation inside them).
6. The machinery imports nothing on the worker thread; import the service and reporting modules ``fn``
   calls on the main thread before calling ``run_op`` (a module imported from two threads at once can be
   seen half-initialised: docs/architecture.md, Start-up). Libraries those modules load lazily inside
   their functions (reportlab, pypdf: ~90 and ~75 modules on a first PDF) are then imported by the worker
   alone, which is safe as long as the main thread does not import them meanwhile: run every PDF build
   through an operation.

When the app quits (``QApplication.aboutToQuit``) while an operation runs, the main thread waits for the
worker to finish, so the workspace is never closed under it; queued operations are dropped.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ghnt_desktop.errors import UserError

T = TypeVar("T")

WAITING_TEXT = "Even wachten: de app is eerst nog met iets anders bezig."
DEFAULT_TEXT = "Bezig… Even geduld."
STOPPING_TEXT = "Bezig met stoppen…"

_queue: deque["Operation"] = deque()  # asked for, not started yet (main thread only)
_running: "Operation | None" = None  # its worker runs, or its result is about to be handed over
_postponed: list[Callable[[], None]] = []
_handing_over = 0  # > 0 while on_done/on_error runs: the next worker waits until it has returned
_quit_hooked = False


# --- public helpers --------------------------------------------------------------------------------------

def busy() -> bool:
    """True while an operation is queued or its worker thread runs: main-thread code that runs without
    user input must leave the workspace alone (see the module docstring). False again as soon as the last
    worker has returned (its ``on_done``/``on_error`` may use the workspace)."""
    return _running is not None or bool(_queue)


def postpone_while_busy(fn: Callable[[], None]) -> bool:
    """If :func:`busy`, call ``fn`` on the main thread once every operation has finished and return True
    (``fn`` is remembered once, however often it is postponed). Otherwise return False and do nothing.

    For the auto-lock: ``if self.is_locked or postpone_while_busy(self.lock): return``.
    """
    if not busy():
        return False
    if fn not in _postponed:
        _postponed.append(fn)
    return True


def wait_idle(timeout_ms: int | None = None) -> bool:
    """Run the event loop until no operation is queued or running (tests; a start-up flow that must have
    the result before it goes on). ``timeout_ms`` per operation; None: no limit. True if idle."""
    while busy():
        last = _queue[-1] if _queue else _running
        if last is None or not last.wait(timeout_ms):
            break
    return not busy()


# --- the dialog ---------------------------------------------------------------------------------------------

class ProgressDialog(QDialog):
    """"Bezig met …": window-modal, a busy bar (a percentage once the work reports progress), no close
    button; a "Stoppen" button only when the operation can stop."""

    stop_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, text: str, *, cancellable: bool) -> None:
        super().__init__(parent)
        from PySide6.QtCore import Qt

        self._may_close = False
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        lay = QVBoxLayout(self)
        # No accessible name on the label: a screen reader would then read only that name, not the text
        # (stack notes §8). The dialog's description carries the text instead.
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        self.set_text(text)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy indicator until the work reports progress
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Voortgang")
        lay.addWidget(self.bar)
        self.stop_button: QPushButton | None = None
        if cancellable:
            self.stop_button = QPushButton("&Stoppen")
            self.stop_button.setAccessibleName("Stoppen")
            self.stop_button.setToolTip("Vraag de app om te stoppen. Dat kan even duren.")
            self.stop_button.clicked.connect(self._stop)
            lay.addWidget(self.stop_button)
        self.setMinimumWidth(380)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)

    def set_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            self.bar.setTextVisible(False)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(max(0, min(done, total)))
        self.bar.setTextVisible(True)

    def _stop(self) -> None:
        if self.stop_button is not None and self.stop_button.isEnabled():
            self.stop_button.setEnabled(False)
            self.set_text(STOPPING_TEXT)
            self.stop_requested.emit()

    def reject(self) -> None:  # Esc: stop if the work can stop; the dialog itself stays until it is done
        self._stop()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()

    def finish(self) -> None:
        self._may_close = True
        self.done(0)
        self.deleteLater()


# --- progress from the worker ------------------------------------------------------------------------------

class Progress(QObject):
    """Handed to ``fn`` when ``run_op(..., with_progress=True)`` or ``cancellable=True``.

    ``progress(done, total)`` may be called from the worker as often as it likes (the dialog takes the
    newest value); ``progress.cancelled`` turns True when the user pressed "Stoppen". What stopping means
    is up to ``fn``: return early (``on_done`` gets what it returns) or raise a ``UserError``.
    Services take plain callables, e.g. ``lambda p: service.x(ws, progress=p, stop=lambda: p.cancelled)``.
    """

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._value = (0, 0)
        self._pending = False
        self.cancelled = False

    def __call__(self, done: int, total: int) -> None:
        self._value = (int(done), int(total))
        if not self._pending:
            self._pending = True
            self.changed.emit()  # queued to the main thread

    def take(self) -> tuple[int, int]:
        self._pending = False  # before reading: a newer value from the worker emits again
        return self._value


# --- the operation ---------------------------------------------------------------------------------------

class _Worker(QThread):
    def __init__(self, op: "Operation") -> None:
        super().__init__()
        self.setObjectName("ghnt-taak")
        self._op = op

    def run(self) -> None:
        self._op._run_in_worker()


class _CloseGuard(QObject):
    """Keeps a window open while an operation runs; remembers that someone asked to close it.

    A child of the window that holds no Python reference to it: a child keeping its parent's wrapper
    alive would make the parent be deleted from inside the child's own (deferred) deletion.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.close_requested = False
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Close:
            self.close_requested = True
            event.ignore()
            return True
        return False


class Operation(QObject):
    """One background call. ``finished`` is emitted on the main thread once the result or error has been
    handed over (also when it was not, because its window is gone or the app quits)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[..., Any],
                 on_done: Callable[[Any], None] | None, on_error: Callable[[UserError], None] | None,
                 progress_text: str | None, error_title: str, with_progress: bool, cancellable: bool,
                 save_first: bool) -> None:
        super().__init__()
        self.title = title
        self.parent_widget = parent
        self._has_parent = parent is not None
        self._fn: Callable[..., Any] | None = fn
        self._on_done = on_done
        self._on_error = on_error
        self._text = progress_text or DEFAULT_TEXT
        self._error_title = error_title
        self._save_first = save_first
        self.progress: Progress | None = Progress() if (with_progress or cancellable) else None
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_finished = False
        self.abandoned = False
        self._thread: _Worker | None = None
        self._guards = [_CloseGuard(w) for w in _windows_of(parent)]
        self.dialog = ProgressDialog(parent, title, WAITING_TEXT if busy() else self._text, cancellable=cancellable)
        if self.progress is not None:
            from PySide6.QtCore import Qt

            self.progress.changed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
            self.dialog.stop_requested.connect(self.cancel)
        self.dialog.open()

    # -- main thread -------------------------------------------------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self.progress is not None and self.progress.cancelled

    @Slot()
    def cancel(self) -> None:
        """Ask ``fn`` to stop (only meaningful for ``cancellable`` operations; ``fn`` decides)."""
        if self.progress is not None:
            self.progress.cancelled = True

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Run the event loop (a nested one, like ``QDialog.exec``) until this operation has finished and
        handed over its result; True if it has. ``timeout_ms`` None: no limit. Never call it inside an
        ``on_done``/``on_error``: the operation waited for starts only after those have returned."""
        if self.is_finished:
            return True
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.finished.connect(loop.quit)
        if timeout_ms is not None:
            timer.start(timeout_ms)
        if not self.is_finished:
            loop.exec()
        timer.stop()
        self.finished.disconnect(loop.quit)
        return self.is_finished

    def _parent_gone(self) -> bool:
        return self._has_parent and not _alive(self.parent_widget)

    def _start(self) -> None:
        """On the main thread, with no other operation running: write pending edits, then start the worker."""
        from PySide6.QtCore import Qt

        if self._parent_gone():
            self._complete()
            return
        if _alive(self.dialog):
            self.dialog.set_text(self._text)
        if self._save_first:
            try:
                _save_pending_edits(self.parent_widget)
            except BaseException as exc:  # noqa: BLE001  (handed over like an error of fn itself)
                self.error = exc
                self._fn = None
                self._complete()
                return
        self._thread = _Worker(self)
        self._thread.finished.connect(self._on_thread_finished, Qt.ConnectionType.QueuedConnection)
        self._thread.start()

    @Slot()
    def _on_progress(self) -> None:
        if self.progress is not None and _alive(self.dialog):
            self.dialog.set_progress(*self.progress.take())

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self._thread
        if thread is not None:
            thread.wait()  # run() has returned; this joins the OS thread
        self._thread = None
        self._complete()

    def _complete(self) -> None:
        global _running, _handing_over
        if _running is self:
            _running = None
        _handing_over += 1
        try:
            if _alive(self.dialog):
                self.dialog.finish()
            self.dialog = None
            if not self.abandoned:
                self._hand_over()
        finally:
            _handing_over -= 1
            self.is_finished = True
            self._release_windows()
            self._on_done = self._on_error = None
            self.parent_widget = None  # hold no window alive once done
            self.finished.emit()
            _after_operation()

    def _hand_over(self) -> None:
        parent = None if self._parent_gone() else self.parent_widget
        exc = self.error
        if exc is None:
            if self._on_done is not None and not self._parent_gone():
                self._on_done(self.result)
            return
        from ghnt_desktop.ui.messages import show_error

        if isinstance(exc, UserError) and self._on_error is not None and not self._parent_gone():
            self._on_error(exc)
        else:
            # UserError: its Dutch text. A known environment error: its Dutch text. A bug: crash report + box.
            show_error(parent, exc, title=self._error_title)

    def _release_windows(self) -> None:
        reclose = []
        for g in self._guards:
            if _alive(g):
                window = g.parent()
                window.removeEventFilter(g)
                if g.close_requested:
                    reclose.append(window)
                g.deleteLater()
        self._guards = []
        for w in reclose:
            QTimer.singleShot(0, lambda w=w: w.close() if _alive(w) and w.isVisible() else None)

    # -- worker thread -----------------------------------------------------------------------------------
    def _run_in_worker(self) -> None:
        fn, self._fn = self._fn, None
        try:
            self.result = fn(self.progress) if self.progress is not None else fn()
        except BaseException as exc:  # noqa: BLE001  (handed to the main thread, never lost)
            self.error = exc


def run_op(parent: QWidget | None, title: str, fn: Callable[..., T], on_done: Callable[[T], None] | None, *,
           on_error: Callable[[UserError], None] | None = None, progress_text: str | None = None,
           error_title: str = "Dat lukte niet", with_progress: bool = False, cancellable: bool = False,
           save_first: bool = True) -> Operation:
    """Run ``fn()`` on the worker thread (after any operation already asked for); see the module docstring.

    ``title``: the dialog's title and accessible name ("Reservekopie maken"). ``progress_text``: its Dutch
    line ("Bezig met de reservekopie…"). ``error_title``: the title of an error box. ``with_progress``:
    ``fn(progress)`` is called with a :class:`Progress` to report ``progress(done, total)``; without it the
    bar is a busy indicator. ``cancellable``: a "Stoppen" button; ``fn(progress)`` reads
    ``progress.cancelled``. ``save_first``: write pending autosaves before the worker starts.
    Call on the main thread only.
    """
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("run_op must be called on the main (GUI) thread")
    _hook_quit(app)
    op = Operation(parent, title, fn, on_done, on_error, progress_text, error_title, with_progress, cancellable,
                   save_first)
    _queue.append(op)
    # One event-loop turn later: the caller's own code after run_op() finishes before the worker starts.
    QTimer.singleShot(0, _start_next)
    return op


# --- queue bookkeeping (main thread) -----------------------------------------------------------------------

def _start_next() -> None:
    global _running
    if _running is not None or _handing_over or not _queue:
        return  # _after_operation() calls again
    op = _queue.popleft()
    _running = op
    op._start()


def _after_operation() -> None:
    if _handing_over:
        return  # an outer hand-over is still running; it calls again when it returns
    if _queue:
        QTimer.singleShot(0, _start_next)
    elif _running is None and _postponed:
        QTimer.singleShot(0, _run_postponed)


def _run_postponed() -> None:
    if busy():
        return  # a new operation came first; _after_operation calls again when it is done
    todo = list(_postponed)
    _postponed.clear()
    for fn in todo:
        owner = getattr(fn, "__self__", None)
        if isinstance(owner, QObject) and not _alive(owner):
            continue  # e.g. a window that is gone
        fn()


def _hook_quit(app: QApplication) -> None:
    global _quit_hooked
    if not _quit_hooked:
        app.aboutToQuit.connect(_on_about_to_quit)
        _quit_hooked = True


def _on_about_to_quit() -> None:
    """The event loop ends: wait for the worker (the caller closes the workspace next), drop the rest."""
    while _queue:
        op = _queue.popleft()
        op.abandoned = True
        op._complete()
    op = _running
    if op is not None:
        op.abandoned = True
        thread = op._thread
        if thread is not None:
            thread.wait()


# --- small helpers -----------------------------------------------------------------------------------------

def _alive(obj) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def _windows_of(widget: QWidget | None) -> list[QWidget]:
    """``widget``'s window and every window it sits on (a dialog on the main window: both)."""
    out: list[QWidget] = []
    w = widget.window() if widget is not None else None
    while w is not None and w not in out:
        out.append(w)
        above = w.parentWidget()
        w = above.window() if above is not None else None
    return out


def _save_pending_edits(widget: QWidget | None) -> None:
    """``save_all()`` of the outermost widget above (and including) ``widget`` that has one."""
    target = None
    w = widget
    while w is not None:
        if callable(getattr(w, "save_all", None)):
            target = w
        w = w.parentWidget()
    if target is not None:
        target.save_all()


__all__ = ["run_op", "Operation", "Progress", "ProgressDialog", "busy", "postpone_while_busy", "wait_idle"]
