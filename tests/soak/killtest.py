"""Kill test ("Never lose work"): type into the real app, SIGKILL it at random moments, check what survived.

Used by ``benchmarks/kill_test.py`` (long run, 200+ kills) and ``tests/soak/test_kill.py`` (about 10 kills).

Per iteration:

1. Generate a deterministic script (seeded per iteration) on top of the state found after the previous
   kill: bursts of typing into the signal's omschrijving (stap 1 of a dossier) and into the toelichting
   of a zelfscan standard, pauses (so the 400 ms autosave fires), sometimes "Toevoegen" (completes a
   signal) or another standard. Each new signal starts with a unique tag ``[iteration.n]``.
2. Start :mod:`tests.soak.driver` (real widgets, offscreen) and SIGKILL it: mostly 0.2–2.5 s after it
   reported READY (typing), sometimes during start-up (unlock, recovery question, restore).
3. Open the workspace in this process and check:
   - ``PRAGMA integrity_check`` is ``ok`` (and ``services.integrity.check_workspace``: cipher pages,
     foreign keys, audit chain);
   - the stored draft + signals are a state the script passed through at or after the last
     acknowledged dossier save (``ACK d``/``ACK r``) - anything earlier is a lost acknowledged change;
   - every zelfscan toelichting is a state at or after its last ``ACK s``;
   - no signal is stored twice (a tag occurs once);
   - the recovery question (reported by the restarted driver, and every ``ui_check_every`` iterations
     also asked in-process through a real ``DossierView``) appears exactly when a draft is stored, and
     never for input that was already completed.
4. The state found becomes the base of the next iteration (the driver accepts the recovery), so state
   accumulates over the run.

Nothing prints case content: only counts, positions and kinds (the demo data is fictitious anyway).
"""
from __future__ import annotations

import collections
import hashlib
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOGIN, PASSPHRASE = "demo", "demo"
TAG = re.compile(r"^\[(\d+\.\d+)\]")
DRAFT_KEY = "signaal"

#: characters typed; a few non-ASCII ones go through the QKeyEvent path of the driver
LETTERS = "abcdefghijklmnopqrstuvwxyz" * 3 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "      " + "ëéïĳ€‘’ö"
SCAN_MAX_CHARS = 2500  # move to another standard before the toelichting gets long (domain max 4000)
HORIZON_MS = 4200      # script length: longer than the latest kill (2.5 s after READY)


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------------------------- state

@dataclass
class Stored:
    """What the database holds for the two screens."""
    draft: str                      # the signal draft's omschrijving ("" = no draft)
    records: tuple[str, ...]        # omschrijving of every current signal of the dossier
    scan: dict[str, str]            # standaard_id -> toelichting ("" = no answer)
    other_drafts: tuple[str, ...] = ()


@dataclass
class Model:
    """Every state the script passes through: position j = after j events."""
    draft: list[str]
    records: list[tuple[str, ...]]
    scan: list[dict[str, str]]
    adds: set[int]                  # positions j where event j is "add"


def make_script(rng: random.Random, iteration: int, base: Stored, standards: list[str], s_index: int):
    """A deterministic list of driver events on top of ``base``; returns (events, model, last standard index)."""
    events: list[list] = []
    draft, records, scan = base.draft, base.records, dict(base.scan)
    model = Model([draft], [records], [dict(scan)], set())

    def add(kind, arg, delay):
        nonlocal draft, records
        if kind == "k":
            if target == "d":
                draft += arg
            else:
                scan[standards[s_index]] = scan.get(standards[s_index], "") + arg
        elif kind == "add":
            model.adds.add(len(events))
            records = records + (draft.strip(),)
            draft = ""
        events.append([kind, arg, delay])
        model.draft.append(draft)
        model.records.append(records)
        model.scan.append(dict(scan))

    target = None
    tag_n = 0
    add("sgoto", s_index, rng.randint(20, 60))
    elapsed = 0
    while elapsed < HORIZON_MS:
        start = len(events)
        target = "s" if target == "d" or (target is None and rng.random() < 0.5) else "d"
        if rng.random() < 0.15:  # sometimes stay in the same field
            target = "d" if target == "s" else "s"
        if target == "s" and len(scan.get(standards[s_index], "")) > SCAN_MAX_CHARS:
            s_index = (s_index + 1) % len(standards)
            add("sgoto", s_index, rng.randint(20, 60))
        add("fd" if target == "d" else "fs", None, rng.randint(20, 80))
        text = "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 8)))
        if target == "d" and not draft.strip():
            text = f"[{iteration}.{tag_n}] " + text.lstrip()  # a new signal: unique tag
            tag_n += 1
        for ch in text:
            add("k", ch, rng.randint(10, 45))
        if rng.random() < 0.75:  # a pause: the autosave (400 ms after the last key) fires
            events[-1][2] = rng.randint(420, 650)
        if target == "d" and draft.strip() and rng.random() < 0.25:
            add("add", None, rng.randint(60, 300))
        if target == "s" and rng.random() < 0.12:
            s_index = (s_index + rng.randint(1, 3)) % len(standards)
            add("sgoto", s_index, rng.randint(30, 120))
        elapsed += sum(e[2] for e in events[start:]) + 10 * (len(events) - start)  # ~10 ms per event itself
    return events, model, s_index


