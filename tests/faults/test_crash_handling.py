"""Crash handling: one error box at a time, background threads, hard crashes — never any case content.

- a second bug while the error box of the first is open: a second report, no second box;
- a bug in a background thread: a scrubbed report from that thread; the GUI shows the Dutch box on the
  main thread, the command line prints one Dutch line;
- a hard crash (segfault): faulthandler's file:line lines in ``crash/noodstop.log``, opened at start.
"""
from __future__ import annotations

import faulthandler
import logging
import os
import re
import stat
import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from ghnt_desktop import crash
from ghnt_desktop.ui import launch
from tests.conftest import ROOT

SECRET = "GEHEIM-client-4711"


@pytest.fixture
def crash_env(tmp_path, monkeypatch):
    """A data dir for reports, the default thread hook (pytest's own is put back afterwards), clean state."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    for key, value in list(crash._state.items()):
        monkeypatch.setitem(crash._state, key, value)
    for key, value in list(launch._excepthook_state.items()):
        monkeypatch.setitem(launch._excepthook_state, key, value)
    ghnt_log = logging.getLogger("ghnt")
    handlers = list(ghnt_log.handlers)
    monkeypatch.setattr(ghnt_log, "handlers", list(handlers))  # attach_log adds a file handler
    monkeypatch.setattr(ghnt_log, "propagate", ghnt_log.propagate)
    monkeypatch.setattr(ghnt_log, "level", ghnt_log.level)
    fault_file = crash._state["fault_file"]
    was_enabled = faulthandler.is_enabled()
    if not was_enabled:
        faulthandler.enable()  # as pytest does: crash.install must leave an existing handler alone
    yield data
    for h in ghnt_log.handlers:
        if h not in handlers:
            h.close()
    if not was_enabled:
        faulthandler.disable()
    if crash._state["fault_file"] is not fault_file:  # never expected in-process; do not leak it
        faulthandler.disable()
        crash._state["fault_file"].close()


def _reports(data):
    return sorted((data / "crash").glob("fout-*.txt"))


def _assert_scrubbed(text: str) -> None:
    assert SECRET not in text and "Traceback" not in text
    assert "foutrapport (zonder persoonsgegevens)" in text and "stapel:" in text


class _BoxWatcher:
    """Every 20 ms: note which error boxes are open (and on which thread they live); close them when told."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.seen: list[tuple[int, str, bool]] = []  # (id, text, made on the main thread)
        self.max_open = 0
        self.may_close = lambda: True
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(20)

    def boxes(self):
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    def tick(self) -> None:
        boxes = self.boxes()
        self.max_open = max(self.max_open, len(boxes))
        for b in boxes:
            if id(b) not in [s[0] for s in self.seen]:
                self.seen.append((id(b), b.text(), b.thread() == self.app.thread()))
        if boxes and self.may_close():
            for b in boxes:
                b.done(0)

    def stop(self) -> None:
        self.timer.stop()
        for b in self.boxes():
            b.done(0)


@pytest.fixture
def watcher(qapp):
    qapp.setQuitOnLastWindowClosed(False)  # closing the only box must not end the event loop
    w = _BoxWatcher(qapp)
    yield w
    w.stop()
    qapp.setQuitOnLastWindowClosed(True)


class _Knop(QObject):
    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.clicked.connect(self.on_click)

    @Slot()
    def on_click(self) -> None:
        self.calls += 1
        raise ValueError(f"{SECRET} klik {self.calls}")


# --- one error box at a time --------------------------------------------------------------------------

@pytest.mark.qt_no_exception_capture
def test_two_bugs_in_a_row_give_one_box_and_two_reports(crash_env, qapp, qtbot, watcher):
    crash.install(crash_env, gui=True)
    launch._install_excepthook()
    knop = _Knop()
    watcher.may_close = lambda: knop.calls >= 2  # keep the first box open until the second bug has happened
    QTimer.singleShot(0, knop.clicked.emit)
    QTimer.singleShot(0, knop.clicked.emit)  # runs inside the first box's event loop
    qtbot.waitUntil(lambda: knop.calls == 2 and bool(watcher.seen) and not watcher.boxes()
                    and not launch._excepthook_state["box_open"], timeout=5000)
    assert watcher.max_open == 1 and len(watcher.seen) == 1
    assert watcher.seen[0][1].startswith("Er ging iets mis in de app.") and SECRET not in watcher.seen[0][1]
    reports = _reports(crash_env)
    assert len(reports) == 2
    for r in reports:
        text = r.read_text(encoding="utf-8")
        _assert_scrubbed(text)
        assert "fout: builtins.ValueError" in text and "in on_click" in text
    # the guard is lifted again: a later bug gets its own box
    QTimer.singleShot(0, knop.clicked.emit)
    qtbot.waitUntil(lambda: len(watcher.seen) == 2 and not watcher.boxes(), timeout=5000)
    assert len(_reports(crash_env)) == 3


