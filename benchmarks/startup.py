"""Start-up budget: cold start to a painted main window vs a bare PySide6 window.

Runs, interleaved, N times each (after one warm-up of each):
  * baseline: a bare script that shows an empty QMainWindow, paints once and exits;
  * app:      ``python -m ghnt_desktop --data-dir DEMO --user demo --passphrase-file F --quit-after-startup``
              on a demo workspace (real Argon2id parameters, real SQLCipher file).
Prints both medians and the ratio (goal: app <= 2x baseline).

    python benchmarks/startup.py [--runs 7]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.show()
w.repaint()
app.processEvents()
sys.stderr.write(f"startup painted: (epoch {time.time():.6f})\\n")
"""


def timed(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Seconds from spawn to: the first painted window, the first screen built, the process exited."""
    t0 = time.time()
    r = subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, cwd=ROOT, text=True)
    total = time.time() - t0
    m = re.search(r"startup painted: .*\(epoch ([0-9.]+)\)", r.stderr)
    if not m:
        raise SystemExit(f"no paint reported by {cmd[:3]}: {r.stderr[-500:]}")
    painted = float(m.group(1)) - t0
    m2 = re.search(r"startup first page ready: .*\(epoch ([0-9.]+)\)", r.stderr)
    ready = float(m2.group(1)) - t0 if m2 else painted  # the bare window has no screens to build
    return painted, ready, total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), GHNT_TRACE_STARTUP="1")
    # An installed app has its byte code cached; measure that, not compiling sources on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        subprocess.run([sys.executable, "-m", "ghnt_desktop", "demo", "--data-dir", str(data)], check=True, env=env,
                       stdout=subprocess.DEVNULL, cwd=ROOT)
        pw = Path(tmp) / "pw"
        pw.write_text("demo\n")
        bare = [sys.executable, "-c", BARE]
        app = [sys.executable, "-m", "ghnt_desktop", "--data-dir", str(data), "--user", "demo",
               "--passphrase-file", str(pw), "--quit-after-startup"]
        timed(bare, env), timed(app, env)  # warm-up (page cache, .pyc)
        base_t, app_t = [], []
        for _ in range(args.runs):
            base_t.append(timed(bare, env))
            app_t.append(timed(app, env))
    print(f"runs each: {args.runs} (interleaved, after one warm-up); times from spawn")
    for label, idx in (("to first paint", 0), ("to first screen ready", 1), ("to process exit", 2)):
        mb = statistics.median(t[idx] for t in base_t)
        ma = statistics.median(t[idx] for t in app_t)
        print(f"{label}: bare PySide6 window median {mb * 1000:.0f} ms; GHNT Desktop (demo) median {ma * 1000:.0f} ms;"
              f" ratio {ma / mb:.2f}")
    print("budget: ratio to first paint <= 2.00")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
