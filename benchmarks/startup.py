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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.show()
w.repaint()
app.processEvents()
"""


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
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
    mb, ma = statistics.median(base_t), statistics.median(app_t)
    print(f"runs each: {args.runs} (interleaved, after one warm-up)")
    print(f"bare PySide6 window: median {mb * 1000:.0f} ms  (min {min(base_t) * 1000:.0f}, max {max(base_t) * 1000:.0f})")
    print(f"GHNT Desktop (demo): median {ma * 1000:.0f} ms  (min {min(app_t) * 1000:.0f}, max {max(app_t) * 1000:.0f})")
    print(f"ratio app/bare: {ma / mb:.2f}  (budget 2.00)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