# ------------------------------------------------------------------------------------------- report

@dataclass
class Report:
    kills: int = 0
    kills_in_startup: int = 0
    failures: collections.Counter = field(default_factory=collections.Counter)
    lost_changes: int = 0
    duplicates: int = 0
    integrity_failures: int = 0
    acks: collections.Counter = field(default_factory=collections.Counter)
    restart_times: list[float] = field(default_factory=list)
    questions_asked: int = 0
    questions_expected: int = 0
    questions_checked: int = 0
    ui_checks: int = 0
    ui_check_every: int = 1
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def fail(self, kind: str, detail: str = "") -> None:
        self.failures[kind] += 1
        if len(self.examples) < 20:
            self.examples.append(f"{kind}: {detail}" if detail else kind)

    @property
    def failure_count(self) -> int:
        return sum(self.failures.values())

    def text(self) -> str:
        med = statistics.median(self.restart_times) if self.restart_times else float("nan")
        lines = [
            f"kills: {self.kills} ({self.kills_in_startup} during start-up/recovery, "
            f"{self.kills - self.kills_in_startup} while typing)",
            f"acknowledged saves seen: {self.acks['d']} dossier drafts, {self.acks['s']} zelfscan answers, "
            f"{self.acks['r']} signals added",
            f"failures: {self.failure_count}" + (" (" + ", ".join(f"{k}: {v}" for k, v in
                                                             sorted(self.failures.items())) + ")"
                                               if self.failures else ""),
            f"lost acknowledged changes: {self.lost_changes}",
            f"duplicates: {self.duplicates}",
            f"integrity failures: {self.integrity_failures}",
            f"recovery question: asked {self.questions_asked} of {self.questions_checked} restarts that got that far "
            f"(expected {self.questions_expected}); in-process DossierView checks: {self.ui_checks} "
            f"(every {self.ui_check_every}. iteration)",
            f"median restart time (spawn to typing, incl. unlock and recovery): {med:.2f} s",
            f"wall time: {self.seconds:.0f} s",
        ]
        lines += [f"  e.g. {e}" for e in self.examples]
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------- workspace

def open_ws(data_dir: Path):
    from ghnt_desktop.services.login import login

    return login(data_dir, LOGIN, PASSPHRASE)


def pick_targets(data_dir: Path) -> tuple[int, int, list[str]]:
    """An open dossier at stap 1 of the demo account, and an editable zelfscan (with its standard order)."""
    from ghnt_desktop.domain.meldcode import DossierStatus
    from ghnt_desktop.services import meldcode, zelfscan

    ws = open_ws(data_dir)
    try:
        rows = meldcode.lijst(ws, meldcode.DossierFilter(status=DossierStatus.OPEN, stap=1), limit=100)
        own = [r for r in rows if r.eigenaar_naam == ws.session.naam] or rows
        dossier_id = own[0].id
        scan = next(s for s in zelfscan.scans(ws) if s.bewerkbaar)
        _zs, cat = zelfscan.laad_scan(ws, scan.id)
        return dossier_id, scan.id, [s.id for s in cat.standaarden_op_volgorde]
    finally:
        ws.close()


