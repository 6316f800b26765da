"""ui.operations: one background call at a time, a window that keeps turning, results and errors on the main thread.

No test measures time: a worker that waits for the test waits on an event (at most ``WAIT`` seconds, so a
defect fails the test instead of hanging it), and "the event loop turned" is counted in timer ticks.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton, QWidget

from ghnt_desktop import crash
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui import operations
from ghnt_desktop.ui.operations import run_op
from tests.conftest import ROOT
from tests.ui.test_accessibility import _problems

SECRET = "GEHEIM-client-4711"
WAIT = 10  # seconds; only reached when something is wrong
WAIT_MS = WAIT * 1000


@pytest.fixture(autouse=True)
def _no_operation_left(qapp):
    assert not operations.busy()
    yield
    assert operations.wait_idle(WAIT_MS), "an operation was left running"
    assert not operations._postponed


@pytest.fixture
def window(qtbot):
    win = QMainWindow()
    win.setWindowTitle("Testvenster")
    win.button = QPushButton("&Knop")
    win.setCentralWidget(win.button)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    return win


class Boxes:
    """Closes every message box that opens; records (title, text)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(10)

    def tick(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                self.seen.append((w.windowTitle(), w.text()))
                w.done(0)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def boxes():
    b = Boxes()
    yield b
    b.stop()


def _raise(exc: BaseException):
    def fn():
        raise exc

    return fn


def _main_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


# --- responsive, result on the main thread --------------------------------------------------------------

def test_the_event_loop_turns_during_the_work_and_the_result_arrives_on_the_main_thread(qtbot, window):
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    seen: dict = {}

    def work():
        seen["worker"] = threading.get_ident()
        seen["start"] = len(ticks)
        time.sleep(0.3)
        seen["end"] = len(ticks)
        return 42

    got = []
    op = run_op(window, "Test", work, lambda r: got.append((r, _main_thread(), threading.get_ident())))
    assert op.wait(WAIT_MS)
    timer.stop()
    assert got == [(42, True, threading.get_ident())]
    assert seen["worker"] != threading.get_ident()
    assert seen["end"] - seen["start"] >= 3, seen  # the main thread's timer fired while the worker slept
    assert op.result == 42 and op.error is None and op.is_finished


def test_the_worker_can_wait_for_the_main_thread(qtbot, window):
    """A blocked event loop would never let the timer set the event: the worker would time out."""
    turned = threading.Event()
    ticks = [0]

    def tick():
        ticks[0] += 1
        if ticks[0] >= 5:
            turned.set()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(1)
    got = []
    op = run_op(window, "Test", lambda: turned.wait(WAIT), got.append)
    assert op.wait(WAIT_MS)
    timer.stop()
    assert got == [True]


def test_a_real_backup_is_made_on_the_worker_and_the_main_thread_goes_on_with_the_workspace(qtbot, window, workspace):
    from ghnt_desktop.services import backup as service  # imported on the main thread, before the operation

    seen = {}

    def work():
        seen["thread"] = threading.get_ident()
        return service.make_backup(workspace)

    done = []
    op = run_op(window, "Reservekopie maken", work, done.append, progress_text="Bezig met de reservekopie…")
    assert op.wait(WAIT_MS)
    [info] = done
    assert seen["thread"] != threading.get_ident() and info.path.is_file()
    assert [b.path for b in service.list_backups(workspace)] == [info.path]
    assert service.verify(workspace, info.path).ok


# --- errors -------------------------------------------------------------------------------------------

def test_a_user_error_is_shown_as_its_dutch_message(qtbot, window, boxes):
    done = []
    op = run_op(window, "Reservekopie maken", _raise(UserError("De map voor de reservekopie bestaat niet.")),
                done.append, error_title="Reservekopie niet gemaakt")
    assert op.wait(WAIT_MS)
    assert boxes.seen == [("Reservekopie niet gemaakt", "De map voor de reservekopie bestaat niet.")]
    assert done == [] and isinstance(op.error, UserError)


def test_a_user_error_goes_to_on_error_on_the_main_thread(qtbot, window, boxes):
    err = UserError("Deze reservekopie wordt niet teruggezet.")
    done, errors = [], []
    op = run_op(window, "Terugzetten", _raise(err), done.append,
                on_error=lambda e: errors.append((e, _main_thread())))
    assert op.wait(WAIT_MS)
    assert errors == [(err, True)] and done == [] and boxes.seen == []


def _boom():
    geheim = SECRET  # noqa: F841  (a local that must not reach the report)
    raise RuntimeError(f"signaal over {SECRET}")


def test_a_bug_writes_a_scrubbed_crash_report_and_shows_the_dutch_box(qtbot, window, boxes, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setitem(crash._state, "dir", data)
    done, errors = [], []
    op = run_op(window, "Verslag maken", _boom, done.append, on_error=errors.append, error_title="Verslag niet gemaakt")
    assert op.wait(WAIT_MS)
    [report] = sorted((data / "crash").glob("fout-*.txt"))
    text = report.read_text(encoding="utf-8")
    assert "fout: builtins.RuntimeError" in text and "in _boom" in text
    assert SECRET not in text and "signaal" not in text and "Traceback" not in text
    [(title, shown)] = boxes.seen
    assert title == "Verslag niet gemaakt" and shown.startswith("Er ging iets mis in de app.")
    assert str(report) in shown and SECRET not in shown
    assert done == [] and errors == []  # a bug is no UserError: it takes the crash path, not on_error


# --- one at a time -----------------------------------------------------------------------------------

def test_two_operations_run_one_after_the_other(qtbot, window):
    events: list[tuple[str, int]] = []
    guard = threading.Lock()
    active, most = [0], [0]
    release = threading.Event()

    def work(n: int):
        def fn():
            with guard:
                active[0] += 1
                most[0] = max(most[0], active[0])
                events.append(("start", n))
            if n == 1:
                release.wait(WAIT)
            with guard:
                events.append(("end", n))
                active[0] -= 1
            return n

        return fn

    a = run_op(window, "Een", work(1), lambda r: events.append(("done", r)))
    b = run_op(window, "Twee", work(2), lambda r: events.append(("done", r)))
    assert operations.busy()
    assert b.dialog.label.text() == operations.WAITING_TEXT
    qtbot.waitUntil(lambda: ("start", 1) in events)
    qtbot.wait(50)  # event-loop turns in which the second one could (wrongly) start
    assert events == [("start", 1)]
    release.set()
    assert operations.wait_idle(WAIT_MS)
    assert events == [("start", 1), ("end", 1), ("done", 1), ("start", 2), ("end", 2), ("done", 2)]
    assert most == [1]
    assert a.is_finished and b.is_finished and not operations.busy()


def test_an_operation_started_from_on_done_waits_until_on_done_has_returned(qtbot, window):
    events = []
    second_started = threading.Event()

    def second():
        second_started.set()
        events.append("worker 2")

    def first_done(_result):
        events.append("done 1 begins")
        run_op(window, "Twee", second, lambda _r: events.append("done 2"))
        for _ in range(40):  # e.g. a message box's event loop inside on_done
            QApplication.processEvents()
            if second_started.wait(0.005):
                break
        events.append("done 1 ends")  # may still use the workspace: no worker may run yet

    run_op(window, "Een", lambda: events.append("worker 1"), first_done)
    assert operations.wait_idle(WAIT_MS)
    assert events == ["worker 1", "done 1 begins", "done 1 ends", "worker 2", "done 2"]


def test_the_callers_own_code_runs_before_the_worker_starts(qtbot, window):
    events = []
    op = run_op(window, "Test", lambda: events.append("worker"), None)
    events.append("caller")  # e.g. the rest of the slot that called run_op
    assert op.wait(WAIT_MS)
    assert events == ["caller", "worker"]


# --- the dialog -----------------------------------------------------------------------------------------

def test_the_progress_dialog_is_window_modal_named_and_stays_while_the_work_runs(qtbot, window):
    release = threading.Event()
    op = run_op(window, "Reservekopie maken", lambda: release.wait(WAIT), None,
                progress_text="Bezig met de reservekopie…")
    dlg = op.dialog
    try:
        qtbot.waitUntil(lambda: op._thread is not None)
        assert dlg.isVisible() and dlg.parentWidget() is window
        assert dlg.windowModality() == Qt.WindowModality.WindowModal
        assert QApplication.activeModalWidget() is dlg
        assert dlg.accessibleName() == "Reservekopie maken" == dlg.windowTitle()
        assert dlg.label.text() == "Bezig met de reservekopie…" == dlg.accessibleDescription()
        assert dlg.bar.minimum() == dlg.bar.maximum() == 0  # busy indicator: no progress reported
        assert dlg.stop_button is None  # this work cannot stop
        assert _problems(dlg) == []
        dlg.reject()  # Esc
        assert dlg.close() is False
        assert dlg.isVisible()
    finally:
        release.set()
    assert op.wait(WAIT_MS)
    assert op.dialog is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg))  # not left behind as a hidden child of the window


