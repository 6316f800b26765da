"""Kill-test driver: the real GHNT windows in a child process, typing into a dossier and a zelfscan.

Started (and killed with SIGKILL) by :mod:`tests.soak.killtest`; not a test by itself::

    python -m tests.soak.driver SCRIPT.json

It unlocks the workspace (``services.login.login``), builds the real ``MainWindow``, opens the
dossier's stap 1 (answering the recovery question, if any, with "Terugzetten") and the zelfscan's
answer view, and then plays the script: real key events into the signal's omschrijving and into
the zelfscan toelichting, switching between the two through the navigation, choosing another
standard, and clicking "Toevoegen" on the signal form.

One line per fact on stdout, written with a single ``write`` after the fact (never case content,
only lengths and SHA-1 hashes of the UTF-8 text):

``QUESTION 0|1``                         the dossier asked to put back unfinished input
``READY <ms> d <len> <sha> r <n> s <sid> <len> <sha>``   start state shown by the screens
``ACK d <pos> <len> <sha>``              the signal form's draft save returned (committed)
``ACK s <pos> <sid> <len> <sha>``        the zelfscan answer save returned (committed)
``ACK r <pos> <n>``                      "Toevoegen" stored a signal and removed its draft (n signals)
``SAVEFAIL d|s``                         the app itself reported that saving failed
``DONE <pos>``                           the script ran out; the driver idles until it is killed
``ERROR <kind>``                         the driver could not do what the script asked
``KILLPOINT <where>``                    (only with ``die_after_record_stored``) about to SIGKILL itself

``pos`` is the number of script events fully executed when the save returned (a save started by
the event being executed may already contain that event's keystroke: the checker allows pos+1).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import traceback

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_T0 = time.monotonic()


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def emit(line: str) -> None:
    os.write(1, (line + "\n").encode("ascii"))  # one write per line: a kill never interleaves two lines


def main(argv: list[str]) -> int:
    with open(argv[0], encoding="utf-8") as fh:
        cfg = json.load(fh)

    def hook(exc_type, exc, tb):  # a bug inside a Qt slot: report the kind, stop
        sys.stderr.write("".join(traceback.format_exception(exc_type, exc, tb)))
        emit(f"ERROR exception-{exc_type.__name__}")
        sys.stderr.flush()
        os._exit(3)

    sys.excepthook = hook
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.ui.main_window import MainWindow

    if cfg.get("die_after_record_stored"):
        # Deterministic kill point (for tests/soak/test_kill.py): a real SIGKILL right after
        # services.meldcode.voeg_toe returned, i.e. the moment "Toevoegen" has stored the record.
        import signal

        from ghnt_desktop.services import meldcode as msvc

        stored = msvc.voeg_toe

        def voeg_toe_then_die(*args, **kwargs):
            result = stored(*args, **kwargs)
            emit("KILLPOINT after-record-stored")
            os.kill(os.getpid(), signal.SIGKILL)
            return result

        msvc.voeg_toe = voeg_toe_then_die

    app = make_app([sys.argv[0]])
    ws = login(cfg["data_dir"], cfg["login"], cfg["passphrase"])
    win = MainWindow(ws)
    win.show()
    win.activateWindow()
    QApplication.processEvents()
    rows = {m.key: i for i, m in enumerate(win.modules)}

    # -- the dossier, stap 1 (the recovery question is answered like a user: "Terugzetten") --------
    win.nav.setCurrentRow(rows["meldcode"])
    mpage = win.page("meldcode")
    state = {"polling": True, "asked": False}

    def answer_question() -> None:
        if not state["polling"]:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            state["asked"] = True
            state["polling"] = False
            terug = next(b for b in box.buttons() if b.text().replace("&", "") == "Terugzetten")
            QTest.mouseClick(terug, Qt.MouseButton.LeftButton)
            return
        QTimer.singleShot(10, answer_question)

    QTimer.singleShot(0, answer_question)
    mpage.open_dossier(cfg["dossier_id"])
    state["polling"] = False
    emit(f"QUESTION {int(state['asked'])}")
    view = mpage.view
    if view is None:
        emit("ERROR dossier-not-opened")
        return 2
    view.go_to_step(1)
    form = view.step1.signaal_form
    dfield = form.fields["omschrijving"]

    # -- the zelfscan, answer view ----------------------------------------------------------------
    win.nav.setCurrentRow(rows["zelfscan"])
    zpage = win.page("zelfscan")
    sview = zpage.open_scan(cfg["scan_id"], tab=0)
    if sview is None:
        emit("ERROR scan-not-opened")
        return 2
    av = sview.answer_view
    sfield = av.toelichting_edit

    # -- acknowledgements: only after the app's own save call returned -----------------------------
    run = {"i": 0, "target": None}
    events = cfg["events"]
    acked_scan: dict[str, str] = {sid: sha(a.toelichting) for sid, a in av.answers.items()}

    def draft_saved() -> None:
        if form.error.text().startswith("Automatisch bewaren lukte niet"):
            emit("SAVEFAIL d")
            return
        t = dfield.toPlainText()
        emit(f"ACK d {run['i']} {len(t)} {sha(t)}")

    def answers_saved() -> None:
        for sid, a in av.answers.items():
            h = sha(a.toelichting)
            if acked_scan.get(sid) != h:
                acked_scan[sid] = h
                emit(f"ACK s {run['i']} {sid} {len(a.toelichting)} {h}")

    def record_added(_record) -> None:
        added["n"] += 1
        emit(f"ACK r {run['i'] + 1} {base_records + added['n']}")

    def scan_failed_check() -> None:
        if av.save_status.text().startswith("Opslaan lukte niet"):
            emit("SAVEFAIL s")

    added = {"n": 0}
    base_records = len(view.dossier.signalen)
    form.saver.saved.connect(draft_saved)
    av.saver.saved.connect(scan_failed_check)
    av.answers_saved.connect(answers_saved)
    form.submitted.connect(record_added)

    t = dfield.toPlainText()
    s = sfield.toPlainText()
    ready_ms = int((time.monotonic() - _T0) * 1000)
    emit(f"READY {ready_ms} d {len(t)} {sha(t)} r {base_records} s {av.current_standard.id} {len(s)} {sha(s)}")

    # -- the script ---------------------------------------------------------------------------------
    def focus(module: str, field) -> None:
        win.nav.setCurrentRow(rows[module])
        field.setFocus(Qt.FocusReason.MouseFocusReason)
        QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # continue at the end
        run["target"] = field

    def type_char(ch: str) -> None:
        w = run["target"]
        if ch.isascii() and (ch.isalnum() or ch in " .[]-,"):
            QTest.keyClick(w, ch)
        else:  # QTest refuses non-ASCII: the same key events a keyboard layout would deliver
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(w, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))

    def choose_standard(index: int) -> None:
        sid = av.standaarden[index].id
        item = av.standard_list.item(av._row_of[sid])
        av.standard_list.scrollToItem(item)
        QTest.mouseClick(av.standard_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=av.standard_list.visualItemRect(item).center())
        if av.current_standard.id != sid:
            emit("ERROR standard-not-chosen")
            os._exit(2)

    def step() -> None:
        i = run["i"]
        if i >= len(events):
            emit(f"DONE {i}")
            return
        kind, arg, delay = events[i]
        if kind == "fd":
            focus("meldcode", dfield)
        elif kind == "fs":
            win.nav.setCurrentRow(rows["zelfscan"])
            focus("zelfscan", sfield)
        elif kind == "k":
            type_char(arg)
        elif kind == "add":
            QTest.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
        elif kind == "sgoto":
            win.nav.setCurrentRow(rows["zelfscan"])
            choose_standard(arg)
            if run["target"] is sfield:
                focus("zelfscan", sfield)
        else:
            emit(f"ERROR unknown-event-{kind}")
            os._exit(2)
        run["i"] = i + 1
        QTimer.singleShot(delay, step)

    QTimer.singleShot(0, step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