@pytest.mark.qt_no_exception_capture
def test_a_failing_error_box_still_writes_a_report_and_never_raises(crash_env, qapp, monkeypatch):
    crash.install(crash_env, gui=True)
    launch._install_excepthook()
    import ghnt_desktop.ui.messages as messages

    def broken(parent, exc, **kw):
        raise RuntimeError("the box itself fails")

    monkeypatch.setattr(messages, "show_error", broken)
    try:
        raise KeyError(SECRET)
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)  # must not raise, must not recurse
    assert launch._excepthook_state["box_open"] is False
    [report] = _reports(crash_env)
    _assert_scrubbed(report.read_text(encoding="utf-8"))


def test_a_known_error_while_the_box_is_open_is_logged_by_type_only(crash_env, monkeypatch):
    from ghnt_desktop.storage.connection import OperationalError

    crash.install(crash_env, gui=False)  # attaches the log file at once
    monkeypatch.setitem(launch._excepthook_state, "box_open", True)
    launch._qt_excepthook(OperationalError, OperationalError(f"database is locked {SECRET}"), None)
    assert _reports(crash_env) == []  # an environment error is no bug: no report
    log = (crash_env / "logs" / "ghnt.log").read_text(encoding="utf-8")
    assert "OperationalError (niet getoond)" in log and SECRET not in log


# --- background threads -------------------------------------------------------------------------------

def _boom() -> None:
    geheim = SECRET  # noqa: F841  (a local that must not reach the report)
    raise RuntimeError(f"signaal over {SECRET}")


@pytest.mark.qt_no_exception_capture
def test_bug_in_a_background_thread_gives_a_report_and_a_box_on_the_main_thread(crash_env, qapp, qtbot, watcher):
    crash.install(crash_env, gui=True)
    launch._install_excepthook()
    assert threading.excepthook is crash._thread_hook
    t = threading.Thread(target=_boom, name="achtergrond")
    t.start()
    t.join()
    [report] = _reports(crash_env)  # written by the thread itself, before the GUI got to it
    text = report.read_text(encoding="utf-8")
    _assert_scrubbed(text)
    assert "fout: builtins.RuntimeError" in text and "in _boom" in text and "signaal" not in text
    qtbot.waitUntil(lambda: bool(watcher.seen) and not watcher.boxes(), timeout=5000)
    [(_, box_text, on_main_thread)] = watcher.seen
    assert on_main_thread
    assert box_text.startswith("Er ging iets mis in de app.") and str(report) in box_text
    assert SECRET not in box_text
    assert len(_reports(crash_env)) == 1  # the box did not write a second report


@pytest.mark.qt_no_exception_capture
def test_known_environment_error_in_a_thread_shows_its_dutch_text(crash_env, qapp, qtbot, watcher, tmp_path):
    from ghnt_desktop.storage.connection import open_encrypted

    crash.install(crash_env, gui=True)
    launch._install_excepthook()
    db = open_encrypted(tmp_path / "a.db", bytes(32), create=True)
    db.conn.execute("CREATE TABLE groot (x TEXT)")
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages}")

    def write():
        db.conn.execute("INSERT INTO groot VALUES (?)", ["x" * 300_000])  # a real SQLITE_FULL

    t = threading.Thread(target=write)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(watcher.seen) and not watcher.boxes(), timeout=5000)
    [(_, box_text, on_main_thread)] = watcher.seen
    assert on_main_thread and "schijf is vol" in box_text


def test_bug_in_a_background_thread_on_the_command_line(crash_env, capsys):
    crash.install(crash_env, gui=False)
    t = threading.Thread(target=_boom)
    t.start()
    t.join()
    [report] = _reports(crash_env)
    _assert_scrubbed(report.read_text(encoding="utf-8"))
    err = capsys.readouterr().err
    assert "er ging iets mis in een achtergrondtaak" in err and str(report) in err
    assert SECRET not in err and "Traceback" not in err