def read_stored(ws, dossier_id: int, scan_id: int) -> Stored:
    from ghnt_desktop.services import meldcode, zelfscan

    drafts = meldcode.concepten(ws, dossier_id)
    draft = drafts[DRAFT_KEY][0].get("waarden", {}).get("omschrijving", "") if DRAFT_KEY in drafts else ""
    records = tuple(s.omschrijving for s in meldcode.laad(ws, dossier_id).signalen)
    zs, _cat = zelfscan.laad_scan(ws, scan_id)
    return Stored(draft, records, {a.standaard_id: a.toelichting for a in zs.antwoorden},
                  tuple(sorted(k for k in drafts if k != DRAFT_KEY)))


def integrity_problems(ws) -> list[str]:
    from ghnt_desktop.services.integrity import check_workspace

    rows = [r[0] for r in ws.db.conn.execute("PRAGMA integrity_check")]
    problems = [] if rows == ["ok"] else [f"integrity_check: {len(rows)} rows"]
    return problems + check_workspace(ws)


def ui_question(ws, dossier_id: int) -> tuple[bool, str | None]:
    """Build the real DossierView: was the recovery question asked, and what would "Terugzetten" put back?"""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.ui.meldcode.dossier_view import DossierView

    make_app()
    asked: list = []
    view = DossierView(ws, dossier_id, ask_restore=lambda ts: asked.append(ts) or True)
    restored = view.step1.signaal_form.fields["omschrijving"].toPlainText() if asked else None
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return bool(asked), restored


# ------------------------------------------------------------------------------------------- driver process

class Child:
    """The driver process with a reader thread; lines are (seconds since spawn, text)."""

    def __init__(self, script_path: Path, stderr_path: Path, env: dict) -> None:
        self.t0 = time.monotonic()
        self.err = open(stderr_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.soak.driver", str(script_path)], cwd=ROOT, env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.err)
        self.lines: list[tuple[float, str]] = []
        self.ready = threading.Event()
        self.ready_at: float | None = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):
                break  # cut off by the kill: not a complete acknowledgement
            line = raw.decode("ascii", "replace").rstrip("\n")
            now = time.monotonic() - self.t0
            self.lines.append((now, line))
            if line.startswith("READY") or line.startswith("ERROR"):
                if line.startswith("READY"):
                    self.ready_at = now
                self.ready.set()

    def kill(self) -> int | None:
        """SIGKILL (unless it already ended); returns the exit code if it ended by itself."""
        rc = self.proc.poll()
        if rc is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.reader.join(timeout=10)
        self.proc.stdout.close()
        self.err.close()
        return rc


def child_env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# ------------------------------------------------------------------------------------------- checks

def tags(records) -> collections.Counter:
    return collections.Counter(m.group(1) for r in records if (m := TAG.match(r)))


def check_dossier(rep: Report, it: int, model: Model, acked: int, stored: Stored, acked_records: int) -> None:
    """``acked``: the model position of the last acknowledged dossier save (0: none)."""
    state = (stored.draft, collections.Counter(stored.records))
    ok = [j for j in range(len(model.draft))
          if (model.draft[j], collections.Counter(model.records[j])) == state]
    if any(j >= acked for j in ok):
        return
    if len(stored.records) < acked_records:
        rep.lost_changes += acked_records - len(stored.records)
        rep.fail("lost_signal", f"iteration {it}: {len(stored.records)} signals stored, {acked_records} acknowledged")
        return
    if ok:
        rep.lost_changes += 1
        rep.fail("lost_draft", f"iteration {it}: stored draft is the state at position {max(ok)}, "
                               f"last acknowledged save at {acked}")
        return
    stale = [j for j in model.adds
             if j + 1 >= acked and stored.draft == model.draft[j]
             and collections.Counter(stored.records) == collections.Counter(model.records[j + 1])]
    if stale:
        rep.fail("stale_draft_of_added_signal",
                 f"iteration {it}: the signal of event {stale[0]} is stored, but its draft was not removed")
        return
    rep.fail("unexpected_dossier_state", f"iteration {it}: draft {len(stored.draft)} chars, "
                                         f"{len(stored.records)} signals; matches no typed state")