def test_reported_progress_fills_the_bar(qtbot, window):
    release = threading.Event()
    done = []

    def work(progress):
        progress(1, 4)
        release.wait(WAIT)
        progress(4, 4)
        return "klaar"

    op = run_op(window, "Test", work, done.append, with_progress=True)
    dlg = op.dialog
    try:
        qtbot.waitUntil(lambda: dlg.bar.maximum() == 4 and dlg.bar.value() == 1)
    finally:
        release.set()
    assert op.wait(WAIT_MS)
    assert done == ["klaar"]


def test_stoppen_asks_the_work_to_stop(qtbot, window):
    started = threading.Event()
    done = []

    def work(progress):
        started.set()
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if progress.cancelled:
                return "gestopt"
            time.sleep(0.005)
        return "niet gestopt"

    op = run_op(window, "Test", work, done.append, cancellable=True)
    qtbot.waitUntil(started.is_set)
    dlg = op.dialog
    assert dlg.stop_button is not None and _problems(dlg) == []
    dlg.stop_button.click()
    assert dlg.label.text() == operations.STOPPING_TEXT and not dlg.stop_button.isEnabled()
    assert op.wait(WAIT_MS)
    assert done == ["gestopt"] and op.cancelled


# --- the workspace is the worker's alone while it runs ------------------------------------------------