def test_install_leaves_hooks_that_someone_else_put_in_place_alone(crash_env, monkeypatch):
    """A test runner's thread hook and fault handler (or ``python -X faulthandler``) stay in place."""

    def runners_hook(args):
        pass

    monkeypatch.setattr(threading, "excepthook", runners_hook)
    assert faulthandler.is_enabled()  # crash_env makes sure, as pytest and -X faulthandler do
    crash.install(crash_env, gui=False)
    assert threading.excepthook is runners_hook
    assert crash._state["fault_file"] is None and not (crash_env / "crash" / "noodstop.log").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_crash_folder_and_reports_are_owner_only(crash_env):
    crash.install(crash_env, gui=False)
    try:
        raise ValueError(SECRET)
    except ValueError as exc:
        path = crash.write_report(exc)
    assert stat.S_IMODE((crash_env / "crash").stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    _assert_scrubbed(path.read_text(encoding="utf-8"))


# --- the command line in a real process: thread hook and faulthandler installed by crash.install ----------

CLI_THREAD = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from ghnt_desktop import crash
    crash.install(Path(sys.argv[1]), gui=False)

    def werk():
        geheim = sys.argv[2]
        raise ValueError("client " + geheim)

    t = threading.Thread(target=werk)
    t.start()
    t.join()
    print("klaar")
""")


def test_command_line_process_gets_the_thread_hook(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONFAULTHANDLER", None)
    r = subprocess.run([sys.executable, "-c", CLI_THREAD, str(data), SECRET], capture_output=True, text=True,
                       env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "klaar", r.stderr
    assert SECRET not in r.stderr and "Traceback" not in r.stderr
    assert "er ging iets mis in een achtergrondtaak" in r.stderr
    [report] = sorted((data / "crash").glob("fout-*.txt"))
    text = report.read_text(encoding="utf-8")
    _assert_scrubbed(text)
    assert "fout: builtins.ValueError" in text and "in werk" in text


HELPER = textwrap.dedent("""
    import faulthandler


    def gevaarlijk(tekst):
        geheim = tekst  # a local with case content: faulthandler never writes locals
        faulthandler._sigsegv()
""")

SEGFAULT = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from ghnt_desktop import crash
    crash.install(Path(sys.argv[1]), gui=False)
    import noodgeval
    noodgeval.gevaarlijk(sys.argv[3])
""")

# Everything faulthandler (Python 3.11+) writes: headers, thread lines, frames, the extension module list.
_FAULT_LINE = re.compile(
    r"(|Fatal Python error: .*|Current thread 0x[0-9a-f]+ \(most recent call first\):"
    r"|Thread 0x[0-9a-f]+ \(most recent call first\):|Stack \(most recent call first\):"
    r'|  File ".*", line \d+ in [\w<>.]+|  <no Python frame>|  \.\.\.|  Garbage-collecting'
    r"|Extension modules: .*)")


def test_segfault_leaves_only_file_and_line_numbers_in_the_crash_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    helper_dir = tmp_path / "code"
    helper_dir.mkdir()
    (helper_dir / "noodgeval.py").write_text(HELPER, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONFAULTHANDLER", None)
    r = subprocess.run([sys.executable, "-c", SEGFAULT, str(data), str(helper_dir), SECRET], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=60)
    assert r.returncode != 0  # it really crashed (-11 / 139 on POSIX)
    crash_dir = data / "crash"
    assert [p.name for p in crash_dir.iterdir()] == ["noodstop.log"]  # nothing else was written
    text = (crash_dir / "noodstop.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert re.search(r'File ".*noodgeval\.py", line 7 in gevaarlijk', text), text
    assert SECRET not in text and SECRET not in r.stderr
    for line in text.splitlines():
        assert _FAULT_LINE.fullmatch(line), line
    if os.name == "posix":
        assert stat.S_IMODE(crash_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE((crash_dir / "noodstop.log").stat().st_mode) == 0o600


def test_fault_log_is_opened_once_and_appended_to(tmp_path):
    """Two processes in a row: the second appends; the file was opened at start (it exists before any crash)."""
    data = tmp_path / "data"
    data.mkdir()
    helper_dir = tmp_path / "code"
    helper_dir.mkdir()
    (helper_dir / "noodgeval.py").write_text(HELPER, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONFAULTHANDLER", None)
    quiet = ("import sys; from pathlib import Path; from ghnt_desktop import crash; "
             "crash.install(Path(sys.argv[1]), gui=False); "
             "assert (Path(sys.argv[1]) / 'crash' / 'noodstop.log').exists(); print('ok')")
    r = subprocess.run([sys.executable, "-c", quiet, str(data)], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=60)
    assert r.stdout.strip() == "ok", r.stderr
    assert (data / "crash" / "noodstop.log").read_text() == ""  # no crash: nothing written
    for _ in range(2):
        subprocess.run([sys.executable, "-c", SEGFAULT, str(data), str(helper_dir), SECRET], capture_output=True,
                       env=env, cwd=ROOT, timeout=60)
    text = (data / "crash" / "noodstop.log").read_text(encoding="utf-8")
    assert text.count("Fatal Python error: Segmentation fault") == 2