def check_scan(rep: Report, it: int, model: Model, acked: dict[str, int], stored: Stored) -> None:
    sids = set(stored.scan) | set().union(*(set(s) for s in model.scan))
    for sid in sorted(sids):
        got = stored.scan.get(sid, "")
        ok = [j for j in range(len(model.scan)) if model.scan[j].get(sid, "") == got]
        a = acked.get(sid, 0)
        if any(j >= a for j in ok):
            continue
        if ok:
            rep.lost_changes += 1
            rep.fail("lost_scan_answer", f"iteration {it}: {sid} holds the state at position {max(ok)}, "
                                         f"acknowledged at {a}")
        else:
            rep.fail("unexpected_scan_state", f"iteration {it}: {sid} ({len(got)} chars) matches no typed state")


def match_ack(rep: Report, it: int, positions: list, pos: int, digest: str, what: str) -> int | None:
    """The model position an acknowledgement stands for (pos, or pos+1 when the save ran inside the event)."""
    for j in (pos, pos + 1):
        if j < len(positions) and sha(positions[j]) == digest:
            return j
    rep.fail("ack_mismatch", f"iteration {it}: {what} acknowledged at {pos} is not what was typed")
    return None


# ------------------------------------------------------------------------------------------- the run

def run(kills: int = 200, seed: int = 1, *, data_dir: Path | None = None, work_dir: Path | None = None,
        ui_check_every: int = 1, startup_share: float = 0.15, log=print) -> Report:
    """Run the kill test; ``data_dir``: an existing demo workspace (else one is made with ``ghnt demo``)."""
    t_start = time.monotonic()
    tmp = None
    if work_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="ghnt-kill-")
        work_dir = Path(tmp.name)
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    env = child_env()
    if data_dir is None:
        data_dir = work_dir / "demo"
        subprocess.run([sys.executable, "-m", "ghnt_desktop", "demo", "--data-dir", str(data_dir)], check=True,
                       cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    data_dir = Path(data_dir)
    rep = Report(ui_check_every=max(1, ui_check_every))
    rng = random.Random(seed)
    dossier_id, scan_id, standards = pick_targets(data_dir)
    ws = open_ws(data_dir)
    try:
        base = read_stored(ws, dossier_id, scan_id)
    finally:
        ws.close()
    known_dup_tags: set[str] = {t for t, n in tags(base.records).items() if n > 1}
    known_dup_texts = sum(n - 1 for n in collections.Counter(base.records).values() if n > 1)
    s_index = rng.randrange(len(standards))
    script_path = work_dir / "script.json"
    try:
        for it in range(1, kills + 1):
            # -- 1. script on top of what is stored now -----------------------------------------------
            events, model, s_index = make_script(random.Random(f"{seed}:{it}"), it, base, standards, s_index)
            script_path.write_text(json.dumps({"data_dir": str(data_dir), "login": LOGIN, "passphrase": PASSPHRASE,
                                               "dossier_id": dossier_id, "scan_id": scan_id, "events": events}),
                                   encoding="utf-8")
            draft_at_start = base.draft
            # -- 2. run and kill -------------------------------------------------------------------------
            child = Child(script_path, work_dir / "driver-stderr.txt", env)
            in_startup = rng.random() < startup_share
            if in_startup:
                typical = statistics.median(rep.restart_times) if rep.restart_times else 1.5
                time.sleep(rng.uniform(0.05, typical))
            else:
                delay = rng.uniform(0.2, 2.5)
                if child.ready.wait(timeout=90) and child.ready_at is not None:
                    time.sleep(max(0.0, child.t0 + child.ready_at + delay - time.monotonic()))
                else:
                    rep.fail("no_ready", f"iteration {it}: the driver did not get ready")
            rc = child.kill()
            rep.kills += rc is None
            lines = [ln for _t, ln in child.lines]
            if child.ready_at is None:
                rep.kills_in_startup += 1
            else:
                rep.restart_times.append(child.ready_at)
            if rc is not None:
                rep.fail("driver_exit", f"iteration {it}: the driver ended by itself (exit code {rc})")
            for ln in lines:
                if ln.startswith(("ERROR", "SAVEFAIL")):
                    rep.fail(ln.split()[0].lower(), f"iteration {it}: {ln}")
            if rc is not None or any(ln.startswith("ERROR") for ln in lines):
                err = (work_dir / "driver-stderr.txt").read_text("utf-8", "replace")
                log(f"driver stderr (iteration {it}, last lines):\n" + "\n".join(err.splitlines()[-15:]))

            # -- 3. what the driver saw and acknowledged --------------------------------------------------
            acked_d, acked_records = 0, len(base.records)
            acked_s: dict[str, int] = {}
            for ln in lines:
                p = ln.split()
                if p[0] == "QUESTION":
                    rep.questions_checked += 1
                    rep.questions_asked += p[1] == "1"
                    expected = bool(draft_at_start)
                    rep.questions_expected += expected
                    if (p[1] == "1") != expected:
                        rep.fail("question_wrong", f"iteration {it}: asked={p[1]}, draft stored={int(expected)}")
                    elif expected and TAG.match(draft_at_start) and \
                            tags(base.records)[TAG.match(draft_at_start).group(1)] > 0:
                        rep.fail("question_for_completed_input",
                                 f"iteration {it}: the recovery question offered a signal that was already added")
                elif p[0] == "READY":
                    d_sha, r_n, sid, s_sha = p[4], int(p[6]), p[8], p[10]
                    if (d_sha, r_n) != (sha(base.draft), len(base.records)) or s_sha != sha(base.scan.get(sid, "")):
                        rep.fail("restore_mismatch",
                                 f"iteration {it}: the restarted screens do not show what is stored")
                elif p[0] == "ACK":
                    rep.acks[p[1]] += 1
                    if p[1] == "d":
                        j = match_ack(rep, it, model.draft, int(p[2]), p[4], "dossier draft")
                        acked_d = max(acked_d, j or 0)
                    elif p[1] == "r":
                        pos, n = int(p[2]), int(p[3])
                        if pos >= len(model.records) or len(model.records[pos]) != n:
                            rep.fail("ack_mismatch", f"iteration {it}: signal count {n} acknowledged at {pos}")
                        else:
                            acked_d = max(acked_d, pos)
                        acked_records = max(acked_records, n)
                    elif p[1] == "s":
                        sid = p[3]
                        j = match_ack(rep, it, [m.get(sid, "") for m in model.scan], int(p[2]), p[5],
                                      f"zelfscan answer {sid}")
                        acked_s[sid] = max(acked_s.get(sid, 0), j or 0)

            # -- 4. what the database holds after the kill ------------------------------------------------
            try:
                ws = open_ws(data_dir)
            except Exception as exc:  # the workspace must always open again
                rep.integrity_failures += 1
                rep.fail("reopen_failed", f"iteration {it}: {type(exc).__name__}")
                break
            try:
                problems = integrity_problems(ws)
                if problems:
                    rep.integrity_failures += 1
                    rep.fail("integrity", f"iteration {it}: " + "; ".join(problems))
                stored = read_stored(ws, dossier_id, scan_id)
                if stored.other_drafts:
                    rep.fail("unexpected_draft", f"iteration {it}: drafts {', '.join(stored.other_drafts)}")
                check_dossier(rep, it, model, acked_d, stored, acked_records)
                check_scan(rep, it, model, acked_s, stored)
                dup_tags = {t for t, n in tags(stored.records).items() if n > 1} - known_dup_tags
                dup_texts = sum(n - 1 for n in collections.Counter(stored.records).values() if n > 1)
                if dup_tags or dup_texts > known_dup_texts:
                    rep.duplicates += max(len(dup_tags), dup_texts - known_dup_texts)
                    rep.fail("duplicate_signal", f"iteration {it}: a signal is stored twice")
                    known_dup_tags |= dup_tags
                    known_dup_texts = max(known_dup_texts, dup_texts)
                if it % rep.ui_check_every == 0:
                    asked, restored = ui_question(ws, dossier_id)
                    rep.ui_checks += 1
                    if asked != bool(stored.draft) or (asked and restored != stored.draft):
                        rep.fail("ui_question_wrong", f"iteration {it}: asked={int(asked)}, "
                                                      f"draft stored={int(bool(stored.draft))}")
            finally:
                ws.close()
            base = stored
            if it % 10 == 0 or it == kills:
                log(f"[{it}/{kills}] kills {rep.kills}, failures {rep.failure_count}, lost {rep.lost_changes}, "
                    f"duplicates {rep.duplicates}, acks d/s/r {rep.acks['d']}/{rep.acks['s']}/{rep.acks['r']}")
    finally:
        rep.seconds = time.monotonic() - t_start
        if tmp is not None:
            tmp.cleanup()
    return rep