class _MainLike(QMainWindow):
    def __init__(self, events: list, fail: BaseException | None = None) -> None:
        super().__init__()
        self.events, self.fail = events, fail
        self.setCentralWidget(QWidget())

    def save_all(self) -> None:
        self.events.append(("save_all", operations._running is not None and operations._running._thread is None))
        if self.fail is not None:
            raise self.fail


def test_pending_edits_are_saved_before_the_worker_starts(qtbot):
    events = []
    win = _MainLike(events)
    qtbot.addWidget(win)
    op = run_op(win.centralWidget(), "Test", lambda: events.append("worker"), None)
    assert events == []
    assert op.wait(WAIT_MS)
    assert events == [("save_all", True), "worker"]  # saved on the main thread, no worker running yet


def test_a_failing_save_stops_the_operation_before_it_starts(qtbot):
    events, errors = [], []
    err = UserError("De schijf is vol.")
    win = _MainLike(events, fail=err)
    qtbot.addWidget(win)
    op = run_op(win.centralWidget(), "Test", lambda: events.append("worker"), None, on_error=errors.append)
    assert op.wait(WAIT_MS)
    assert events == [("save_all", True)] and errors == [err]


def test_closing_the_window_waits_until_the_operation_is_done(qtbot, window):
    release = threading.Event()
    done = []
    op = run_op(window, "Test", lambda: release.wait(WAIT), done.append)
    try:
        qtbot.waitUntil(lambda: op._thread is not None)
        assert window.close() is False
        assert window.isVisible()
    finally:
        release.set()
    assert op.wait(WAIT_MS)
    assert done == [True]
    qtbot.waitUntil(lambda: not window.isVisible())  # the close that was asked for happens afterwards


def test_the_auto_lock_is_postponed_until_the_operation_is_done(qtbot, window):
    locks = []

    def lock():  # what MainWindow.lock does with the one-line change
        if operations.postpone_while_busy(lock):
            return
        locks.append(operations.busy())

    release = threading.Event()
    op = run_op(window, "Test", lambda: release.wait(WAIT), None)
    try:
        qtbot.waitUntil(lambda: op._thread is not None)
        lock()
        lock()  # fires twice (idle timer, Ctrl+L): remembered once
        assert locks == [] and operations._postponed == [lock]
    finally:
        release.set()
    assert op.wait(WAIT_MS)
    qtbot.waitUntil(lambda: bool(locks))
    qtbot.wait(20)
    assert locks == [False]  # once, and only when nothing runs any more
    lock()
    assert locks == [False, False]  # not busy: no postponing


def test_a_window_that_is_gone_gets_no_callback(qtbot, boxes):
    win = QWidget()
    win.show()
    release = threading.Event()
    done, errors = [], []
    op = run_op(win, "Test", lambda: release.wait(WAIT), done.append, on_error=errors.append)
    qtbot.waitUntil(lambda: op._thread is not None)
    shiboken6.delete(win)
    release.set()
    assert op.wait(WAIT_MS)
    assert done == [] and errors == [] and boxes.seen == [] and not operations.busy()


# --- threads ----------------------------------------------------------------------------------------

