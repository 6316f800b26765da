"""Backup and restore times on a demo workspace (median of several runs).

    python benchmarks/backup_restore.py [--runs 7]

Measures, in-process, with the real Argon2id parameters of the demo accounts:
  * backup:  ``services.backup.make_backup`` = VACUUM INTO + full verification (integrity_check,
             cipher_integrity_check, audit chain) + SHA-256 + sidecar + key-slot copy;
  * verify:  ``services.backup.verify`` of that backup;
  * restore: ``services.backup.restore`` = passphrase check + verification + copy into the data dir +
             audit entry + second verification + pre-restore backup + swap + reopen.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from ghnt_desktop.demo.build import build_demo
    from ghnt_desktop.services import backup as service
    from ghnt_desktop.storage.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        build_demo(data)
        ws = Workspace.open(data, "demo", "demo")
        db_size = (data / "werkruimte.db").stat().st_size
        rows = sum(ws.db.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ws.db.table_names())
        b_t, v_t, r_t = [], [], []
        try:
            service.make_backup(ws)  # warm-up
            for _ in range(args.runs):
                t0 = time.perf_counter()
                info = service.make_backup(ws)
                b_t.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                check = service.verify(ws, info.path)
                v_t.append(time.perf_counter() - t0)
                assert check.ok, check.problems
                t0 = time.perf_counter()
                ws, _ = service.restore(ws, info.path, "demo")
                r_t.append(time.perf_counter() - t0)
        finally:
            ws.close()
    print(f"demo workspace: {db_size / 1e6:.2f} MB database, {rows} rows; runs: {args.runs} (after one warm-up)")
    for name, ts in (("backup (write + verify)", b_t), ("verify", v_t), ("restore (incl. pre-restore backup)", r_t)):
        print(f"{name:<36} median {statistics.median(ts) * 1000:7.0f} ms   min {min(ts) * 1000:6.0f}   "
              f"max {max(ts) * 1000:6.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
