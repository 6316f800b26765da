"""Kill test, short version (the long one: ``python benchmarks/kill_test.py --kills 200``)."""
from __future__ import annotations

import json
import random
import time

import pytest

from tests.soak import killtest as kt


@pytest.mark.slow
def test_sigkill_while_typing_loses_nothing_acknowledged(demo_dir, tmp_path):
    """About 10 SIGKILLs of the real app while it types into a dossier and a zelfscan."""
    t0 = time.monotonic()
    rep = kt.run(10, seed=20260501, data_dir=demo_dir, work_dir=tmp_path / "work", ui_check_every=1,
                 log=lambda s: None)
    print(rep.text(), f"\nshort kill test: {time.monotonic() - t0:.1f} s")
    assert rep.kills == 10, rep.text()
    assert rep.integrity_failures == 0, rep.text()
    assert rep.lost_changes == 0, rep.text()
    assert rep.duplicates == 0, rep.text()
    assert rep.failure_count == 0, rep.text()
    # the run must have had something to check: saves acknowledged before kills, restarts that reached the screens
    assert sum(rep.acks.values()) > 0, rep.text()
    assert rep.questions_checked > 0 and rep.ui_checks == 10, rep.text()


# ----------------------------------------------------------------------------------- the checker itself

def _model():
    base = kt.Stored("", ("demo signaal",), {"S1": "oud"})
    events, model, _ = kt.make_script(random.Random(7), 3, base, ["S1", "S2"], 0)
    return base, events, model


def test_script_is_deterministic_and_tags_every_new_signal():
    base, events, model = _model()
    assert kt.make_script(random.Random(7), 3, base, ["S1", "S2"], 0)[0] == events
    added = [r for r in model.records[-1] if r != "demo signaal"]
    assert all(kt.TAG.match(r) for r in added)
    assert len(set(added)) == len(added)
    assert len(model.draft) == len(events) + 1 == len(model.scan)


def test_checker_accepts_later_states_and_reports_lost_ones():
    _base, events, model = _model()
    typed = [j for j in range(1, len(model.draft)) if model.draft[j] and model.draft[j] != model.draft[j - 1]]
    early, late = typed[0], typed[-1]

    def check(j_stored: int, acked: int) -> kt.Report:
        rep = kt.Report()
        stored = kt.Stored(model.draft[j_stored], model.records[j_stored], model.scan[j_stored])
        kt.check_dossier(rep, 1, model, acked, stored, len(model.records[acked]))
        return rep

    assert check(late, early).failure_count == 0          # committed later than the last ACK: fine
    assert check(early, early).failure_count == 0         # exactly the acknowledged state: fine
    rep = check(early, late)                              # an earlier state than acknowledged: lost
    assert rep.lost_changes >= 1 and rep.failures, rep.failures


def test_checker_reports_a_stale_draft_and_a_lost_scan_answer():
    _base, events, model = _model()
    assert model.adds, "the script adds a signal"
    j = min(model.adds)
    rep = kt.Report()
    stale = kt.Stored(model.draft[j], model.records[j + 1], model.scan[j])  # signal stored, draft kept
    kt.check_dossier(rep, 1, model, 0, stale, 0)
    assert set(rep.failures) == {"stale_draft_of_added_signal"}
    sj = next(i for i in range(1, len(model.scan)) if model.scan[i] != model.scan[i - 1])
    sid = next(s for s in model.scan[sj] if model.scan[sj][s] != model.scan[sj - 1].get(s))
    rep = kt.Report()
    kt.check_scan(rep, 1, model, {sid: sj}, kt.Stored("", (), dict(model.scan[sj - 1])))
    assert rep.lost_changes == 1 and set(rep.failures) == {"lost_scan_answer"}


# ----------------------------------------------------------------------------------- a deterministic kill point

def test_kill_right_after_adding_a_signal_leaves_no_draft(demo_dir, tmp_path):
    """SIGKILL at the moment voeg_toe has returned: the signal is stored once and nothing is offered again."""
    dossier_id, scan_id, _standards = kt.pick_targets(demo_dir)
    text = "[0.0] blauwe plek"
    events = [["fd", None, 30]] + [["k", ch, 15] for ch in text[:-1]] + [["k", text[-1], 600], ["add", None, 100]]
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"data_dir": str(demo_dir), "login": kt.LOGIN, "passphrase": kt.PASSPHRASE,
                                  "dossier_id": dossier_id, "scan_id": scan_id, "events": events,
                                  "die_after_record_stored": True}), encoding="utf-8")
    child = kt.Child(script, tmp_path / "stderr.txt", kt.child_env())
    deadline = time.monotonic() + 120
    # ends by its own SIGKILL; a product that no longer calls voeg_toe here simply finishes the script
    while child.proc.poll() is None and not any(ln.startswith("DONE") for _t, ln in child.lines):
        assert time.monotonic() < deadline, "the driver neither died nor finished"
        time.sleep(0.05)
    child.kill()
    lines = [ln for _t, ln in child.lines]
    assert not any(ln.startswith(("ERROR", "SAVEFAIL")) for ln in lines), lines
    assert any(ln.startswith("ACK d") for ln in lines), lines   # the typed text was autosaved first
    ws = kt.open_ws(demo_dir)
    try:
        assert kt.integrity_problems(ws) == []
        stored = kt.read_stored(ws, dossier_id, scan_id)
        assert stored.records.count(text) == 1                  # the signal is stored, once
        asked, _restored = kt.ui_question(ws, dossier_id)
        assert stored.draft == "", "the draft of the added signal is still stored"
        assert not asked, "the recovery question offers a signal that was already added"
    finally:
        ws.close()