def _os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts OS threads through /proc (Linux)")
def test_no_thread_is_left_running_after_completion(qtbot, window):
    assert run_op(window, "Opwarmen", lambda: None, None).wait(WAIT_MS)
    before = _os_threads()
    seen = {}
    op = run_op(window, "Test", lambda: seen.setdefault("during", _os_threads()), None)
    assert op.wait(WAIT_MS)
    assert seen["during"] > before  # the worker existed
    assert _os_threads() == before
    assert op._thread is None


def test_quitting_waits_for_the_worker_and_drops_what_was_queued(qtbot, window):
    started = threading.Event()
    events, done = [], []

    def slow():
        started.set()
        time.sleep(0.2)
        events.append("een klaar")

    a = run_op(window, "Een", slow, done.append)
    b = run_op(window, "Twee", lambda: events.append("twee"), done.append)
    qtbot.waitUntil(started.is_set)
    QApplication.instance().aboutToQuit.emit()
    assert events == ["een klaar"]  # the worker was done before the app could close the workspace
    assert b.is_finished and b.abandoned
    assert a.wait(WAIT_MS)
    assert done == [] and events == ["een klaar"]


def test_run_op_refuses_another_thread(qtbot):
    caught = []

    def other():
        try:
            run_op(None, "Test", lambda: None, None)
        except RuntimeError as exc:
            caught.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert len(caught) == 1 and not operations.busy()


IMPORT_SCRIPT = r"""
import importlib.abc, json, sys, threading

from PySide6.QtWidgets import QApplication

from ghnt_desktop.errors import UserError
from ghnt_desktop.ui import messages, operations

app = QApplication([])
MAIN = threading.get_ident()
seen = []


class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if threading.get_ident() != MAIN:
            seen.append(name)
        return None


messages.show_error = lambda parent, exc, **kw: None  # the main thread's part; only the worker is watched here
sys.meta_path.insert(0, Watch())


def progress_work(progress):
    progress(1, 2)
    return 2


def user_error():
    raise UserError("Dat mag niet.")


def bug():
    raise RuntimeError("stuk")


results = []
operations.run_op(None, "Een", lambda: 1, results.append)
operations.run_op(None, "Twee", progress_work, results.append, with_progress=True, cancellable=True)
operations.run_op(None, "Drie", user_error, results.append, on_error=lambda e: results.append("fout"))
operations.run_op(None, "Vier", bug, results.append)
ok = operations.wait_idle(20000)
print(json.dumps({"imports": seen, "results": results, "idle": ok}))
"""


def test_the_worker_thread_imports_nothing(tmp_path):
    """Run in a fresh interpreter, so a lazy import in the worker path would really happen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-c", IMPORT_SCRIPT], capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out == {"imports": [], "results": [1, 2, "fout"], "idle": True}


def test_the_main_window_locks_only_after_the_work_is_done(qtbot, workspace):
    """The idle lock fires during a backup: it waits (the worker owns the database), then locks."""
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(workspace, idle_minutes=30)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    release = threading.Event()
    op = run_op(win, "Even wachten", lambda: release.wait(5), lambda _r: None)
    qtbot.waitUntil(operations.busy)
    win.lock()
    assert not win.is_locked
    release.set()
    assert op.wait(5000)
    qtbot.waitUntil(lambda: win.is_locked)
    win.close()


def test_the_window_stays_responsive_while_the_backup_panel_makes_a_backup(qtbot, workspace, monkeypatch):
    """The real Beheer › Reservekopieën button: the backup runs on the worker, and it can only finish once the
    main thread's event loop has turned several times (a timer there releases it), so a GUI-thread backup
    would never finish."""
    from ghnt_desktop.services import backup as service
    from ghnt_desktop.ui.backup_dialogs import BackupPanel

    panel = BackupPanel(workspace)
    qtbot.addWidget(panel)
    with qtbot.waitExposed(panel):
        panel.show()
    ticks, release = [], threading.Event()
    real_make_backup = service.make_backup

    def slow_make_backup(ws, *a, **kw):
        assert not _main_thread()
        if not release.wait(10):
            raise RuntimeError("the main thread never turned")
        return real_make_backup(ws, *a, **kw)

    monkeypatch.setattr(service, "make_backup", slow_make_backup)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: (ticks.append(1), len(ticks) >= 5 and release.set()))
    timer.start()
    op = panel.make_backup()
    assert op.wait(WAIT_MS) and op.error is None
    timer.stop()
    assert len(ticks) >= 5 and "gecontroleerd" in panel.status.text()
    assert [b.path for b in service.list_backups(workspace)] == [op.result.path]
